// How large the bridge's database gets: a branch's year simulated day by day through the real ingest
// (relay batches), the real print-job transitions and the real background pruner, with realistic
// klikit bodies (bench/support/realistic-orders.ts). Each order lives as klikit's do: created (a ticket
// per printer, printed), then accepted, ready and picked up. Prints the file per order against the
// body (target ≤ 1.2×), the file when retention starts to bite and at the end of the year (steady:
// it must stop growing), and the longest pruning batch (the write lock the printers may wait on).
// The year is the retention period plus a month: past the retention the file must stay as it is.
// Bodies are stored packed (main/store/order-body.ts): the CPU that costs per order is timed on the
// bench's own bodies (process CPU time, median of 5 rounds; rough on a shared machine).
// Run: npx tsx bench/bridge-storage-year.ts [--orders-per-day 100] [--days 120] [--retention-days 90]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createRetentionPruner } from '../main/core/retention-pruner.js';
import { createIngest, type IncomingEvent } from '../main/ingest/ingest.js';
import { createRelayBatchCommit } from '../main/ingest/relay-batch.js';
import { DEFAULT_STATUS_TABLE } from '../main/klikit/enums.js';
import { openDatabase } from '../main/store/connection.js';
import { packOrderBody, unpackOrderBody } from '../main/store/order-body.js';
import { headJobFor, markSending, markSent } from '../main/store/print-jobs.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';
import { percentile } from './support/percentile.js';
import { realisticOrders } from './support/realistic-orders.js';

const { values } = parseArgs({
  options: {
    'orders-per-day': { type: 'string', default: '100' },
    days: { type: 'string', default: '120' },
    'retention-days': { type: 'string', default: '90' },
  },
});
const PER_DAY = Number(values['orders-per-day']);
const DAYS = Number(values.days);
const RETENTION_DAYS = Number(values['retention-days']);
const PRINTERS = ['kitchen', 'bar'];
const DAY_MS = 86_400_000;
const STATUSES = [2, 4, 9]; // accepted, ready, picked up

let now = Date.parse('2026-01-01T08:00:00Z');
const clock = { now: () => now };
const dir = mkdtempSync(join(tmpdir(), 'bench-storage-'));
const path = join(dir, 'bridge.db');
const db = openDatabase(path);
const ingest = createIngest({ db, clock, printerIds: () => PRINTERS });
const commit = createRelayBatchCommit(db, ingest.batch);
const pruner = createRetentionPruner({ db, clock, logger: pino({ level: 'silent' }), retentionDays: RETENTION_DAYS, statusTable: DEFAULT_STATUS_TABLE, stepMs: 1, restMs: 1 });
const orders = realisticOrders(7, clock);

let seq = 0;
let bodyBytes = 0;
const PACKING_SAMPLE = 2000;
const sampleBodies: string[] = [];
let ordersIngested = 0;
const event = (type: string, order: unknown): IncomingEvent => ({
  eventId: `evt-${++seq}-${Math.random().toString(36).slice(2, 10)}`,
  source: 'relay',
  seq,
  eventType: type,
  receivedAt: new Date(now).toISOString(),
  body: { brand_id: 5297, branch_id: 1293, orders: [order] },
});

/** The file as it is on disk with its WAL folded in. */
function fileBytes(): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return statSync(path).size;
}
const count = (table: string): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

function printEverything(): void {
  const at = new Date(now).toISOString();
  for (const printer of PRINTERS) {
    for (let job = headJobFor(db, printer); job; job = headJobFor(db, printer)) {
      markSending(db, job.id, at);
      markSent(db, job.id, at);
    }
  }
}

