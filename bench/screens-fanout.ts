// LAN screens against the headless bridge as shipped (dist/bridge/cli.js with screens on): a bump on
// one screen seen on 10 others (from the bump until each other screen's board, re-read after the
// push, shows it), and what 20 idle screens add to the bridge's memory and CPU.
// Run: npx tsx bench/screens-fanout.ts [--bumps 60] [--idle-seconds 15] [--language th] [--smoke]
// --language: the screens read another language than the computer's (each answer worded in it).
import { execFileSync, spawn } from 'node:child_process';
import { request } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import WebSocket from 'ws';
import { EVENT_CREATED, envelopeOf } from '../dev/simulator/scenarios.js';
import { startStack } from '../test/e2e/stack.js';
import { buildBundledBridge, freePort } from '../test/integration/screens/support.js';
import { waitFor } from '../test/helpers/wait.js';
import { percentile } from './support/percentile.js';
import { cpuSeconds, rssBytes } from './support/proc-stats.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';

const { values } = parseArgs({ options: { bumps: { type: 'string', default: '60' }, 'idle-seconds': { type: 'string', default: '15' }, language: { type: 'string' }, smoke: { type: 'boolean', default: false } } });
const BUMPS = values.smoke ? 8 : Number(values.bumps);
const IDLE_SECONDS = values.smoke ? 3 : Number(values['idle-seconds']);
const WATCHERS = 10;
const IDLE_SCREENS = 20;

const bundle = buildBundledBridge();
const stack = await startStack({ klikit: false });
const port = await freePort();
const raw = JSON.parse(readFileSync(stack.configPath, 'utf8')) as Record<string, unknown>;
// Bumps go out at once (no undo wait): the board changes the moment a screen bumps.
writeFileSync(stack.configPath, JSON.stringify({ ...raw, actions: { undoSeconds: 0 }, screens: { enabled: true, port, bind: '127.0.0.1' } }));
const cli = join(bundle.dist, 'bridge/cli.js');
const bridge = spawn(process.execPath, ['--max-semi-space-size=2', cli, '--config', stack.configPath], { stdio: ['ignore', 'pipe', 'inherit'] });
let log = '';
bridge.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
await waitFor('the screen server', () => log.includes('serving the board on the local network'), { timeoutMs: 30_000 });
const host = `127.0.0.1:${port}`;

/** Pairs one screen from its own loopback address (the pairing limit is per address). */
async function pairScreen(n: number): Promise<string> {
  const code = execFileSync(process.execPath, [cli, '--config', stack.configPath, '--pair', 'counter'], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
  return new Promise((resolve, reject) => {
    const body = `code=${code}`;
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/pair', localAddress: `127.0.0.${10 + n}`, setHost: false, headers: { host, origin: `http://${host}`, 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length } }, (res) => {
      res.resume();
      const cookie = String(res.headers['set-cookie'] ?? '').split(';')[0];
      if (res.statusCode === 303 && cookie) resolve(cookie);
      else reject(new Error(`pairing answered ${res.statusCode}`));
    });
    req.on('error', reject);
    req.end(body);
  });
}

type Screen = { ws: WebSocket; call(method: string, args?: unknown): Promise<{ ok: boolean; value?: unknown }>; onOrders: Set<() => void> };
function open(cookie: string): Promise<Screen> {
  const query = values.language ? `?lang=${encodeURIComponent(values.language)}` : '';
  const ws = new WebSocket(`ws://${host}/bridge${query}`, { headers: { host, origin: `http://${host}`, cookie } });
  const waiting = new Map<number, (r: { ok: boolean; value?: unknown }) => void>();
  const onOrders = new Set<() => void>();
  let next = 1;
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { type: string; id?: number; result?: { ok: boolean }; update?: { type: string } };
    if (m.type === 'response') waiting.get(m.id!)?.(m.result!);
    else if (m.type === 'update' && m.update?.type === 'orders') for (const f of onOrders) f();
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, onOrders, call: (method, args) => new Promise((done) => { const id = next++; waiting.set(id, done); ws.send(JSON.stringify({ type: 'request', id, method, args })); }) }));
    ws.once('error', reject);
  });
}

function sample(seconds: number): Promise<{ rssMb: number; cpuPercent: number }> {
  return (async () => {
    const cpu0 = cpuSeconds(bridge.pid!);
    const rss: number[] = [];
    for (let s = 0; s < seconds; s++) {
      await delay(1000);
      rss.push(rssBytes(bridge.pid!) / 2 ** 20);
    }
    return { rssMb: rss.reduce((a, b) => a + b, 0) / rss.length, cpuPercent: ((cpuSeconds(bridge.pid!) - cpu0) / seconds) * 100 };
  })();
}

