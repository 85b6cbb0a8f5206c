import { orderSchema, type Order } from '../klikit/schemas.js';
import type { Db } from '../store/connection.js';
import { usesLegacyCart } from '../tickets/order-lines.js';
import { marksOfSkus, type MarkRow } from './stock-store.js';

// The menu items of an order as "86" sees them: each kitchen line (in the order of ticketLines) with
// its klikit SKU (`klikit_sku_id`, in `cart_v2` and the legacy `cart`), or null when klikit sent none.

export type OrderItem = { name: string; sku: string | null; brand: string };

/** A SKU klikit could have sent: printable, at most 64 characters (the path segment of the PATCH). */
const SKU = /^[\x21-\x7e]{1,64}$/;

function skuOf(line: Record<string, unknown>): string | null {
  const sku = line.klikit_sku_id;
  if (typeof sku === 'string' && SKU.test(sku.trim())) return sku.trim();
  if (typeof sku === 'number' && Number.isSafeInteger(sku)) return String(sku);
  return null;
}

type Brand = { id?: number | undefined; title?: string | undefined } | null | undefined;

export function orderItems(order: Order): OrderItem[] {
  const titles = new Map(order.brands.map((b) => [b.id, b.title]));
  const brandOf = (brand: Brand): string => brand?.title ?? (brand?.id == null ? '' : (titles.get(brand.id) ?? ''));
  if (usesLegacyCart(order)) return (order.cart ?? []).map((l) => ({ name: l.title, sku: skuOf(l), brand: brandOf(l.brand) }));
  return (order.cart_v2 ?? []).map((l) => ({ name: l.name, sku: skuOf(l), brand: brandOf(l.brand) }));
}

/** The items of an order body (parsed, or as stored: JSON text); none when it is not an order. */
export function itemsOfBody(body: unknown): OrderItem[] {
  let json = body;
  if (typeof body === 'string') {
    try {
      json = JSON.parse(body);
    } catch {
      return [];
    }
  }
  const parsed = orderSchema.safeParse(json);
  return parsed.success ? orderItems(parsed.data) : [];
}

/** The mark of `sku` open at `at`, if any. */
function markOpenAt(marks: readonly MarkRow[], sku: string, at: string): MarkRow | undefined {
  return marks.find((m) => m.sku === sku && m.since <= at && (m.ended_at === null || m.ended_at > at));
}

/**
 * For each line of an order the bridge first saw at `seenAt`: was its item marked out of stock then?
 * A mark flags the orders that arrived while it was open, so the flag never changes afterwards and the
 * card, the ticket and a reprint agree.
 */
export function outOfStockFlags(db: Db, items: readonly OrderItem[], seenAt: string): boolean[] {
  const skus = items.flatMap((i) => (i.sku === null ? [] : [i.sku]));
  const marks = marksOfSkus(db, skus);
  return items.map((i) => i.sku !== null && markOpenAt(marks, i.sku, seenAt) !== undefined);
}

/** The names of an order's lines flagged out of stock (see outOfStockFlags), each once. */
export function outOfStockNames(db: Db, body: unknown, seenAt: string): string[] {
  const items = itemsOfBody(body);
  const flags = outOfStockFlags(db, items, seenAt);
  return [...new Set(items.filter((_, i) => flags[i]).map((i) => i.name))];
}

/**
 * Whether an order holds a line whose item is marked out of stock now: the rule "never auto-accept
 * an order with an item marked out of stock" asks this of a new order (its body as klikit sent it).
 */
export function orderHasOutOfStockLine(db: Db, order: unknown): boolean {
  const skus = itemsOfBody(order).flatMap((i) => (i.sku === null ? [] : [i.sku]));
  return marksOfSkus(db, skus).some((m) => m.ended_at === null);
}
