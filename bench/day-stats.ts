// What the all-day counts and the day in numbers cost the core: counting what is still to cook across
// the open orders (every refresh of the All day tab or the board's strip), bringing the figures up to
// date over two busy days of orders (every 10 minutes and every time the window asks), and computing 90
// days of figures. Three routed stations, 12-line orders. The rollup runs in slices with a turn of the
// event loop between them: its longest slice is how long it holds the core's thread (ingest, printers,
// the window) at once; the same orders recorded in one piece, as before slicing, are measured beside it.
// Run: npx tsx bench/day-stats.ts [--orders 600] [--open 80] [--runs 20]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { StationPrinter } from '../main/routing/routes.js';
import { countAllDay } from '../main/stats/all-day-counts.js';
import { createDayStats } from '../main/stats/day-stats-service.js';
import { recordOrders, rollupTargets } from '../main/stats/rollup.js';
import { openDatabase } from '../main/store/connection.js';
import { upsertOrder } from '../main/store/orders.js';
import { allDayOrderOf } from '../main/window-api/all-day-input.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';
import { percentile } from './support/percentile.js';
import { unpackOrderBody } from '../main/store/order-body.js';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '600' }, open: { type: 'string', default: '80' }, runs: { type: 'string', default: '20' } } });
const orders = Number(values.orders);
const open = Number(values.open);
const runs = Number(values.runs);

const STATIONS: StationPrinter[] = [
  { id: 'wok', name: 'Wok', routes: { categories: ['Mains'] } },
  { id: 'grill', name: 'Grill', routes: { categories: ['Sides'] } },
  { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] } },
];
const CATEGORIES = ['Mains', 'Sides', 'Drinks'];
const NOW = Date.parse('2026-06-25T20:00:00.000Z');

function body(id: number, createdAt: string) {
  return {
    id,
    status: 4,
    type: 2,
    provider_id: [6, 9, 11][id % 3],
    created_at: createdAt,
    preparation_time: 15,
    brands: [{ id: 5297, title: 'Cimol' }],
    cart_v2: Array.from({ length: 12 }, (_, i) => ({
      id: `l${id}-${i}`,
      name: `Dish ${i % 9}`,
      quantity: 1 + (i % 3),
      comment: '',
      klikit_category_name: CATEGORIES[i % 3],
      modifier_groups: i % 2 === 0 ? [{ name: 'Spice', modifiers: [{ name: 'Extra pedas', quantity: 1, modifier_groups: [] }] }] : [],
    })),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'bench-day-stats-'));