try {
  await delay(3000);
  const before = await sample(IDLE_SECONDS);
  const cookies: string[] = [];
  for (let n = 0; n < IDLE_SCREENS; n++) cookies.push(await pairScreen(n));
  const screens = await Promise.all(cookies.map(open));
  await delay(3000);
  const after = await sample(IDLE_SECONDS);

  // Orders to bump, through the relay like any other.
  const ids: number[] = [];
  for (let i = 0; i < BUMPS; i++) {
    const order = stack.sim.generator.next({ brandIds: [5297], type: 1, providerId: 6, scheduled: false, status: 2, lineCount: 2, driveThru: false });
    stack.sim.record.publish(order);
    await stack.sim.sender.send({ eventType: EVENT_CREATED, body: envelopeOf([order]), orders: [order] });
    ids.push(order.id);
  }
  const bumper = screens[0]!;
  const watchers = screens.slice(1, 1 + WATCHERS);
  type Row = { id: number; lastAction: unknown };
  await waitFor('every order on the board', async () => {
    const r = await bumper.call('listOrders', { limit: 500 });
    return r.ok && ids.every((id) => (r.value as Row[]).some((o) => o.id === id));
  }, { timeoutMs: 60_000 });

  const bumpCpu0 = cpuSeconds(bridge.pid!);
  const latencies: number[] = [];
  /** The bump's own answer (its commit, fsync included): the part of a sighting no fan-out can save. */
  const acks: number[] = [];
  /** From the bump's answer to the sighting: the push and the re-read alone. */
  const afterAck: number[] = [];
  for (const id of ids) {
    const seen = watchers.map(
      (w) =>
        new Promise<number>((resolve) => {
          const check = () => {
            void w.call('listOrders', { limit: 500 }).then((r) => {
              const row = (r.value as Row[]).find((o) => o.id === id);
              if (row?.lastAction) {
                w.onOrders.delete(check);
                resolve(performance.now());
              }
            });
          };
          w.onOrders.add(check);
        }),
    );
    const started = performance.now();
    const bumped = await bumper.call('orderAction', { orderId: id, action: 'ready' });
    acks.push(performance.now() - started);
    if (!bumped.ok) throw new Error(`bump refused: ${JSON.stringify(bumped)}`);
    for (const at of await Promise.all(seen)) {
      latencies.push(at - started);
      afterAck.push(at - started - acks.at(-1)!);
    }
  }
  const cpuPerBumpMs = ((cpuSeconds(bridge.pid!) - bumpCpu0) / ids.length) * 1000;
  for (const s of screens) s.ws.close();

  const sorted = [...latencies].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const addedMb = after.rssMb - before.rssMb;
  const addedCpu = after.cpuPercent - before.cpuPercent;
  console.log(`bump seen on ${WATCHERS} other screens: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (${latencies.length} sightings)`);
  const ackSorted = [...acks].sort((a, b) => a - b);
  const fanSorted = [...afterAck].sort((a, b) => a - b);
  console.log(`from the bump's answer to the sighting (push + re-read): p50 ${percentile(fanSorted, 50).toFixed(1)} ms, p99 ${percentile(fanSorted, 99).toFixed(1)} ms`);
  console.log(`the bump's own answer (commit included): p50 ${percentile(ackSorted, 50).toFixed(1)} ms, p99 ${percentile(ackSorted, 99).toFixed(1)} ms`);
  console.log(`bridge CPU per bump seen on ${WATCHERS} screens (the bump, the push, ${WATCHERS} re-reads): ${cpuPerBumpMs.toFixed(2)} ms${values.language ? ` (screens in ${values.language})` : ''}`);
  console.log(`bridge with 0 screens: ${before.rssMb.toFixed(1)} MB, ${before.cpuPercent.toFixed(2)} % of a core; with ${IDLE_SCREENS} idle screens: ${after.rssMb.toFixed(1)} MB, ${after.cpuPercent.toFixed(2)} %`);
  printBenchLine(
    'screens-fanout',
    [
      atMost('bump seen on 10 screens p50', p50, 'ms', 250, '< 250 ms'),
      atMost('bump seen on 10 screens p99', p99, 'ms', 250, '< 250 ms'),
      atMost('memory added by 20 idle screens', addedMb, 'MB', 10, '< 10 MB'),
      atMost('CPU added by 20 idle screens', addedCpu, '% of a core', 1, '< 1 %'),
    ],
    { bumps: BUMPS, watchers: WATCHERS, idleScreens: IDLE_SCREENS, idleSeconds: IDLE_SECONDS },
  );
} finally {
  bridge.kill('SIGTERM');
  await new Promise((resolve) => bridge.once('exit', resolve));
  await stack.close();
  bundle.cleanup();
}