const pruneMs: number[] = [];
// The floor on this disk and load: a one-row commit (as a print queue makes at each job step), timed
// between the pruning batches.
const oneRowMs: number[] = [];
const oneRow = db.prepare(`INSERT INTO kv (key, value) VALUES ('bench.tick', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
let perOrderAtRetention = 0;
let bytesAtRetention = 0;
const started = performance.now();
for (let day = 1; day <= DAYS; day++) {
  const created = Array.from({ length: PER_DAY }, () => orders.next());
  for (const order of created) {
    const text = JSON.stringify(order);
    bodyBytes += Buffer.byteLength(text);
    if (sampleBodies.length < PACKING_SAMPLE) sampleBodies.push(text);
    ordersIngested++;
  }
  // Filling the file is not what is measured: only the pruning batches run with the production fsync.
  db.pragma('synchronous = OFF');
  commit(created.map((o) => event('klikit.order.created.v2', o)));
  printEverything();
  let versions = created;
  for (const status of STATUSES) {
    now += 600_000;
    versions = versions.map((o) => orders.withStatus(o, status));
    commit(versions.map((o) => event('klikit.order.status.updated', o)));
  }
  now += DAY_MS - STATUSES.length * 600_000;
  db.pragma('synchronous = FULL');
  // The day's writes folded into the file now, so the pruning batches are not charged for them.
  db.pragma('wal_checkpoint(TRUNCATE)');
  for (let more = true; more; ) {
    const t = performance.now();
    more = pruner.step().more;
    pruneMs.push(performance.now() - t);
    const o = performance.now();
    oneRow.run(String(o));
    oneRowMs.push(performance.now() - o);
  }
  if (day === RETENTION_DAYS) {
    bytesAtRetention = fileBytes();
    perOrderAtRetention = bytesAtRetention / count('orders');
    const n = count('orders');
    const parts = db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC').all() as { name: string; bytes: number }[];
    console.log(`bytes per order by table and index at day ${RETENTION_DAYS}: ${parts.map((p) => `${p.name} ${(p.bytes / n).toFixed(0)}`).join(', ')}`);
  }
}
const meanBody = bodyBytes / ordersIngested;

/** Median over 5 rounds of the process CPU time per body of `work`, in µs. */
function cpuMicrosPerBody(work: (i: number) => void): number {
  const rounds = Array.from({ length: 5 }, () => {
    const before = process.cpuUsage();
    for (let i = 0; i < sampleBodies.length; i++) work(i);
    const used = process.cpuUsage(before);
    return (used.user + used.system) / sampleBodies.length;
  });
  return percentile(rounds.sort((a, b) => a - b), 50);
}
const packed = sampleBodies.map(packOrderBody);
const packedBytes = packed.reduce((sum, p) => sum + p.length, 0) / packed.length;
const packMicros = cpuMicrosPerBody((i) => packOrderBody(sampleBodies[i]!));
const unpackMicros = cpuMicrosPerBody((i) => unpackOrderBody(packed[i]!));
const sortedPrune = [...pruneMs].sort((a, b) => a - b);
const pruneP50 = percentile(sortedPrune, 50);
const pruneP99 = percentile(sortedPrune, 99);
const longestPruneMs = sortedPrune.at(-1) ?? 0;
const sortedOneRow = [...oneRowMs].sort((a, b) => a - b);
const endBytes = fileBytes();
const kept = count('orders');
const mb = (n: number) => n / 1e6;
console.log(`${PER_DAY} orders/day for ${DAYS} days, ${PRINTERS.length} printers, 4 events per order, retention ${RETENTION_DAYS} days (${((performance.now() - started) / 1000).toFixed(0)} s)`);
console.log(`mean body ${meanBody.toFixed(0)} bytes; at day ${RETENTION_DAYS}: ${mb(bytesAtRetention).toFixed(1)} MB, ${perOrderAtRetention.toFixed(0)} bytes per order (${(perOrderAtRetention / meanBody).toFixed(2)}× the body)`);
console.log(`at day ${DAYS}: ${mb(endBytes).toFixed(1)} MB for ${kept} orders kept of ${ordersIngested} (${count('events')} events, ${count('print_jobs')} jobs); pruning batches (${pruneMs.length}, each its own transaction with fsync) p50 ${pruneP50.toFixed(1)} ms, p99 ${pruneP99.toFixed(1)} ms, longest ${longestPruneMs.toFixed(1)} ms; a one-row commit between them p50 ${percentile(sortedOneRow, 50).toFixed(1)} ms, p99 ${percentile(sortedOneRow, 99).toFixed(1)} ms`);
console.log(`bodies packed to ${packedBytes.toFixed(0)} bytes (${((100 * packedBytes) / meanBody).toFixed(0)} %); CPU per body: packing ${packMicros.toFixed(0)} µs, unpacking ${unpackMicros.toFixed(0)} µs (rough: shared CPU)`);
console.log(`a year at ${PER_DAY} orders/day: about ${mb(endBytes).toFixed(0)} MB with ${RETENTION_DAYS}-day retention (it stops growing), about ${mb(perOrderAtRetention * PER_DAY * 365).toFixed(0)} MB without pruning`);
db.close();
rmSync(dir, { recursive: true, force: true });
printBenchLine(
  'bridge-storage-year',
  [
    { name: 'mean order body', value: meanBody, unit: 'bytes' },
    atMost('database per order / body', perOrderAtRetention / meanBody, '×', 1.2, '≤ 1.2×', true),
    { name: `database at day ${RETENTION_DAYS}`, value: mb(bytesAtRetention), unit: 'MB' },
    atMost(`database at day ${DAYS} / at day ${RETENTION_DAYS} (pruned: no growth)`, endBytes / bytesAtRetention, '×', 1.1, '≤ 1.1× (steady)', true),
    { name: 'a year without pruning, extrapolated', value: mb(perOrderAtRetention * PER_DAY * 365), unit: 'MB' },
    { name: 'pruning batch p50', value: pruneP50, unit: 'ms' },
    atMost('pruning batch p99', pruneP99, 'ms', 50, '< 50 ms (printers and window barely wait)'),
    { name: 'longest pruning batch', value: longestPruneMs, unit: 'ms' },
    { name: 'one-row commit p99 (the floor, same run)', value: percentile(sortedOneRow, 99), unit: 'ms' },
    { name: 'packed body', value: packedBytes, unit: 'bytes' },
    { name: 'packing a body, CPU', value: packMicros, unit: 'µs/order' },
    { name: 'unpacking a body, CPU', value: unpackMicros, unit: 'µs/order' },
  ],
  { 'orders per day': PER_DAY, days: DAYS, 'retention days': RETENTION_DAYS, printers: PRINTERS.length },
);
