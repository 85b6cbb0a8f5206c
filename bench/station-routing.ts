// The cost routing adds per order with three routed stations (kitchen: mains, bar: drinks, expo: all):
// planning the jobs of a new order (routing every line) and building each station's ticket, for a
// 12-line order and for an absurd 500-line one (which the ticket caps).
// Run: npx tsx bench/station-routing.ts [--orders 1000]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { planJobs } from '../main/ingest/plan-jobs.js';
import { orderSchema } from '../main/klikit/schemas.js';
import type { StationPrinter } from '../main/routing/routes.js';
import { buildTicket } from '../main/tickets/index.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';
import { percentile } from './support/percentile.js';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '1000' } } });
const count = Number(values.orders);
const warmup = 100;

const STATIONS: StationPrinter[] = [
  { id: 'kitchen', name: 'Kitchen', routes: { brands: [5297], categories: ['Mains', 'Sides'] } },
  { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] } },
  { id: 'expo', name: 'Expo' },
];
const CATEGORIES = ['Mains', 'Sides', 'Drinks', 'Desserts'];

function orderWith(lines: number, seed: number) {
  return {
    id: 1000 + seed,
    short_id: String(seed),
    status: 2,
    type: 1,
    provider_id: 6,
    created_at: '2026-06-25T09:00:00Z',
    brands: [{ id: 5297, title: 'Cimol' }],
    order_comment: 'no cutlery',
    cart_v2: Array.from({ length: lines }, (_, i) => ({
      id: `l${seed}-${i}`,
      name: `Item ${i}`,
      quantity: 1 + (i % 3),
      comment: i % 5 === 0 ? 'allergy: peanuts' : '',
      brand: { id: 5297, title: 'Cimol' },
      klikit_category_name: CATEGORIES[i % CATEGORIES.length],
      modifier_groups: [{ name: 'Level', modifiers: [{ name: 'Hot', quantity: 2, modifier_groups: [] }] }],
    })),
  };
}

const p50 = (samples: number[]): number => percentile([...samples].sort((a, b) => a - b), 50);
const p99 = (samples: number[]): number => percentile([...samples].sort((a, b) => a - b), 99);

function measure(lines: number): { plan: number[]; tickets: number[] } {
  const plan: number[] = [];
  const tickets: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const body = orderWith(lines, i);
    const order = orderSchema.parse(body);
    let started = performance.now();
    const actions = planJobs({ stored: undefined, incoming: { status: 2, cartHash: 'h' }, body, order, jobs: () => [], printers: STATIONS });
    const planned = performance.now() - started;
    started = performance.now();
    for (const a of actions) {
      if (a.action === 'enqueue') buildTicket({ kind: 'new', order }, { width: 48, timeZone: 'Asia/Jakarta', station: { printerId: a.printerId, printers: STATIONS } });
    }
    const built = performance.now() - started;
    if (i >= warmup) {
      plan.push(planned);
      tickets.push(built);
    }
  }
  return { plan, tickets };
}

const normal = measure(12);
const absurd = measure(500);
console.log(`station routing, ${count} orders per size, 3 stations`);
for (const [label, run] of [['12 lines', normal], ['500 lines', absurd]] as const) {
  const fmt = (samples: number[]) => `p50 ${p50(samples).toFixed(3)} ms, p99 ${p99(samples).toFixed(3)} ms`;
  console.log(`  ${label.padEnd(10)} plan ${fmt(run.plan)}; 3 station tickets ${fmt(run.tickets)}`);
}
printBenchLine(
  'station-routing',
  [
    { name: 'plan p50 (12 lines)', value: p50(normal.plan), unit: 'ms' },
    atMost('plan p99 (12 lines)', p99(normal.plan), 'ms', 2, 'p99 < 2 ms'),
    { name: '3 station tickets p50 (12 lines)', value: p50(normal.tickets), unit: 'ms' },
    atMost('3 station tickets p99 (12 lines)', p99(normal.tickets), 'ms', 10, 'p99 < 10 ms'),
    atMost('plan p99 (500 lines)', p99(absurd.plan), 'ms', 20, 'p99 < 20 ms'),
    atMost('3 station tickets p99 (500 lines)', p99(absurd.tickets), 'ms', 50, 'p99 < 50 ms'),
  ],
  { orders: count, 'warm-up': warmup, stations: 3 },
);
