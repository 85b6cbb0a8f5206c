// What the all-day counts and the day in numbers cost the core: counting what is still to cook across
// the open orders (every refresh of the All day tab or the board's strip), bringing the figures up to
// date over two busy days of orders (every 10 minutes and every time the window asks), and answering 90
// days of figures and their CSV. Three routed stations, 12-line orders. The rollup and the answers run
// in pieces with a turn of the event loop between them: the longest piece is how long they hold the
// core's thread (ingest, printers, the window) at once. The same work in one piece, as before, is
// measured beside each, run for run (rotated), so both see the same load.
// Run: npx tsx bench/day-stats.ts [--orders 600] [--open 80] [--runs 20]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { StationPrinter } from '../main/routing/routes.js';
import { countAllDay } from '../main/stats/all-day-counts.js';
import { createDayStats } from '../main/stats/day-stats-service.js';
import { csvRows, dayInNumbers, toCsv } from '../main/stats/day-figures.js';
import { dayStartMs, nextDay, periodStart } from '../main/stats/calendar.js';
import { backupPrintsBetween, holdsOverlapping, ticketStatsBetween } from '../main/store/day-stats.js';
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
  // Each slice's hold: from the end of one pause to the start of the next (the first from the call), in
  // wall time and in CPU time (on a loaded machine the wall time also counts the process being preempted).
  let sliceStarted = 0;
  let sliceCpu = process.cpuUsage();
  let holds: number[] = [];
  let cpuHolds: number[] = [];
  const endPiece = (): void => {
    holds.push(performance.now() - sliceStarted);
    const { user, system } = process.cpuUsage(sliceCpu);
    cpuHolds.push((user + system) / 1000);
  };
  const startPiece = (): void => {
    sliceStarted = performance.now();
    sliceCpu = process.cpuUsage();
  };
  const measuredPause = async (): Promise<boolean> => {
    endPiece();
    await new Promise((resolve) => setImmediate(resolve));
    startPiece();
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
  type Held = { longest: number; longestCpu: number; held: number; cpuMs: number; pieces: number; worst: number };
  /** Per call: the longest hold (wall and CPU), the time held in all and the CPU time. */
  const measured = async (fn: () => Promise<unknown>): Promise<Held> => {
    holds = [];
    cpuHolds = [];
    const cpu = process.cpuUsage();
    startPiece();
    await fn();
    endPiece();
    const { user, system } = process.cpuUsage(cpu);
    const longestCpu = Math.max(...cpuHolds);
    return { longest: Math.max(...holds), longestCpu, held: holds.reduce((a, b) => a + b, 0), cpuMs: (user + system) / 1000, pieces: holds.length, worst: cpuHolds.indexOf(longestCpu) };
  };
  /** The same in one piece: the time it holds the thread, and its CPU time. */
  const inOnePiece = (fn: () => unknown): { held: number; cpuMs: number } => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    fn();
    const held = performance.now() - started;
    const { user, system } = process.cpuUsage(cpu);
    return { held, cpuMs: (user + system) / 1000 };
  };
  const { ids: targets } = await rollupTargets(options, NOW);
  const bodies = (db.prepare('SELECT packed_body FROM orders ORDER BY first_seen_at DESC LIMIT ?').all(open) as { packed_body: Buffer }[]).map((r) => unpackOrderBody(r.packed_body));
  const allDay = await time(() => countAllDay(bodies.map((b) => allDayOrderOf(b, STATIONS, [])), STATIONS, { all: 'all', unrouted: 'none' }));
  // 90 days read and computed in one block, as the service answered before pieces.
  const atOnceInput = () => {
    const from = periodStart(NOW, 90, 'UTC');
    const to = periodStart(NOW, 1, 'UTC');
    const fromIso = new Date(dayStartMs(from, 'UTC')).toISOString();
    const toIso = new Date(dayStartMs(nextDay(to), 'UTC')).toISOString();
    const stations = STATIONS.map((s) => ({ id: s.id, name: s.name }));
    return { facts: ticketStatsBetween(db, from, to), holds: holdsOverlapping(db, fromIso, toIso), backups: backupPrintsBetween(db, fromIso, toIso), stations, from, to, nowMs: NOW, timeZone: 'UTC', retentionDays: 90 };
  };
  // Rotated: one run of each in turn, so both see the same load from the machine's other work.
  await measured(() => stats.refresh());
  await measured(() => stats.figures(90));
  const rollups: Held[] = [];
  const rollupsWhole: number[] = [];
  const figures: Held[] = [];
  const figuresWhole: Array<{ held: number; cpuMs: number }> = [];
  const csvs: Held[] = [];
  const csvsWhole: Array<{ held: number; cpuMs: number }> = [];
  for (let i = 0; i < runs; i++) {
    rollups.push(await measured(() => stats.refresh()));
    rollupsWhole.push(inOnePiece(() => recordOrders(db, targets, STATIONS, 'UTC')).held);
  }
  // Apart from the rollup's runs: collecting the garbage of 100,000 facts read lengthens the slices it lands in.
  for (let i = 0; i < runs; i++) {
    figures.push(await measured(() => stats.figures(90)));
    figuresWhole.push(inOnePiece(() => dayInNumbers(atOnceInput())));
    csvs.push(await measured(() => stats.csv(90)));
    csvsWhole.push(inOnePiece(() => toCsv(csvRows(atOnceInput()))));
  }
  const p50 = (s: number[]): number => percentile([...s].sort((a, b) => a - b), 50);
  const facts = (db.prepare('SELECT count(*) FROM ticket_stats').pluck().get() as number).toLocaleString('en');
  const line = (name: string, pieces: Held[], whole: Array<{ held: number; cpuMs?: number }>): void => {
    const cpuWhole = whole.every((w) => w.cpuMs !== undefined) ? `, CPU p50 ${p50(whole.map((w) => w.cpuMs!)).toFixed(1)} ms` : '';
    console.log(
      `  ${name} in ${pieces[0]!.pieces} pieces: longest hold p50 ${p50(pieces.map((r) => r.longest)).toFixed(2)} ms (max ${Math.max(...pieces.map((r) => r.longest)).toFixed(2)} ms), ` +
        `longest piece's CPU p50 ${p50(pieces.map((r) => r.longestCpu)).toFixed(2)} ms (pieces ${pieces.map((r) => r.worst).join(' ')}), held in all p50 ${p50(pieces.map((r) => r.held)).toFixed(1)} ms, CPU p50 ${p50(pieces.map((r) => r.cpuMs)).toFixed(1)} ms`,
    );
    console.log(`    the same in one piece (before): held at once p50 ${p50(whole.map((w) => w.held)).toFixed(1)} ms${cpuWhole}`);
  };
  console.log(`day stats: ${open} open orders counted, ${orders} orders in the last 48 h rolled up, 90 days × 300 orders of figures (${facts} facts)`);
  console.log(`  all-day counts p50 ${p50(allDay).toFixed(2)} ms`);
  line('rollup of 48 h', rollups, rollupsWhole.map((held) => ({ held })));
  line('90-day figures', figures, figuresWhole);
  line('90-day CSV', csvs, csvsWhole);
  printBenchLine(
    'day-stats',
    [
      atMost('all-day counts p50', p50(allDay), 'ms', 50, 'p50 < 50 ms'),
      atMost('rollup of 48 h, held in all p50', p50(rollups.map((r) => r.held)), 'ms', 500, 'p50 < 500 ms'),
      atMost('rollup of 48 h, longest hold p50', p50(rollups.map((r) => r.longest)), 'ms', 10, 'p50 < 10 ms'),
      atMost('90-day figures, held in all p50', p50(figures.map((r) => r.held)), 'ms', 1000, 'p50 < 1 s'),
      atMost('90-day figures, longest hold p50', p50(figures.map((r) => r.longest)), 'ms', 10, 'p50 < 10 ms'),
      atMost('90-day CSV, longest hold p50', p50(csvs.map((r) => r.longest)), 'ms', 10, 'p50 < 10 ms'),
    ],
    { orders, open, runs, stations: 3 },
  );
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
