// How fast the klikit simulator can feed the bridge, so that demo and chaos rates are known to be
// within its reach: order generation, signed webhook deliveries over loopback HTTP, and the API client
// paging through the partner API.
// Run: npx tsx bench/simulator-throughput.ts [--generate 50000] [--webhooks 2000]
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { systemClock } from '../ground/clock.js';
import { createKlikitApi } from '../main/klikit/api-client.js';
import { createOrderGenerator } from '../dev/simulator/order-generator.js';
import { startSimulator } from '../dev/simulator/simulator.js';
import type { Figure } from './report/bench-line.js';
import { printBenchLine } from './report/print-bench-line.js';

const { values } = parseArgs({ options: { generate: { type: 'string', default: '50000' }, webhooks: { type: 'string', default: '2000' } } });
const perSecond = (count: number, ms: number): number => Math.round((count / ms) * 1000);
const figures: Figure[] = [];

const rate = (count: number, ms: number) => `${Math.round((count / ms) * 1000).toLocaleString('en')}/s`;

const generator = createOrderGenerator({ seed: 1, clock: systemClock, branchIds: [1293], brandIds: [5297, 5301, 5302] });
const GENERATED = Number(values.generate);
let started = performance.now();
for (let i = 0; i < GENERATED; i++) generator.next();
const generateMs = performance.now() - started;
console.log(`generate: ${GENERATED} orders in ${Math.round(generateMs)} ms (${rate(GENERATED, generateMs)})`);
figures.push({ name: 'order generation', value: perSecond(GENERATED, generateMs), unit: 'orders/s' });

const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('{"status":"received"}'));
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const sim = await startSimulator({
  seed: 1,
  webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`,
  webhookSecret: 'bench',
  partnerKey: 'pk',
  secretKey: 'sk',
  branchIds: [1293],
  brandIds: [5297, 5301],
});

for (const concurrency of [1, 16]) {
  const TOTAL = Number(values.webhooks);
  started = performance.now();
  let sent = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < TOTAL) {
        sent += 1;
        await sim.scenarios.created();
      }
    }),
  );
  const ms = performance.now() - started;
  console.log(`webhooks (concurrency ${concurrency}): ${TOTAL} deliveries in ${Math.round(ms)} ms (${rate(TOTAL, ms)})`);
  figures.push({ name: `signed webhook deliveries, concurrency ${concurrency}`, value: perSecond(TOTAL, ms), unit: 'webhooks/s' });
}

const api = createKlikitApi({ baseUrl: sim.apiBaseUrl, partnerKey: 'pk', secretKey: 'sk', clock: systemClock, random: Math.random, pageSize: 100 });
const from = new Date(Date.now() - 3_600_000).toISOString();
const to = new Date(Date.now() + 60_000).toISOString();
started = performance.now();
const all = await api.listAllOrders({ from, to, branchId: 1293 });
const ms = performance.now() - started;
console.log(`listAllOrders: ${all.ok ? all.value.length : all.message} orders in ${Math.round(ms)} ms (${sim.apiRequests()} pages of 100)`);

figures.push({ name: `listAllOrders (${all.ok ? all.value.length : 0} orders)`, value: ms, unit: 'ms' });

await sim.close();
receiver.close();
receiver.closeAllConnections();
printBenchLine('simulator-throughput', figures, { 'orders generated': GENERATED, 'webhooks per concurrency': Number(values.webhooks) });
