// Ingest throughput on a real file with the production durability settings (WAL, synchronous=FULL):
// one SQLite transaction (and fsync) per event, two printers.
// Run: npx tsx bench/ingest-throughput.ts [--seconds 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Clock } from '../ground/clock.js';
import { createIngest } from '../main/ingest/ingest.js';
import { openDatabase } from '../main/store/connection.js';
import { atLeast, printBenchLine } from './report/print-bench-line.js';

const PRINTERS = ['kitchen', 'bar'];
const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' } } });
const DURATION_MS = Number(values.seconds) * 1000;
const BATCH = 10;
// The orders' own time: on the system clock they would be months old, shown in Problems instead of printed.
const clock: Clock = { now: () => Date.parse('2026-06-25T09:15:00Z') };

const order = (id: number) => ({
  id,
  short_id: String(id % 10_000),
  status: 2,
  type: 2,
  provider_id: 6,
  created_at: '2026-06-25T09:14:11Z',
  updated_at: '2026-06-25T09:14:20Z',
  order_comment: 'Please no plastic cutlery',
  cart_v2: [
    {
      name: 'Cimol Beef Porsi Besar',
      quantity: 2,
      comment: 'extra crispy',
      brand: { id: 5297, title: 'Cimol Bojot AA' },
      modifier_groups: [
        { name: 'Level Pedas', modifiers: [{ name: 'Level 3', quantity: 1, modifier_groups: [] }] },
        {
          name: 'Topping',
          modifiers: [
            {
              name: 'Keju',
              quantity: 2,
              modifier_groups: [{ name: 'Jenis Keju', modifiers: [{ name: 'Mozzarella', quantity: 1 }] }],
            },
          ],
        },
      ],
    },
    { name: 'Es Kopi Susu Gula Aren', quantity: 1, comment: 'less ice', brand: { id: 5301 }, modifier_groups: [] },
  ],
});

function run(ordersPerEvent: number): { events: number; orders: number; seconds: number; cpuUs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
  const db = openDatabase(join(dir, 'bridge.db'));
  const ingest = createIngest({ db, clock, printerIds: () => PRINTERS });
  let events = 0;
  let nextOrderId = 1;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  while (performance.now() - start < DURATION_MS) {
    events++;
    const orders = Array.from({ length: ordersPerEvent }, () => order(nextOrderId++));
    const result = ingest({
      eventId: `bench-${events}`,
      source: 'relay',
      seq: events,
      eventType: 'klikit.order.created.v2',
      receivedAt: new Date().toISOString(),
      body: { brand_id: 5297, branch_id: 1293, orders },
    });
    if (result.outcome !== 'applied') throw new Error(`unexpected ${JSON.stringify(result)}`);
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const jobs = (db.prepare('SELECT COUNT(*) AS n FROM print_jobs').get() as { n: number }).n;
  if (jobs !== (nextOrderId - 1) * PRINTERS.length) throw new Error(`expected ${(nextOrderId - 1) * 2} jobs, got ${jobs}`);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { events, orders: nextOrderId - 1, seconds, cpuUs: cpu.user + cpu.system };
}

console.log(`ingest throughput: synchronous=FULL, WAL, ${PRINTERS.length} printers, ${DURATION_MS / 1000} s per case`);
const ordersPerSecond: number[] = [];
for (const perEvent of [1, BATCH]) {
  const { events, orders, seconds, cpuUs } = run(perEvent);
  ordersPerSecond.push(orders / seconds);
  // CPU per order as well: on a loaded machine the rates say more about the neighbours than about ingest.
  console.log(
    `${String(perEvent).padStart(2)} order(s)/event: ${(events / seconds).toFixed(0).padStart(6)} events/s  ` +
      `${(orders / seconds).toFixed(0).padStart(6)} orders/s  ${(cpuUs / orders).toFixed(0).padStart(5)} µs CPU/order  (${events} events, ${orders} orders)`,
  );
}
printBenchLine(
  'ingest-throughput',
  [
    { name: 'ingest, 1 order/event', value: Math.round(ordersPerSecond[0]!), unit: 'orders/s' },
    atLeast(`ingest batched, ${BATCH} orders/event`, Math.round(ordersPerSecond[1]!), 'orders/s', 2000, '≥ 2,000 orders/s'),
  ],
  { 'seconds per case': DURATION_MS / 1000, printers: PRINTERS.length },
);
