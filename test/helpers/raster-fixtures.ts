import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { orderSchema } from '../../main/klikit/schemas.js';
import { buildTicket, type PaperWidth, type TicketDocument, type TicketKind } from '../../main/tickets/index.js';

/** Orders in Arabic, Thai, Japanese, Chinese, Vietnamese and mixed scripts (test/fixtures/raster/). */
export const RASTER_FIXTURES_DIR = fileURLToPath(new URL('../fixtures/raster/', import.meta.url));

export const rasterFixtureNames = (): string[] => readdirSync(RASTER_FIXTURES_DIR).filter((f) => f.endsWith('.envelope.json')).sort();

export function rasterFixtureOrder(name: string): unknown {
  return (JSON.parse(readFileSync(RASTER_FIXTURES_DIR + name, 'utf8')) as { orders: unknown[] }).orders[0];
}

/** For `update`: the previous version had one more line, so the ticket shows it struck through as REMOVED. */
export function rasterFixtureTicket(name: string, width: PaperWidth = 48, kind: TicketKind = 'new'): TicketDocument {
  const order = orderSchema.parse(rasterFixtureOrder(name));
  const cart = order.cart_v2 ?? [];
  const previous = kind === 'update' ? { ...order, cart_v2: [...cart, { ...cart[0]!, id: 'removed-1', name: 'ส้มตำไทย', comment: '' }] } : undefined;
  return buildTicket({ kind, order, ...(previous ? { previous } : {}) }, { width, timeZone: 'Asia/Jakarta', printedAt: '2026-06-25T09:20:00Z' });
}
