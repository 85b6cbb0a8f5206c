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

export function rasterFixtureTicket(name: string, width: PaperWidth = 48, kind: TicketKind = 'new'): TicketDocument {
  return buildTicket({ kind, order: orderSchema.parse(rasterFixtureOrder(name)) }, { width, timeZone: 'Asia/Jakarta', printedAt: '2026-06-25T09:20:00Z' });
}
