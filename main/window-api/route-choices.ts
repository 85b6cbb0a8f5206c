import type { RouteChoices } from '../../common/bridge-api.js';
import { providerLabel } from '../klikit/enums.js';
import { parseBody } from './order-summary.js';

// The values a printer's routes can take, as recent orders carry them: staff tick what they see on
// their orders instead of typing klikit ids from memory.

type Named = { id: number; name: string };

const byName = (a: Named, b: Named): number => a.name.localeCompare(b.name) || a.id - b.id;

/** Brands (by id, with their title), category names and providers of the given stored order bodies. */
export function routeChoicesOf(bodies: Iterable<string>): RouteChoices {
  const brands = new Map<number, string>();
  const categories = new Map<string, string>();
  const providers = new Set<number>();
  for (const body of bodies) {
    const order = parseBody(body);
    if (!order) continue;
    if (order.provider_id != null) providers.add(order.provider_id);
    for (const b of order.brands) if (!brands.has(b.id) || !brands.get(b.id)) brands.set(b.id, b.title);
    for (const line of order.cart_v2 ?? []) {
      if (line.brand && !brands.get(line.brand.id)) brands.set(line.brand.id, line.brand.title ?? '');
      const category = line.klikit_category_name?.trim();
      // Routes match category names in any case: one choice per name.
      if (category && !categories.has(category.toLowerCase())) categories.set(category.toLowerCase(), category);
    }
  }
  return {
    brands: [...brands].map(([id, name]) => ({ id, name: name || `brand ${id}` })).sort(byName),
    categories: [...categories.values()].sort((a, b) => a.localeCompare(b)),
    providers: [...providers].map((id) => ({ id, name: providerLabel(id) })).sort(byName),
  };
}
