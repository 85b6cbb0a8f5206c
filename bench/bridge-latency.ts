// Webhook posted to the relay → ticket decoded at the virtual printer, through relay, bridge (SQLite,
// ingest, durable print queue) and TCP, all on localhost.
// Closed loop: each order is sent once the previous ticket came out, so the figures are the latency of
// one order, not queueing. Then an open-loop burst shows the throughput at which the chain saturates.
// Run: npx tsx bench/bridge-latency.ts [--orders 1000] [--burst 200]
import { parseArgs } from 'node:util';
import { startStack } from '../test/e2e/stack.js';
import { waitFor } from '../test/helpers/wait.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';
import { percentile } from './support/percentile.js';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '1000' }, burst: { type: 'string', default: '200' } } });
const count = Number(values.orders);
const burst = Number(values.burst);
const warmup = 20;

const sorted = (values: number[]): number[] => [...values].sort((a, b) => a - b);
const summary = (values: number[]): string => {
  const s = sorted(values);
  return `p50 ${percentile(s, 50)} ms  p90 ${percentile(s, 90)} ms  p99 ${percentile(s, 99)} ms  max ${s.at(-1)} ms`;
};

const stack = await startStack({ klikit: false });
const bridge = await stack.startBridge();
await waitFor('live', () => bridge.state().mode === 'live');
const committedAt = bridge.db.prepare('SELECT first_seen_at FROM orders WHERE id = ?').pluck();

const total: number[] = [];
const toCommit: number[] = [];
for (let i = 0; i < warmup + count; i++) {
  const printed = stack.printer.tickets().length;
  const before = Date.now();
  const { order, delivery } = await stack.sim.scenarios.created();
  if (delivery.outcome !== 'delivered') throw new Error(`webhook ${i} not delivered: ${delivery.outcome}`);
  const [ticket] = (await stack.printer.waitForTickets(printed + 1, 10_000)).slice(printed);
  if (i < warmup) continue;
  total.push(ticket!.at - before);
  toCommit.push(Date.parse(committedAt.get(order.id) as string) - before);
}
console.log(`closed loop, ${count} orders (after ${warmup} warm-up):`);
console.log(`  webhook → ticket at printer   ${summary(total)}   (target p99 < 50 ms)`);
console.log(`  webhook → order committed     ${summary(toCommit)}`);

const printedBefore = stack.printer.tickets().length;
const started = Date.now();
for (let i = 0; i < burst; i++) await stack.sim.scenarios.created();
const sent = Date.now();
await stack.printer.waitForTickets(printedBefore + burst, 120_000);
const done = Date.now();
console.log(`open loop, ${burst} orders as fast as the relay takes them:`);
console.log(`  relay intake ${((burst / (sent - started)) * 1000).toFixed(0)} webhooks/s; all printed after ${done - started} ms = ${((burst / (done - started)) * 1000).toFixed(1)} tickets/s`);
await stack.close();
printBenchLine(
  'bridge-latency',
  [
    { name: 'webhook at relay → ticket at printer p50', value: percentile(sorted(total), 50), unit: 'ms' },
    atMost('webhook at relay → ticket at printer p99', percentile(sorted(total), 99), 'ms', 50, 'p99 < 50 ms'),
    { name: 'webhook → order committed p99', value: percentile(sorted(toCommit), 99), unit: 'ms' },
    { name: `burst of ${burst}: printing rate`, value: (burst / (done - started)) * 1000, unit: 'tickets/s' },
  ],
  { 'closed-loop orders': count, 'warm-up': warmup, 'burst orders': burst },
);
