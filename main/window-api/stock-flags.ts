import type { OrderSummary } from '../../common/bridge-api.js';
import { itemsOfBody, outOfStockFlags } from '../availability/order-items.js';
import type { Db } from '../store/connection.js';

// An order's card with "86" on it: each line's place on the order and its SKU (what a tap marks out of
// stock), and the lines whose item was marked out of stock when the order arrived.

export function withStockFlags(db: Db, summary: OrderSummary, body: string): OrderSummary {
  const items = itemsOfBody(body);
  if (items.length === 0) return summary;
  const flags = outOfStockFlags(db, items, summary.firstSeenAt);
  const lines = summary.lines.map((line, i) => ({ ...line, line: i, sku: items[i]?.sku ?? null, ...(flags[i] ? { outOfStock: true } : {}) }));
  const names = [...new Set(summary.lines.filter((_, i) => flags[i]).map((l) => l.name))];
  return { ...summary, lines, ...(names.length > 0 ? { outOfStock: names } : {}) };
}
