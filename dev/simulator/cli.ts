import { parseArgs } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import { seededRandom } from './prng.js';
import { startSimulator } from './simulator.js';
import { createStream } from './stream.js';

const USAGE = `usage: npx tsx dev/simulator/cli.ts --webhook-url URL --secret WEBHOOK_SECRET [--rate N/s] [--seed N]
       [--count N] [--api-port P] [--partner-key K] [--secret-key S] [--branch ID]... [--brand ID]...
       [--cancel-unaccepted] [--deadline PROVIDER_ID=MINUTES]...
Streams simulated klikit orders as signed webhooks to URL and serves the partner API on 127.0.0.1.
--cancel-unaccepted cancels orders nobody accepted past their provider's deadline, as the platforms do.
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
    'cancel-unaccepted': { type: 'boolean', default: false },
    deadline: { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', default: false },
  },
});

/** `--deadline 6=5`: GrabFood orders are cancelled 5 minutes after they were placed. */
function deadlines(given: readonly string[]): Record<number, number> | null {
  const entries = given.map((d) => /^(\d+)=(\d+(?:\.\d+)?)$/.exec(d));
  if (entries.some((m) => m === null)) return null;
  return Object.fromEntries(entries.map((m) => [Number(m![1]), Number(m![2])]));
}
const deadlineMinutes = deadlines(values.deadline);

const rate = Number.parseFloat(values.rate.replace(/\/s$/, ''));
if (values.help || !values['webhook-url'] || !values.secret || !(rate > 0) || deadlineMinutes === null) {
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
  ...(values['cancel-unaccepted'] ? { acceptanceExpiry: { deadlineMinutes: deadlineMinutes ?? {}, checkMs: 5_000 } } : {}),
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
