import { parseArgs } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import { seededRandom } from './prng.js';
import { startSimulator } from './simulator.js';
import { createStream } from './stream.js';

const USAGE = `usage: npx tsx dev/simulator/cli.ts --webhook-url URL --secret WEBHOOK_SECRET [--rate N/s] [--seed N]
       [--count N] [--api-port P] [--partner-key K] [--secret-key S] [--branch ID]... [--brand ID]...
Streams simulated klikit orders as signed webhooks to URL and serves the partner API on 127.0.0.1.
Prints one JSON line per delivery; the first line gives the API base URL.`;

const { values } = parseArgs({
  options: {
    'webhook-url': { type: 'string' },
    secret: { type: 'string' },
    rate: { type: 'string', default: '1/s' },
    seed: { type: 'string', default: '1' },
    count: { type: 'string' },
    'api-port': { type: 'string', default: '0' },
    'partner-key': { type: 'string', default: 'demo-partner' },
    'secret-key': { type: 'string', default: 'demo-secret' },
    branch: { type: 'string', multiple: true, default: ['1293'] },
    brand: { type: 'string', multiple: true, default: ['5297', '5301'] },
    help: { type: 'boolean', default: false },
  },
});

const rate = Number.parseFloat(values.rate.replace(/\/s$/, ''));
if (values.help || !values['webhook-url'] || !values.secret || !(rate > 0)) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

const seed = Number.parseInt(values.seed, 10);
const simulator = await startSimulator({
  seed,
  webhookUrl: values['webhook-url'],
  webhookSecret: values.secret,
  partnerKey: values['partner-key'],
  secretKey: values['secret-key'],
  branchIds: values.branch.map(Number),
  brandIds: values.brand.map(Number),
  apiPort: Number.parseInt(values['api-port'], 10),
});
console.log(JSON.stringify({ apiBaseUrl: simulator.apiBaseUrl }));

let stopping = false;
const stop = () => {
  stopping = true;
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const stream = createStream(simulator.scenarios, seededRandom(seed + 1));
const limit = values.count === undefined ? Number.POSITIVE_INFINITY : Number.parseInt(values.count, 10);
for (let sent = 0; sent < limit && !stopping; sent++) {
  const d = await stream.step();
  const last = d.attempts.at(-1);
  console.log(JSON.stringify({ seq: d.seq, eventId: d.eventId, eventType: d.eventType, orderIds: d.orders.map((o) => o.id), outcome: d.outcome, status: last?.status, error: last?.error }));
  await delay(1000 / rate);
}
await simulator.close();
