// Ingest against a raw better-sqlite3 loop doing the same durable work, in the same process and run:
// realistic klikit envelopes (bench/support/realistic-orders.ts, about 3 KB), WAL with synchronous=FULL, two printers.
// The raw peer (bench/support/raw-ingest-peer.ts) is what "near the raw loop" is measured against.
// Validation (zod), versions, history and routing stay the bridge's own cost. Trials alternate
// peer and bridge so both see the same load; the figure is the median of the per-trial ratios.
// Two paths: one event per transaction (a webhook at a time) and batches of 200 events per
// transaction (the relay client's catch-up path, createRelayBatchCommit).
// Run: npx tsx bench/ingest-vs-raw.ts [--events 400] [--trials 5]
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { rawIngestPeer } from './support/raw-ingest-peer.js';
import { realisticOrders } from './support/realistic-orders.js';
import type { Clock } from '../ground/clock.js';
import { createIngest, type IncomingEvent } from '../main/ingest/ingest.js';
import { createRelayBatchCommit } from '../main/ingest/relay-batch.js';
import { openDatabase } from '../main/store/connection.js';
import { atLeast, printBenchLine } from './report/print-bench-line.js';

const PRINTERS = ['kitchen', 'bar'];
const BATCH = 200;
const { values } = parseArgs({ options: { events: { type: 'string', default: '400' }, trials: { type: 'string', default: '5' } } });
const EVENTS = Number(values.events);
const TRIALS = Number(values.trials);

const clock: Clock = { now: () => Date.parse('2026-06-25T09:15:00Z') };
function makeEvents(firstOrderId: number): IncomingEvent[] {
  const gen = realisticOrders(firstOrderId, clock, firstOrderId);
  return Array.from({ length: EVENTS }, (_, i) => ({
    eventId: `evt-${firstOrderId + i}`,
    source: 'relay' as const,
    seq: i + 1,
    eventType: 'klikit.order.created.v2',
    receivedAt: '2026-06-25T09:15:00.000Z',
    body: { brand_id: 5297, branch_id: 1293, orders: [gen.next()] },
  }));
}

type Store = { db: Database.Database; dir: string };
function freshStore(kind: 'raw' | 'bridge'): Store {
  const dir = mkdtempSync(join(tmpdir(), `bench-ingest-${kind}-`));
  if (kind === 'bridge') return { db: openDatabase(join(dir, 'bridge.db')), dir };
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return { db, dir };
}

type Cost = { wall: number; cpu: number };

