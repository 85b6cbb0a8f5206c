// Catch-up: the bridge is offline while N orders arrive at the relay; then it starts. Measures the time
// until every event is committed in the bridge's database and until the last ticket is printed.
// Run: npx tsx bench/bridge-catchup.ts [--orders 1000]
import { parseArgs } from 'node:util';
import { startStack } from '../test/e2e/stack.js';
import { waitFor } from '../test/helpers/wait.js';
import { printBenchLine } from './report/print-bench-line.js';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '1000' } } });
const count = Number(values.orders);

const stack = await startStack({ klikit: false });
for (let i = 0; i < count; i++) {
  const { delivery } = await stack.sim.scenarios.created();
  if (delivery.outcome !== 'delivered') throw new Error(`webhook ${i} not delivered: ${delivery.outcome}`);
}
const started = Date.now();
const bridge = await stack.startBridge();
const countOrders = bridge.db.prepare('SELECT COUNT(*) FROM orders').pluck();
await waitFor('all committed', () => (countOrders.get() as number) >= count, { timeoutMs: 120_000, intervalMs: 5 });
const committed = Date.now();
await stack.printer.waitForTickets(count, 600_000);
const printed = Date.now();
console.log(`catch-up of ${count} orders stored at the relay while the bridge was off:`);
console.log(`  all committed after ${committed - started} ms (${((count / (committed - started)) * 1000).toFixed(0)} events/s, including bridge start)`);
console.log(`  last ticket printed after ${printed - started} ms (${((count / (printed - started)) * 1000).toFixed(1)} tickets/s)`);
await stack.close();
printBenchLine(
  'bridge-catchup',
  [
    { name: `all ${count} orders committed after`, value: committed - started, unit: 'ms' },
    { name: `last of ${count} tickets printed after`, value: printed - started, unit: 'ms' },
    { name: 'printing rate in catch-up', value: (count / (printed - started)) * 1000, unit: 'tickets/s' },
  ],
  { 'orders stored at the relay': count },
);
