import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import pino from 'pino';
import { startRelay } from '../relay/server.js';
import { addDevice, listDevices } from '../relay/admin.js';
import { startSimulator } from './simulator/simulator.js';
import type { SimOrder } from './simulator/order-generator.js';
import { createVirtualPrinter } from './virtual-printer/virtual-printer.js';
import { parseConfig } from '../main/core/config.js';
import { startBridge } from '../main/core/bridge.js';
import { serveScreens, type ServedScreens } from '../main/core/serve-screens.js';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { systemClock, systemRandom } from '../ground/clock.js';
import { untilProgressing } from './chaos/processes.js';

// `npm run demo`: relay + klikit simulator + headless bridge + virtual printer on 127.0.0.1, no hardware
// and no klikit account. Simulated orders flow through; printed tickets land as text previews, and
// tickets printed as raster (Thai, Chinese, Vietnamese… under `--render auto`) as PNGs beside them.

const USAGE = 'usage: npm run demo -- [--orders N] [--interval MS] [--out DIR] [--seed N] [--render auto|text|raster] [--window]';
const RENDERS = ['auto', 'text', 'raster'] as const;

const { values } = parseArgs({
  options: {
    orders: { type: 'string' },
    interval: { type: 'string', default: '1500' },
    out: { type: 'string', default: 'demo-output' },
    seed: { type: 'string', default: '1' },
    render: { type: 'string', default: 'auto' },
    /** Also serves the board on 127.0.0.1 (browser mode) and prints its URL; stays up until Ctrl-C. */
    window: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
const maxOrders = values.orders === undefined ? Infinity : Number(values.orders);
const intervalMs = Number(values.interval);
const render = RENDERS.find((r) => r === values.render);
if (values.help || !(maxOrders > 0) || !(intervalMs >= 0) || !render) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

const BRANCH = 1293;
const SECRET = 'demo-webhook-secret';
const out = resolve(values.out);
const ticketsDir = join(out, 'tickets');
// Each run starts from a clean slate so the previews match what this run printed.
for (const dir of ['relay', 'bridge', 'tickets']) rmSync(join(out, dir), { recursive: true, force: true });

const quiet = pino({ level: 'warn' });
const relay = await startRelay({ port: 0, store: join(out, 'relay'), secrets: [SECRET], logger: quiet });
const { token } = await addDevice(join(out, 'relay'), 'demo-counter', [BRANCH]);
const printer = await createVirtualPrinter({ outDir: ticketsDir });
const sim = await startSimulator({
  seed: Number(values.seed),
  webhookUrl: `${relay.url}/webhooks/klikit`,
  webhookSecret: SECRET,
  partnerKey: 'demo-partner',
  secretKey: 'demo-secret',
  branchIds: [BRANCH],
  brandIds: [5297, 5301],
});
const parsed = parseConfig({
  relay: { url: relay.bridgeUrl, token },
  klikit: { baseUrl: sim.apiBaseUrl, partnerKey: 'demo-partner', secretKey: 'demo-secret', branchIds: [BRANCH] },
  printers: [{ id: 'kitchen', name: 'Kitchen (virtual)', type: 'epson', interface: printer.url, width: 48, render }],
  dataDir: join(out, 'bridge'),
});
if (!parsed.ok) throw new Error(parsed.error);
const bridge = await startBridge(parsed.config, { clock: systemClock, random: systemRandom, logger: quiet });
let board: ServedScreens | undefined;
if (values.window) {
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url)), 'renderer', '--outdir', join(out, 'web')]);
  board = await serveScreens(bridge, parsed.config, true, quiet, join(out, 'web', 'renderer'));
}

console.log(`relay        ${relay.url} (webhooks at /webhooks/klikit, bridges at /v1/bridge)`);
console.log(`klikit API   ${sim.apiBaseUrl} (simulated)`);
console.log(`printer      ${printer.url} (virtual ESC/POS)`);
console.log(`tickets      written as text previews to ${ticketsDir}/ (raster tickets also as PNG)`);
console.log(maxOrders === Infinity ? 'Ctrl-C to stop.\n' : `stopping after ${maxOrders} orders.\n`);

bridge.subscribe((s) => console.log(`connection   ${s.mode}: ${s.detail}`));
printer.events.on('ticket', (ticket: { text: string; image?: unknown }) => {
  const name = `ticket-${String(printer.tickets().length).padStart(4, '0')}`;
  const title = ticket.image ? '(raster)' : (ticket.text.split('\n').find((line) => line.includes('#'))?.trim() ?? '(ticket)');
  console.log(`printed      ${name}.${ticket.image ? 'png' : 'txt'}  ${title}`);
});

let stopping = false;
process.once('SIGINT', () => (stopping = true));
process.once('SIGTERM', () => (stopping = true));

// A stream that exercises what the bridge must get right: besides new orders, a cart edit, a
// duplicate delivery, an out-of-order status pair and a cancel come round regularly.
const placed: SimOrder[] = [];
// What staff call the order: klikit's own orders by id, aggregator orders by short id.
const label = (o: SimOrder): string => (o.provider_id === 1 ? `#${o.id}` : `#${o.short_id} (id ${o.id})`);
for (let n = 1; n <= maxOrders && !stopping; n++) {
  const { order, delivery } = await sim.scenarios.created();
  placed.push(order);
  console.log(`order        ${label(order)} created`);
  if (n % 4 === 0) {
    const middle = Math.floor(placed.length / 2);
    const edited = await sim.scenarios.cartEdit(placed[middle]!);
    placed[middle] = edited.order;
    console.log(`order        ${label(edited.order)}: cart edited (expect an UPDATED ticket)`);
  }
  if (n % 5 === 0) {
    await sim.scenarios.resendSameEventId(delivery);
    console.log(`order        ${label(order)}: webhook delivered twice (expect no second ticket)`);
  }
  if (n % 6 === 0) {
    await sim.scenarios.outOfOrderStatus(order, 2, 4);
    console.log(`order        ${label(order)}: READY arrived before ACCEPTED (status must stay READY)`);
  }
  if (n % 7 === 0) {
    const victim = placed.shift()!;
    await sim.scenarios.cancel(victim);
    console.log(`order        ${label(victim)}: cancelled (expect a VOID slip)`);
  }
  if (intervalMs > 0) await delay(intervalMs);
}

// Done when the relay has nothing unacked for the bridge and the print queue is empty; the summary
// comes anyway once nothing has moved (acks, queue, tickets) for 10 s, however slow the machine is.
await untilProgressing(
  'the bridge to catch up',
  async () => {
    const lag = (await listDevices(join(out, 'relay'))).reduce((sum, d) => sum + d.lag, 0);
    const queue = bridge.health().queueDepth;
    return { done: lag === 0 && Object.keys(queue).length === 0, progress: { lag, queue, printed: printer.tickets().length } };
  },
  10_000,
  100,
).catch((err: unknown) => console.log(`\n${(err as Error).message}`));
const health = bridge.health();
console.log(`\n${printer.tickets().length} tickets printed to ${ticketsDir}/; queue ${JSON.stringify(health.queueDepth)}`);
if (board) {
  console.log('The board stays open in the browser: Ctrl-C to stop.');
  await new Promise((resolve) => process.once('SIGINT', resolve));
  await board.stop();
}
await bridge.stop();
await sim.close();
await printer.stop();
await relay.close();
