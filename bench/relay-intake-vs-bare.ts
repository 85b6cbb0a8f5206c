import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { parseArgs } from 'node:util';
import type WebSocket from 'ws';
import { addDevice } from '../relay/admin.js';
import { openRelayDatabase } from '../relay/store/connection.js';
import { DeviceStore } from '../relay/store/devices.js';
import type { Figure } from './report/bench-line.js';
import { atLeast, atMost, printBenchLine } from './report/print-bench-line.js';
import { cpuSeconds } from './support/proc-stats.js';
import { connectBridge, envelope, ms, percentile, postWebhook, scrapeMetrics, spawnBareReceiver, spawnRelay, type RelayProcess } from './support/relay-harness.js';

// The relay's webhook intake side by side with the least a durable receiver can do (HMAC + group
// commit on SQLite WAL, synchronous=FULL: bench/support/bare-receiver.ts), same bodies, same run:
// closed-loop throughput with 32 connections and the highest offered rate with p99 < 50 ms, as ratios.
// Then, relay only: webhook answer p50/p99 at 500/s alone and while 600 stalled 256 KiB bodies and 10
// stuck readers are held; the cost of a /metrics scrape at 2,000 devices; disk writes and CPU with
// 5,000 idle bridges connected.
// Run: npx tsx bench/relay-intake-vs-bare.ts [--seconds 2.5] [--step-seconds 1.5] [--rate 500] [--idle 5000] [--idle-seconds 6]
//      [--devices 2000] [--stalled 600]

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '2.5' },
    'step-seconds': { type: 'string', default: '1.5' },
    rate: { type: 'string', default: '500' },
    idle: { type: 'string', default: '5000' },
    'idle-seconds': { type: 'string', default: '6' },
    devices: { type: 'string', default: '2000' },
    stalled: { type: 'string', default: '600' },
  },
});
const SECONDS = Number(values.seconds);
const STEP_SECONDS = Number(values['step-seconds']);
const RATE = Number(values.rate);
const IDLE = Number(values.idle);
const IDLE_SECONDS = Number(values['idle-seconds']);
const DEVICES = Number(values.devices);
const STALLED = Number(values.stalled);
const RATE_STEPS = [250, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000];
const figures: Figure[] = [];
let nextOrder = 1;
const nextBody = (): { id: string; body: string } => {
  const n = nextOrder++;
  return { id: `bench-${n}`, body: envelope(7, n) };
};

async function closedLoop(port: number, seconds: number, connections = 32): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let answered = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const { id, body } = nextBody();
        if ((await postWebhook(port, id, body)) === 200) answered++;
      }
    }),
  );
  return answered / seconds;
}

type Latency = { p50: number; p99: number; failures: number };

async function openLoop(port: number, rate: number, seconds: number): Promise<Latency> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const inflight: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    const { id, body } = nextBody();
    inflight.push(
      postWebhook(port, id, body).then((status) => {
        latencies.push(performance.now() - sent);
        if (status !== 200) failures++;
      }),
    );
  }
  await Promise.all(inflight);
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures };
}

/** The highest of RATE_STEPS whose p99 stays under 50 ms with every webhook answered 200. */
async function highestRate(port: number): Promise<number> {
  let best = 0;
  for (const rate of RATE_STEPS) {
    const result = await openLoop(port, rate, STEP_SECONDS);
    if (result.p99 >= 50 || result.failures > 0) break;
    best = rate;
  }
  return best;
}

async function intakeAgainstBare(): Promise<void> {
  const relay = await spawnRelay();
  const bare = await spawnBareReceiver();
  try {
    await closedLoop(relay.port, 0.5);
    await closedLoop(bare.port, 0.5);
    const relayClosed = await closedLoop(relay.port, SECONDS);
    const bareClosed = await closedLoop(bare.port, SECONDS);
    const relayRate = await highestRate(relay.port);
    const bareRate = await highestRate(bare.port);
    console.log(`closed loop, 32 connections: relay ${relayClosed.toFixed(0)}/s, bare ${bareClosed.toFixed(0)}/s`);
    console.log(`highest offered rate with p99 < 50 ms (steps ${RATE_STEPS.join(', ')}): relay ${relayRate}/s, bare ${bareRate}/s`);
    figures.push(
      { name: 'relay closed-loop throughput (32 conns)', value: relayClosed, unit: 'webhooks/s' },
      { name: 'bare closed-loop throughput (32 conns)', value: bareClosed, unit: 'webhooks/s' },
      atLeast('closed-loop throughput, relay / bare', relayClosed / bareClosed, '×', 0.6, '≥ 0.6×'),
      { name: 'relay highest rate with p99 < 50 ms', value: relayRate, unit: 'webhooks/s' },
      { name: 'bare highest rate with p99 < 50 ms', value: bareRate, unit: 'webhooks/s' },
      atLeast('highest rate with p99 < 50 ms, relay / bare', bareRate === 0 ? 0 : relayRate / bareRate, '×', 0.6, '≥ 0.6×'),
    );
  } finally {
    await relay.stop();
    await bare.stop();
  }
}

// One buffer for every stalled body: the load generator's own garbage must not show up as the relay's latency.
const STALLED_BYTES = Buffer.alloc(256 * 1024, 0x20);

function stalledBody(port: number, size: number): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `POST /webhooks/klikit HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: ${size}\r\n` +
          `x-klikit-signature: ${'ab'.repeat(32)}\r\nx-klikit-event-id: stall\r\nx-klikit-event-type: klikit.order.created.v2\r\n\r\n`,
      );
      socket.write(STALLED_BYTES.subarray(0, size - 100), () => resolve(socket));
    });
    socket.on('error', () => resolve(socket));
  });
}

