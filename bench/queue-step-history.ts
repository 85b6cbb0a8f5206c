// The database part of one print-queue step (head job, queue depth) over a year of history: N orders
// already printed on two printers, a few still waiting. The step runs before every ticket and every
// second while idle, so its cost must not grow with the history.
// Run: npx tsx bench/queue-step-history.ts [--orders 100000] [--steps 2000]
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDatabase } from '../main/store/connection.js';
import { enqueueJob, headJobFor, markSent, pendingCountByPrinter } from '../main/store/print-jobs.js';
import { ordersFromInput } from '../main/tickets/order-input.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';
import { packOrderBody } from '../main/store/order-body.js';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '100000' }, steps: { type: 'string', default: '2000' } } });
const orders = Number(values.orders);
const steps = Number(values.steps);
const printers = ['kitchen', 'bar'];

const fixture = new URL('../../shared/fixtures/klikit/created-v2.single-order.envelope.json', import.meta.url);
const parsed = ordersFromInput(JSON.parse(readFileSync(fixture, 'utf8')));
if (!parsed.ok) throw new Error(parsed.error);
const template = parsed.orders[0]! as Record<string, unknown>;

const dir = mkdtempSync(join(tmpdir(), 'queue-step-history-'));
const path = join(dir, 'bridge.db');
const db = openDatabase(path);
const start = Date.parse('2026-01-01T00:00:00Z');
db.transaction(() => {
  const insertOrder = db.prepare(
    `INSERT INTO orders (id, status, updated_at, cart_hash, packed_body, first_seen_at, last_event_at) VALUES (?, 2, ?, 'h', ?, ?, ?)`,
  );
  for (let id = 1; id <= orders; id++) {
    const at = new Date(start + id * 60_000).toISOString();
    const body = { ...template, id };
    insertOrder.run(id, at, packOrderBody(JSON.stringify(body)), at, at);
    for (const printerId of printers) {
      const job = enqueueJob(db, { orderId: id, printerId, kind: 'new', version: at, payload: { order: body }, now: at })!;
      // The last few orders are still waiting to print; everything before them printed long ago.
      if (id <= orders - 5) markSent(db, job, at);
    }
  }
})();

const step = (): void => {
  headJobFor(db, 'kitchen');
  pendingCountByPrinter(db);
};
for (let i = 0; i < 50; i++) step();
const samples: number[] = [];
for (let i = 0; i < steps; i++) {
  const t0 = performance.now();
  step();
  samples.push(performance.now() - t0);
}
const bodyBytesPerJob = (db.prepare('SELECT AVG(LENGTH(payload)) AS n FROM print_jobs').get() as { n: number }).n;
db.close();
const fileMb = statSync(path).size / 1e6;
rmSync(dir, { recursive: true, force: true });

samples.sort((a, b) => a - b);
const at = (q: number): number => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
console.log(`queue step (head job + depth) over ${orders} orders, ${orders * printers.length} print jobs (${steps} steps)`);
console.log(`  p50 ${at(0.5).toFixed(4)} ms  p99 ${at(0.99).toFixed(4)} ms; payload column ${bodyBytesPerJob.toFixed(0)} bytes per job; file ${fileMb.toFixed(0)} MB`);
printBenchLine(
  'queue-step-history',
  [
    atMost('queue step over the history p50', at(0.5), 'ms', 0.1, '< 0.1 ms'),
    { name: 'queue step over the history p99', value: at(0.99), unit: 'ms' },
    { name: 'payload stored per job', value: bodyBytesPerJob, unit: 'bytes' },
  ],
  { orders, 'print jobs': orders * printers.length, steps },
);
