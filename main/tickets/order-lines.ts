// One shape for the kitchen lines of an order, whichever cart klikit sent: `cart_v2` when present,
// else the legacy `cart` (`title` / `groups`).

import type { ModifierGroup, NameTranslations, Order } from '../klikit/schemas.js';

/** The name in other languages, as klikit sent them (`klikit_name_translation` first, then `title_v2`). */
export type Translations = ReadonlyArray<NameTranslations | undefined>;

export type TicketModifier = { name: string; quantity: number; groups: TicketModifierGroup[]; translations: Translations };
export type TicketModifierGroup = { name: string; modifiers: TicketModifier[]; translations: Translations };
export type TicketLine = {
  /** Stable across versions of the order, so an update ticket can say which lines changed. */
  key: string;
  /** As klikit sent it: what routing, out-of-stock marks and change marks match on. */
  name: string;
  translations: Translations;
  quantity: number;
  comment: string;
  brandTitle: string;
  /** What station routing matches on (main/routing): brand id, klikit category id and name. */
  brandId: number | null;
  categoryId: string;
  categoryName: string;
  groups: TicketModifierGroup[];
};

const translationsOf = (value: { klikit_name_translation?: NameTranslations | undefined; title_v2?: NameTranslations | undefined }): Translations => [
  value.klikit_name_translation,
  value.title_v2,
];

function fromModifierGroups(groups: ModifierGroup[]): TicketModifierGroup[] {
  return groups.map((g) => ({
    name: g.name,
    translations: translationsOf(g),
    modifiers: g.modifiers.map((m) => ({ name: m.name, quantity: m.quantity, groups: fromModifierGroups(m.modifier_groups), translations: translationsOf(m) })),
  }));
}

type Brand = { id?: number | undefined; title?: string | undefined } | null | undefined;

/** Brand titles by id, first one winning: looked up once per line, never by scanning the list. */
function brandTitles(order: Order): Map<number, string> {
  const titles = new Map<number, string>();
  for (const b of order.brands) if (!titles.has(b.id)) titles.set(b.id, b.title);
  return titles;
}

function brandTitleOf(titles: Map<number, string>, brand: Brand): string {
  if (brand?.title) return brand.title;
  if (brand?.id == null) return '';
  return titles.get(brand.id) ?? `brand ${brand.id}`;
}

function uniqueKeys(lines: Array<Omit<TicketLine, 'key'> & { baseKey: string }>): TicketLine[] {
  const seen = new Map<string, number>();
  return lines.map(({ baseKey, ...line }) => {
    const n = seen.get(baseKey) ?? 0;
    seen.set(baseKey, n + 1);
    return { key: n === 0 ? baseKey : `${baseKey}#${n}`, ...line };
  });
}

/** Which cart the kitchen lines come from: `cart_v2`, or the legacy `cart` when v2 is absent or empty. */
export const usesLegacyCart = (order: Order): boolean => (order.cart_v2 == null || order.cart_v2.length === 0) && (order.cart?.length ?? 0) > 0;

export function ticketLines(order: Order): TicketLine[] {
  const titles = brandTitles(order);
  if (!usesLegacyCart(order)) {
    return uniqueKeys(
      (order.cart_v2 ?? []).map((l) => ({
        baseKey: l.id != null ? `id:${l.id}` : `name:${l.brand?.id ?? ''}:${l.name}`,
        name: l.name,
        translations: translationsOf(l),
        quantity: l.quantity,
        comment: l.comment,
        brandTitle: brandTitleOf(titles, l.brand),
        brandId: l.brand?.id ?? order.brand_id ?? null,
        categoryId: l.klikit_category_id == null ? '' : String(l.klikit_category_id),
        categoryName: l.klikit_category_name,
        groups: fromModifierGroups(l.modifier_groups),
      })),
    );
  }
  return uniqueKeys(
    (order.cart ?? []).map((l) => ({
      baseKey: `name:${l.brand?.id ?? ''}:${l.title}`,
      name: l.title,
      translations: translationsOf(l),
      quantity: l.quantity,
      comment: l.comment,
      brandTitle: brandTitleOf(titles, l.brand),
      brandId: l.brand?.id ?? order.brand_id ?? null,
      categoryId: '',
      categoryName: '',
      groups: l.groups.map((g) => ({
        name: g.title ?? g.name ?? '',
        translations: translationsOf(g),
        modifiers: g.modifiers.map((m) => ({ name: m.title ?? m.name ?? '?', quantity: m.quantity, groups: [], translations: translationsOf(m) })),
      })),
    })),
  );
}

/** Lines grouped by brand, brands in order of first appearance. */
export function groupByBrand(lines: TicketLine[]): Array<{ brandTitle: string; lines: TicketLine[] }> {
  const groups = new Map<string, TicketLine[]>();
  for (const line of lines) {
    const group = groups.get(line.brandTitle);
    if (group) group.push(line);
    else groups.set(line.brandTitle, [line]);
  }
  return [...groups].map(([brandTitle, grouped]) => ({ brandTitle, lines: grouped }));
}

export const itemCount = (lines: TicketLine[]): number => lines.reduce((sum, l) => sum + l.quantity, 0);