const db = openDatabase(join(dir, 'bridge.db'));
try {
  const seed = db.transaction(() => {
    const change = db.prepare(`INSERT INTO order_changes (order_id, event_id, event_type, status, updated_at, applied, at) VALUES (?, ?, 'e', ?, ?, 1, ?)`);
    for (let i = 0; i < orders; i++) {
      const seen = new Date(NOW - 47 * 3_600_000 + (i * 47 * 3_600_000) / orders).toISOString();
      const id = 1_000_000 + i;
      upsertOrder(db, { id, brandId: 5297, branchId: 1, shortId: String(i), status: 4, updatedAt: seen, createdAt: seen, cartHash: 'h', body: body(id, seen), seenAt: seen });
      change.run(id, `c${i}a`, 1, seen, seen);
      change.run(id, `c${i}b`, 4, seen, new Date(Date.parse(seen) + 14 * 60_000).toISOString());
    }
    // 90 days of older figures (the orders themselves long pruned).
    const fact = db.prepare(`INSERT INTO ticket_stats (order_id, station, day, provider, received_at, ticket_seconds, late, cancelled, missed_acceptance) VALUES (?, ?, ?, 'GrabFood', ?, ?, 0, 0, 0)`);
    for (let d = 3; d < 92; d++) {
      const day = new Date(NOW - d * 86_400_000).toISOString().slice(0, 10);
      for (let k = 0; k < 300; k++) for (const station of ['', 'wok', 'grill', 'bar']) fact.run(d * 1000 + k, station, day, `${day}T12:00:00.000Z`, 300 + (k % 600));
    }
  });
  seed();
  const clock = { now: () => NOW };
  // Each slice's hold: from the end of one pause to the start of the next (the first from the call).
  let sliceStarted = 0;
  let holds: number[] = [];
  const measuredPause = async (): Promise<boolean> => {
    holds.push(performance.now() - sliceStarted);
    await new Promise((resolve) => setImmediate(resolve));
    sliceStarted = performance.now();
    return true;
  };
  const options = { db, clock, stations: () => STATIONS, timeZone: 'UTC', retentionDays: 90 };
  const stats = createDayStats(options, measuredPause);

  const time = async (fn: () => unknown): Promise<number[]> => {
    await fn();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await fn();
      samples.push(performance.now() - started);
    }
    return samples;
  };
  /** Per run: the longest hold, the held time in all and the CPU time. */
  const rollup = async (): Promise<{ longest: number; held: number; cpuMs: number; slices: number }> => {
    holds = [];
    const cpu = process.cpuUsage();
    sliceStarted = performance.now();
    const run = stats.refresh();
    await run;
    holds.push(performance.now() - sliceStarted);
    const { user, system } = process.cpuUsage(cpu);
    return { longest: Math.max(...holds), held: holds.reduce((a, b) => a + b, 0), cpuMs: (user + system) / 1000, slices: holds.length };
  };
  const { ids: targets } = await rollupTargets(options, NOW);
  const onePiece = (): void => {
    recordOrders(db, targets, STATIONS, 'UTC');
  };
  const bodies = (db.prepare('SELECT packed_body FROM orders ORDER BY first_seen_at DESC LIMIT ?').all(open) as { packed_body: Buffer }[]).map((r) => unpackOrderBody(r.packed_body));
  const allDay = await time(() => countAllDay(bodies.map((b) => allDayOrderOf(b, STATIONS, [])), STATIONS, { all: 'all', unrouted: 'none' }));
  // Rotated: one run of each in turn, so both see the same load from the machine's other work.
  await rollup();
  const sliced: Array<Awaited<ReturnType<typeof rollup>>> = [];
  const whole: number[] = [];
  for (let i = 0; i < runs; i++) {
    sliced.push(await rollup());
    const started = performance.now();
    onePiece();
    whole.push(performance.now() - started);
  }
  const figures = await time(() => stats.figures(90));
  const p50 = (s: number[]): number => percentile([...s].sort((a, b) => a - b), 50);
  const longest = p50(sliced.map((r) => r.longest));
  const longestEver = Math.max(...sliced.map((r) => r.longest));
  console.log(`day stats: ${open} open orders counted, ${orders} orders in the last 48 h rolled up, 90 days × 300 orders of figures`);
  console.log(`  all-day counts p50 ${p50(allDay).toFixed(2)} ms; 90-day figures p50 ${p50(figures).toFixed(1)} ms`);
  console.log(
    `  rollup in ${sliced[0]!.slices} slices: longest hold p50 ${longest.toFixed(2)} ms (max ${longestEver.toFixed(2)} ms), held in all p50 ${p50(sliced.map((r) => r.held)).toFixed(1)} ms, CPU p50 ${p50(sliced.map((r) => r.cpuMs)).toFixed(1)} ms`,
  );
  console.log(`  the same orders in one piece (before slicing): p50 ${p50(whole).toFixed(1)} ms held at once`);
  printBenchLine(
    'day-stats',
    [
      atMost('all-day counts p50', p50(allDay), 'ms', 50, 'p50 < 50 ms'),
      atMost('rollup of 48 h, held in all p50', p50(sliced.map((r) => r.held)), 'ms', 500, 'p50 < 500 ms'),
      atMost('rollup of 48 h, longest hold p50', longest, 'ms', 10, 'p50 < 10 ms'),
      atMost('90-day figures p50', p50(figures), 'ms', 1000, 'p50 < 1 s'),
    ],
    { orders, open, runs, stations: 3 },
  );
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
