// What the raster benches share: the multi-script fixtures of test/fixtures/raster/ as 80 mm ticket
// documents, and the process's RSS once the collector has run (a canvas's read-backs are native
// memory V8 does not count until it collects).
import { readdirSync, readFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { orderSchema } from '../../main/klikit/schemas.js';
import { buildTicket, type TicketDocument } from '../../main/tickets/index.js';

export function rasterFixtureTickets(): TicketDocument[] {
  const dir = new URL('../../test/fixtures/raster/', import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.envelope.json'))
    .sort()
    .map((f) => (JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { orders: unknown[] }).orders[0])
    .map((order) => buildTicket({ kind: 'new', order: orderSchema.parse(order) }, { width: 48, timeZone: 'Asia/Jakarta' }));
}

let collect: (() => void) | undefined;

export async function settledRss(): Promise<number> {
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  for (let i = 0; i < 5; i++) {
    collect();
    await nextTurn();
  }
  return process.memoryUsage().rss;
}
