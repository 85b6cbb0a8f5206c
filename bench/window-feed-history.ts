// What the window's update feed (every 100 ms) and each print queue (every step) ask the database,
// timed against a long history: N orders with 3 print jobs and 1 event each (100,000 orders is about a
// year at a busy branch). These run all day, so their cost must not grow with the history.
// Run: npx tsx bench/window-feed-history.ts [--orders 100000] [--ticks 200]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDatabase } from '../main/store/connection.js';
import { pendingCountByPrinter } from '../main/store/print-jobs.js';
import { createWindowQueries } from '../main/window-api/queries.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';
import { packOrderBody } from '../main/store/order-body.js';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '100000' }, ticks: { type: 'string', default: '200' } } });
const orders = Number(values.orders);
const ticks = Number(values.ticks);

const dir = mkdtempSync(join(tmpdir(), 'feed-history-'));
const db = openDatabase(join(dir, 'bridge.db'));
const start = Date.parse('2026-01-01T00:00:00Z');
db.transaction(() => {
  const order = db.prepare(
    `INSERT INTO orders (id, status, updated_at, cart_hash, packed_body, first_seen_at, last_event_at) VALUES (?, 2, ?, 'h', ?, ?, ?)`,
  );
  const emptyBody = packOrderBody('{}');
  const job = db.prepare(
    `INSERT INTO print_jobs (order_id, printer_id, kind, version, state, payload, created_at, updated_at) VALUES (?, ?, 'new', ?, ?, '{}', ?, ?)`,
  );
  const event = db.prepare(`INSERT INTO events (event_id, source, event_type, received_at, outcome) VALUES (?, 'relay', 'klikit.order.created.v2', ?, 'applied')`);
  for (let id = 1; id <= orders; id++) {
    const at = new Date(start + id * 60_000).toISOString();
    order.run(id, at, emptyBody, at, at);
    // The last few orders are still waiting to print; everything before them printed long ago.
    for (const printer of ['kitchen', 'bar', 'expo']) job.run(id, printer, at, id > orders - 5 ? 'queued' : 'sent', at, at);
    event.run(`evt-${id}`, at);
  }
})();

const queries = createWindowQueries(db);
const tick = (): void => {
  queries.fingerprint();
  queries.openJobs();
  queries.lastEventAt();
  queries.lastOrderAt();
  pendingCountByPrinter(db);
};
for (let i = 0; i < 10; i++) tick();
const samples: number[] = [];
for (let i = 0; i < ticks; i++) {
  const t0 = performance.now();
  tick();
  samples.push(performance.now() - t0);
}
db.close();
rmSync(dir, { recursive: true, force: true });

samples.sort((a, b) => a - b);
const at = (q: number): number => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
console.log(`one update-feed tick + queue depth over ${orders} orders, ${orders * 3} print jobs, ${orders} events (${ticks} ticks)`);
console.log(`  p50 ${at(0.5).toFixed(3)} ms  p99 ${at(0.99).toFixed(3)} ms  (the feed ticks every 100 ms)`);
printBenchLine(
  'window-feed-history',
  [
    { name: 'feed tick over the history p50', value: at(0.5), unit: 'ms' },
    atMost('feed tick over the history p99', at(0.99), 'ms', 5, '< 5 ms (5 % of the 100 ms tick)'),
  ],
  { orders, 'print jobs': orders * 3, events: orders, ticks },
);