/** Wall-clock and CPU (user + system) microseconds per order for one trial of one path. */
function trial(kind: 'raw' | 'bridge', batched: boolean, events: IncomingEvent[]): Cost {
  const { db, dir } = freshStore(kind);
  let apply: (e: IncomingEvent) => void;
  let applyBatch: (es: IncomingEvent[]) => void;
  if (kind === 'raw') {
    const one = rawIngestPeer(db, PRINTERS);
    const inTx = db.transaction((es: IncomingEvent[]) => es.forEach(one));
    apply = (e) => inTx([e]);
    applyBatch = (es) => inTx(es);
  } else {
    const ingest = createIngest({ db, clock, printerIds: () => PRINTERS });
    const commit = createRelayBatchCommit(db, ingest.batch);
    apply = (e) => {
      const r = ingest(e);
      if (r.outcome !== 'applied') throw new Error(`unexpected ${JSON.stringify(r)}`);
    };
    applyBatch = (es) => {
      if (!commit(es)) throw new Error('batch not acked');
    };
  }
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  if (batched) for (let i = 0; i < events.length; i += BATCH) applyBatch(events.slice(i, i + BATCH));
  else for (const e of events) apply(e);
  const cpu = process.cpuUsage(cpuStart);
  const wall = ((performance.now() - start) * 1000) / events.length;
  const jobs = kind === 'raw' ? 'jobs' : 'print_jobs';
  const n = (db.prepare(`SELECT COUNT(*) AS n FROM ${jobs}`).get() as { n: number }).n;
  if (n !== events.length * PRINTERS.length) throw new Error(`${kind}: expected ${events.length * PRINTERS.length} jobs, got ${n}`);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { wall, cpu: (cpu.user + cpu.system) / events.length };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bodyBytes = (events: IncomingEvent[]): number =>
  events.reduce((sum, e) => sum + JSON.stringify((e.body as { orders: unknown[] }).orders[0]).length, 0) / events.length;

console.log(`ingest vs raw better-sqlite3: WAL, synchronous=FULL, ${PRINTERS.length} printers, ${EVENTS} events per trial, ${TRIALS} trials`);
type Series = { raw: number[]; bridge: number[]; ratio: number[] };
const series = (): Series => ({ raw: [], bridge: [], ratio: [] });
// Wall-clock speed is the target; CPU per order is the figure a loaded machine distorts least.
const results: Record<'single' | 'batched', Record<keyof Cost, Series>> = {
  single: { wall: series(), cpu: series() },
  batched: { wall: series(), cpu: series() },
};
let firstOrderId = 80_000_001;
let meanBody = 0;
for (let t = 0; t < TRIALS + 1; t++) {
  for (const path of ['single', 'batched'] as const) {
    const events = makeEvents(firstOrderId);
    firstOrderId += EVENTS;
    meanBody = bodyBytes(events);
    // Alternate who goes first, so neither always meets a warmer or colder machine.
    const order: ('raw' | 'bridge')[] = t % 2 === 0 ? ['raw', 'bridge'] : ['bridge', 'raw'];
    const cost: Partial<Record<'raw' | 'bridge', Cost>> = {};
    for (const kind of order) cost[kind] = trial(kind, path === 'batched', events);
    if (t === 0) continue; // warm-up: JIT and page cache
    for (const measure of ['wall', 'cpu'] as const) {
      const s = results[path][measure];
      s.raw.push(cost.raw![measure]);
      s.bridge.push(cost.bridge![measure]);
      s.ratio.push(cost.raw![measure] / cost.bridge![measure]);
    }
  }
}
for (const path of ['single', 'batched'] as const) {
  for (const measure of ['wall', 'cpu'] as const) {
    const r = results[path][measure];
    console.log(
      `${(path === 'single' ? 'one event per transaction' : `batches of ${BATCH}`).padEnd(25)} ${measure.padEnd(4)}: raw ${median(r.raw).toFixed(0)} µs/order, ` +
        `bridge ${median(r.bridge).toFixed(0)} µs/order, raw/bridge ${median(r.ratio).toFixed(2)}× (trials ${r.ratio.map((x) => x.toFixed(2)).join(' ')})`,
    );
  }
}
console.log(`mean order body ${meanBody.toFixed(0)} bytes`);
const { single, batched } = results;
printBenchLine(
  'ingest-vs-raw',
  [
    { name: 'raw loop, one event per transaction', value: median(single.wall.raw), unit: 'µs/order' },
    { name: 'bridge ingest, one event per transaction', value: median(single.wall.bridge), unit: 'µs/order' },
    atLeast('raw/bridge speed, one event per transaction', median(single.wall.ratio), '×', 0.6, '≥ 0.6×'),
    { name: 'raw/bridge CPU per order, one event per transaction', value: median(single.cpu.ratio), unit: '×' },
    { name: `raw loop, batches of ${BATCH}`, value: median(batched.wall.raw), unit: 'µs/order' },
    { name: `bridge ingest, batches of ${BATCH}`, value: median(batched.wall.bridge), unit: 'µs/order' },
    atLeast(`raw/bridge speed, batches of ${BATCH}`, median(batched.wall.ratio), '×', 0.5, '≥ 0.5×'),
    { name: `raw/bridge CPU per order, batches of ${BATCH}`, value: median(batched.cpu.ratio), unit: '×' },
  ],
  { 'events per trial': EVENTS, trials: TRIALS, printers: PRINTERS.length, 'mean body bytes': Math.round(meanBody) },
);