async function answerUnderAttack(): Promise<void> {
  const relay = await spawnRelay(undefined, ['--max-connections-per-address', String(STALLED + 100), '--max-sockets-per-device', '20']);
  const held: Array<{ destroy(): void }> = [];
  try {
    const { token } = await addDevice(relay.store, 'bench', [7]);
    await openLoop(relay.port, RATE, 0.5);
    const alone = await openLoop(relay.port, RATE, SECONDS);
    for (let i = 0; i < STALLED; i++) held.push(await stalledBody(relay.port, 256 * 1024 - 1));
    for (let i = 0; i < 10; i++) {
      const ws: WebSocket = await connectBridge(relay.port, token, () => undefined);
      ws.send(JSON.stringify({ type: 'hello', protocol: 1, after: 0 }));
      (ws as unknown as { _socket: { pause(): void } })._socket.pause();
      held.push({ destroy: () => ws.terminate() });
    }
    const attacked = await openLoop(relay.port, RATE, SECONDS);
    console.log(`webhook answer @ ${RATE}/s alone: p50 ${ms(alone.p50)}, p99 ${ms(alone.p99)}, ${alone.failures} non-200`);
    console.log(`  under ${STALLED} stalled bodies + 10 stuck readers: p50 ${ms(attacked.p50)}, p99 ${ms(attacked.p99)}, ${attacked.failures} non-200`);
    figures.push(
      { name: `answer p50 @ ${RATE}/s alone`, value: alone.p50, unit: 'ms' },
      { name: `answer p99 @ ${RATE}/s alone`, value: alone.p99, unit: 'ms' },
      { name: `answer p50 @ ${RATE}/s under attack`, value: attacked.p50, unit: 'ms' },
      { name: `answer p99 @ ${RATE}/s under attack`, value: attacked.p99, unit: 'ms' },
      atMost('answer p99 under attack / alone', attacked.p99 / alone.p99, '×', 2, '< 2×'),
      atMost('webhooks under attack answered other than 200', attacked.failures, 'requests', 0, '0', true),
    );
  } finally {
    for (const h of held) h.destroy();
    await relay.stop();
  }
}

async function scrapeCost(): Promise<void> {
  const relay = await spawnRelay();
  try {
    const db = openRelayDatabase(relay.store);
    const devices = new DeviceStore(db);
    db.transaction(() => {
      for (let i = 0; i < DEVICES; i++) devices.add(`device-${i}`, `hash-${i}`, [i % 50], new Date().toISOString());
    })();
    db.close();
    // Per-device lag is counted by housekeeping; the scrape only formats it.
    const deadline = Date.now() + 10_000;
    while (!(await scrapeMetrics(relay.port)).includes(`device="device-${DEVICES - 1}"`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      await scrapeMetrics(relay.port);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`/metrics scrape at ${DEVICES} devices: p50 ${ms(percentile(times, 50))}, max ${ms(times.at(-1)!)}`);
    figures.push(
      atMost(`/metrics scrape p50 at ${DEVICES} devices`, percentile(times, 50), 'ms', 20, '< 20 ms'),
      { name: `/metrics scrape max at ${DEVICES} devices`, value: times.at(-1)!, unit: 'ms' },
    );
  } finally {
    await relay.stop();
  }
}

function processCounters(pid: number): { writeBytes: number; cpuSeconds: number } {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const writeBytes = Number(/write_bytes: (\d+)/.exec(io)?.[1] ?? Number.NaN);
  return { writeBytes, cpuSeconds: cpuSeconds(pid) };
}

async function idleDevices(relay: RelayProcess): Promise<void> {
  const { token } = await addDevice(relay.store, 'bench', [7]);
  const sockets: WebSocket[] = [];
  for (let start = 0; start < IDLE; start += 200) {
    const batch = await Promise.all(Array.from({ length: Math.min(200, IDLE - start) }, () => connectBridge(relay.port, token, () => undefined)));
    for (const ws of batch) ws.send(JSON.stringify({ type: 'hello', protocol: 1, after: 0 }));
    sockets.push(...batch);
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const before = processCounters(relay.child.pid!);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
  const after = processCounters(relay.child.pid!);
  const elapsed = (performance.now() - started) / 1000;
  const writes = (after.writeBytes - before.writeBytes) / elapsed;
  const cpu = ((after.cpuSeconds - before.cpuSeconds) / elapsed) * 100;
  console.log(`${IDLE} idle bridges connected for ${elapsed.toFixed(1)} s: ${writes.toFixed(0)} bytes/s written to disk, CPU ${cpu.toFixed(1)} %`);
  figures.push(
    atMost(`disk writes with ${IDLE} idle devices`, writes, 'bytes/s', 0, '0 (no writes while idle)', true),
    { name: `relay CPU with ${IDLE} idle devices`, value: cpu, unit: '% of one core' },
  );
  for (const ws of sockets) ws.terminate();
}

await intakeAgainstBare();
await answerUnderAttack();
await scrapeCost();
const idleRelay = await spawnRelay(undefined, ['--max-sockets-per-device', String(IDLE + 1)]);
try {
  await idleDevices(idleRelay);
} finally {
  await idleRelay.stop();
}
printBenchLine('relay-intake-vs-bare', figures, { seconds: SECONDS, 'step seconds': STEP_SECONDS, rate: RATE, 'idle devices': IDLE, 'idle seconds': IDLE_SECONDS, devices: DEVICES, stalled: STALLED });
process.exit(0);
