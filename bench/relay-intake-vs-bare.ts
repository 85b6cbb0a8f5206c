import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { parseArgs } from 'node:util';
import type WebSocket from 'ws';
import { addDevice } from '../relay/admin.js';
import { openRelayDatabase } from '../relay/store/connection.js';
import { DeviceStore } from '../relay/store/devices.js';
import type { Figure } from './report/bench-line.js';
import { atLeast, atMost, printBenchLine } from './report/print-bench-line.js';
import { onCpus, pinProcess, twoCorePlacement } from './support/cpu-placement.js';
import { threadRunSeconds } from './support/proc-stats.js';
import { signBody } from '../relay/webhook/signature.js';
import { klikitEnvelopes } from './support/klikit-envelopes.js';
import { connectBridge, ms, percentile, postSigned, scrapeMetrics, SECRET, spawnBareReceiver, spawnRelay, type RelayProcess } from './support/relay-harness.js';

// The relay's webhook intake side by side with the least a durable receiver can do (HMAC + group
// commit on SQLite WAL, synchronous=FULL: bench/support/bare-receiver.ts), both child processes of this
// one, the same real klikit envelopes (bench/support/klikit-envelopes.ts, 3.6–6 KB), interleaved in
// rotated trials, medians: CPU time and disk bytes written per webhook at --cpu-rate offered, answer p99
// at 1,000/s, and the highest offered rate with p99 < 50 ms, alone and with another process keeping the
// receiver's core busy; the relay also with the young generation it had (--max-semi-space-size=2), and
// the bare receiver also doing what the relay's job needs on top (JSON parse for the branch, branch
// index, body-hash dedupe), as a reference beside the targets' peer. Then, relay only: webhook answer
// p50/p99 at 500/s alone and while 600 stalled 256 KiB bodies and 10 stuck readers are held; the cost of
// a /metrics scrape at 2,000 devices; disk writes and CPU with 5,000 idle bridges connected.
//
// Why the figures are taken this way (on a 2-core machine shared with other work, one run's latency
// ratios used to differ from the next's by 3–15×, and its CPU ratio by 0.2×):
// - Placement. Unpinned, this load generator, the receiver and the busy process land wherever the
//   scheduler puts them, and each step measured another placement (the busy process sometimes starved
//   the generator instead of the receiver). With two cores or more (and taskset), this process runs on
//   core 0 and every receiver, relay and bare alike, on core 1: each is measured with one core of its
//   own, its helper threads (GC, libuv) on that core too. The busy process runs on core 1 as well, so
//   it competes with the receiver, and with nothing else, the same way for each. `--unpinned` leaves
//   placement to the scheduler.
// - Turns. CPU, disk and answer times are taken from the receivers in turns of --slice-seconds
//   (ABBA…), pooled per receiver: another process's burst, which lasts from milliseconds to seconds,
//   falls on each alike instead of on whichever was being measured. Each rate step is taken by both
//   before the next step.
// - Warm-up. Every measured rate follows --warmup-seconds at that rate, unmeasured: the generator's
//   sockets are open (it drops idle ones after 4 s, while another receiver is measured) and the JIT
//   and the SQLite pages are warm.
// - One stall is not a rate. A rate step holds when p99 < 50 ms with every webhook answered 200 in one
//   of two tries: one burst no longer ends a receiver's climb at 500/s, and a receiver that cannot
//   hold the rate fails both.
// - CPU to the nanosecond. CPU time is the scheduler's per-thread account (schedstat), not 10 ms ticks.
// - Spread. Each trial's ratios are printed, and the lowest and highest trial's beside each target.
// Run: npx tsx bench/relay-intake-vs-bare.ts [--seconds 2] [--step-seconds 1] [--slice-seconds 0.5] [--warmup-seconds 0.3]
//      [--trials 3] [--cpu-rate 2000] [--rate 500] [--idle 5000] [--idle-seconds 6] [--devices 2000] [--stalled 600] [--unpinned]

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '2' },
    'step-seconds': { type: 'string', default: '1' },
    'warmup-seconds': { type: 'string', default: '0.3' },
    'slice-seconds': { type: 'string', default: '0.5' },
    trials: { type: 'string', default: '3' },
    'cpu-rate': { type: 'string', default: '2000' },
    rate: { type: 'string', default: '500' },
    idle: { type: 'string', default: '5000' },
    'idle-seconds': { type: 'string', default: '6' },
    devices: { type: 'string', default: '2000' },
    stalled: { type: 'string', default: '600' },
    unpinned: { type: 'boolean', default: false },
  },
});
const SECONDS = Number(values.seconds);
const STEP_SECONDS = Number(values['step-seconds']);
const WARMUP_SECONDS = Number(values['warmup-seconds']);
const SLICE_SECONDS = Number(values['slice-seconds']);
const TRIALS = Number(values.trials);
const CPU_RATE = Number(values['cpu-rate']);
const RATE = Number(values.rate);
const IDLE = Number(values.idle);
const IDLE_SECONDS = Number(values['idle-seconds']);
const DEVICES = Number(values.devices);
const STALLED = Number(values.stalled);
const PLACEMENT = values.unpinned ? undefined : twoCorePlacement();
if (PLACEMENT) pinProcess(process.pid, PLACEMENT.generator);
const ON_RECEIVER_CORE = { cpus: PLACEMENT?.receiver };
// The bare receiver plus what the relay's job needs of any receiver (bench/support/bare-receiver.ts): a reference, not the target's peer.
const ROUTED = 'bare, routed + deduped';
const RATE_STEPS = [500, 1000, 1500, 2000, 3000, 4000, 6000, 8000];
const figures: Figure[] = [];
const envelopes = klikitEnvelopes();
let nextOrder = 1;

type Signed = { id: string; body: Buffer; signature: string };

/** Bodies signed before the clock starts: the load generator shares the machine with what it measures. */
function signedBodies(count: number): Signed[] {
  return Array.from({ length: count }, () => {
    const n = nextOrder++;
    const body = envelopes.next(70_000_000 + n);
    return { id: `bench-${n}`, body, signature: signBody(SECRET, body) };
  });
}

type Latency = { p50: number; p99: number; failures: number; answered: number };
type Sent = { latencies: number[]; failures: number };

/** Webhooks at `rate` for `seconds`, open loop (sent on schedule whatever the answers): each one's answer time. */
async function send(port: number, rate: number, seconds: number): Promise<Sent> {
  const total = Math.round(rate * seconds);
  const bodies = signedBodies(total);
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const inflight: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    const { id, body, signature } = bodies[i]!;
    inflight.push(
      postSigned(port, id, body, signature).then(
        (status) => {
          latencies.push(performance.now() - sent);
          if (status !== 200) failures++;
        },
        () => {
          latencies.push(performance.now() - sent);
          failures++;
        },
      ),
    );
  }
  await Promise.all(inflight);
  return { latencies, failures };
}

function summary({ latencies, failures }: Sent): Latency {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), failures, answered: sorted.length - failures };
}

async function openLoop(port: number, rate: number, seconds: number): Promise<Latency> {
  return summary(await send(port, rate, seconds));
}

/**
 * Each receiver's answer times at `rate` for `seconds`, taken in turns of --slice-seconds (ABBA…, so
 * neither is always first), after WARMUP_SECONDS each, unmeasured: a burst of another process on the
 * machine, which lasts from milliseconds to seconds, falls on every receiver alike instead of on
 * whichever one was being measured.
 */
async function inTurns(receivers: Receiver[], rate: number, seconds: number): Promise<Map<string, Latency>> {
  const pooled = new Map<string, Sent>(receivers.map((r) => [r.name, { latencies: [], failures: 0 }]));
  if (WARMUP_SECONDS > 0) for (const r of receivers) await send(r.process.port, rate, WARMUP_SECONDS);
  const turns = Math.max(1, Math.round(seconds / SLICE_SECONDS));
  for (let turn = 0; turn < turns; turn++) {
    for (const r of turn % 2 === 0 ? receivers : [...receivers].reverse()) {
      const sent = await send(r.process.port, rate, seconds / turns);
      const pool = pooled.get(r.name)!;
      pool.latencies.push(...sent.latencies);
      pool.failures += sent.failures;
    }
  }
  return new Map([...pooled].map(([name, sent]) => [name, summary(sent)]));
}

const holds = (latency: Latency): boolean => latency.p99 < 50 && latency.failures === 0;

/**
 * Each receiver's highest of RATE_STEPS it holds (and every step below): p99 < 50 ms and every webhook
 * answered 200, taking each step in turns with the others, in one of two tries.
 */
async function highestRates(receivers: Receiver[]): Promise<Map<string, number>> {
  const best = new Map(receivers.map((r) => [r.name, 0]));
  let climbing = receivers;
  for (const rate of RATE_STEPS) {
    let held = new Set<Receiver>();
    for (let attempt = 0; attempt < 2 && held.size < climbing.length; attempt++) {
      const trying = climbing.filter((r) => !held.has(r));
      const results = await inTurns(trying, rate, STEP_SECONDS);
      held = new Set([...held, ...trying.filter((r) => holds(results.get(r.name)!))]);
    }
    for (const r of held) best.set(r.name, rate);
    climbing = climbing.filter((r) => held.has(r));
    if (climbing.length === 0) break;
  }
  return best;
}

/** A process that keeps a core busy: the receivers' core when pinned, so that it competes with each receiver alike. */
function busyCore(): ChildProcess {
  const [command, args] = onCpus(PLACEMENT?.receiver, process.execPath, ['-e', 'for (;;) {}']);
  return spawn(command, args, { stdio: 'ignore' });
}

type Receiver = { name: string; process: RelayProcess };
type CostSample = { cpuUs: number; diskBytes: number };

/**
 * CPU time and bytes written to disk per webhook answered, at CPU_RATE offered for SECONDS, taken in
 * turns like the answer times: the CPU a webhook costs also moves with the machine's load (caches, the
 * size of each group commit), and in turns that load falls on each receiver alike.
 */
async function costInTurns(receivers: Receiver[]): Promise<Map<string, CostSample>> {
  const answered = new Map(receivers.map((r) => [r.name, 0]));
  if (WARMUP_SECONDS > 0) for (const r of receivers) await send(r.process.port, CPU_RATE, WARMUP_SECONDS);
  // Counted over the whole phase, not per turn: what a receiver does after its last answer of a turn
  // (a concurrent GC, the end of a checkpoint) lands while another is measured. Idle, a receiver
  // costs next to nothing (the relay's timers: one SELECT a second).
  const before = new Map(receivers.map((r) => [r.name, processCounters(r.process.child.pid!)]));
  const turns = Math.max(1, Math.round(SECONDS / SLICE_SECONDS));
  for (let turn = 0; turn < turns; turn++) {
    for (const r of turn % 2 === 0 ? receivers : [...receivers].reverse()) {
      const sent = await send(r.process.port, CPU_RATE, SECONDS / turns);
      answered.set(r.name, answered.get(r.name)! + sent.latencies.length - sent.failures);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  return new Map(
    receivers.map((r) => {
      const after = processCounters(r.process.child.pid!);
      const start = before.get(r.name)!;
      const n = answered.get(r.name)!;
      return [r.name, { cpuUs: ((after.cpuSeconds - start.cpuSeconds) * 1e6) / n, diskBytes: (after.writeBytes - start.writeBytes) / n }];
    }),
  );
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
/** The i-th trial's order: every receiver in every position once over as many trials as receivers. */
const rotated = <T>(xs: T[], i: number): T[] => xs.map((_, k) => xs[(k + i) % xs.length]!);
const spread = (xs: number[]): string => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}×`;

type Key = 'cpu' | 'disk' | 'p99' | 'rate' | 'busyRate';

async function intakeAgainstBare(): Promise<void> {
  // The relay as its launcher runs it, the same with Node's young generation as it was (2 MiB), and the bare receiver.
  const receivers: Receiver[] = [
    { name: 'relay', process: await spawnRelay(undefined, [], undefined, ON_RECEIVER_CORE) },
    { name: 'relay, semi-space 2 MiB', process: await spawnRelay(undefined, [], ['--max-semi-space-size=2'], ON_RECEIVER_CORE) },
    { name: 'bare', process: await spawnBareReceiver(undefined, 'bare', ON_RECEIVER_CORE) },
    { name: ROUTED, process: await spawnBareReceiver(undefined, 'routed', ON_RECEIVER_CORE) },
  ];
  const targetPair = receivers.filter((r) => r.name === 'relay' || r.name === 'bare');
  const samples = new Map<string, Record<Key, number[]>>(receivers.map((r) => [r.name, { cpu: [], disk: [], p99: [], rate: [], busyRate: [] }]));
  const trialRatio = (key: Key, t: number, peer = 'bare'): number => ratio(samples.get('relay')![key][t]!, samples.get(peer)![key][t]!);
  try {
    for (const r of receivers) await openLoop(r.process.port, 1000, 1);
    for (let t = 0; t < TRIALS; t++) {
      // Rotated and interleaved: a neighbour's load on this shared machine falls on each receiver alike.
      const order = rotated(receivers, t);
      const costs = await costInTurns(order);
      const at1000 = await inTurns(order, 1000, SECONDS);
      for (const r of order) {
        const cost = costs.get(r.name)!;
        const s = samples.get(r.name)!;
        s.cpu.push(cost.cpuUs);
        s.disk.push(cost.diskBytes);
        s.p99.push(at1000.get(r.name)!.p99);
        console.log(
          `trial ${t + 1} ${r.name}: ${cost.cpuUs.toFixed(0)} µs CPU and ${(cost.diskBytes / 1024).toFixed(1)} KiB written per webhook at ${CPU_RATE}/s; p99 at 1,000/s ${ms(s.p99.at(-1)!)}`,
        );
      }
      const pair = rotated(targetPair, t);
      const alone = await highestRates(pair);
      const spinner = busyCore();
      let busy: Map<string, number>;
      try {
        busy = await highestRates(pair);
      } finally {
        spinner.kill('SIGKILL');
      }
      for (const r of pair) {
        const s = samples.get(r.name)!;
        s.rate.push(alone.get(r.name)!);
        s.busyRate.push(busy.get(r.name)!);
        console.log(`trial ${t + 1} ${r.name}: highest rate with p99 < 50 ms ${s.rate.at(-1)}/s, with one core busy ${s.busyRate.at(-1)}/s`);
      }
      console.log(
        `trial ${t + 1} relay / bare: CPU ${trialRatio('cpu', t).toFixed(2)}×, disk ${trialRatio('disk', t).toFixed(2)}×, p99 at 1,000/s ${trialRatio('p99', t).toFixed(2)}×, ` +
          `highest rate ${trialRatio('rate', t).toFixed(2)}× (${trialRatio('busyRate', t).toFixed(2)}× with one core busy)`,
      );
    }
  } finally {
    for (const r of receivers) await r.process.stop();
  }
  const m = (name: string, key: Key): number => median(samples.get(name)![key]);
  const trialRatios = (key: Key): number[] => Array.from({ length: TRIALS }, (_, t) => trialRatio(key, t));
  for (const r of receivers) {
    console.log(
      `${r.name} (medians of ${TRIALS}): ${m(r.name, 'cpu').toFixed(0)} µs CPU/webhook, ${(m(r.name, 'disk') / 1024).toFixed(1)} KiB written/webhook, ` +
        `p99 at 1,000/s ${ms(m(r.name, 'p99'))}` +
        (r.name !== 'relay' && r.name !== 'bare' ? '' : `, highest rate with p99 < 50 ms ${m(r.name, 'rate')}/s (${m(r.name, 'busyRate')}/s with one core busy)`),
    );
  }
  console.log(
    `relay / bare: CPU ${ratio(m('relay', 'cpu'), m('bare', 'cpu')).toFixed(2)}×, disk ${ratio(m('relay', 'disk'), m('bare', 'disk')).toFixed(2)}×, ` +
      `p99 at 1,000/s ${ratio(m('relay', 'p99'), m('bare', 'p99')).toFixed(2)}×, highest rate ${ratio(m('relay', 'rate'), m('bare', 'rate')).toFixed(2)}× ` +
      `(${ratio(m('relay', 'busyRate'), m('bare', 'busyRate')).toFixed(2)}× with one core busy); semi-space 2 MiB / launcher's: CPU ${ratio(m('relay, semi-space 2 MiB', 'cpu'), m('relay', 'cpu')).toFixed(2)}×`,
  );
  console.log(
    `relay / bare, lowest–highest trial: CPU ${spread(trialRatios('cpu'))}, disk ${spread(trialRatios('disk'))}, p99 at 1,000/s ${spread(trialRatios('p99'))}, ` +
      `highest rate ${spread(trialRatios('rate'))} (${spread(trialRatios('busyRate'))} with one core busy); ` +
      (PLACEMENT ? `load generator on core ${PLACEMENT.generator}, receivers and the busy process on core ${PLACEMENT.receiver}` : 'unpinned'),
  );
  console.log(
    `relay / ${ROUTED}: CPU ${ratio(m('relay', 'cpu'), m(ROUTED, 'cpu')).toFixed(2)}×, disk ${ratio(m('relay', 'disk'), m(ROUTED, 'disk')).toFixed(2)}×, ` +
      `p99 at 1,000/s ${ratio(m('relay', 'p99'), m(ROUTED, 'p99')).toFixed(2)}×`,
  );
  // When the peer held no rate either, the machine was too busy to tell: no verdict rather than a ratio of 0.
  const rateRatio = (name: string, key: 'rate' | 'busyRate'): Figure =>
    m('bare', key) === 0
      ? { name, value: 0, unit: '×', target: '≥ 0.9× (no verdict: the bare peer held no rate either)' }
      : atLeast(name, ratio(m('relay', key), m('bare', key)), '×', 0.9, '≥ 0.9×');
  /** The lowest and highest trial's ratio beside a target ratio: how far one run's verdict can be trusted. */
  const trialRange = (name: string, key: Key): Figure[] => [
    { name: `${name}, lowest trial`, value: Math.min(...trialRatios(key)), unit: '×' },
    { name: `${name}, highest trial`, value: Math.max(...trialRatios(key)), unit: '×' },
  ];
  figures.push(
    { name: `relay CPU per webhook at ${CPU_RATE}/s`, value: m('relay', 'cpu'), unit: 'µs' },
    { name: `relay (semi-space 2 MiB) CPU per webhook at ${CPU_RATE}/s`, value: m('relay, semi-space 2 MiB', 'cpu'), unit: 'µs' },
    { name: `bare CPU per webhook at ${CPU_RATE}/s`, value: m('bare', 'cpu'), unit: 'µs' },
    atMost('CPU per webhook, relay / bare', ratio(m('relay', 'cpu'), m('bare', 'cpu')), '×', 1.5, '≤ 1.5×', true),
    ...trialRange('CPU per webhook, relay / bare', 'cpu'),
    { name: 'relay answer p99 at 1,000/s', value: m('relay', 'p99'), unit: 'ms' },
    { name: 'bare answer p99 at 1,000/s', value: m('bare', 'p99'), unit: 'ms' },
    atMost('answer p99 at 1,000/s, relay / bare', ratio(m('relay', 'p99'), m('bare', 'p99')), '×', 1.5, '≤ 1.5×', true),
    ...trialRange('answer p99 at 1,000/s, relay / bare', 'p99'),
    { name: 'relay highest rate with p99 < 50 ms', value: m('relay', 'rate'), unit: 'webhooks/s' },
    { name: 'bare highest rate with p99 < 50 ms', value: m('bare', 'rate'), unit: 'webhooks/s' },
    rateRatio('highest rate with p99 < 50 ms, relay / bare', 'rate'),
    ...trialRange('highest rate with p99 < 50 ms, relay / bare', 'rate'),
    { name: 'relay highest rate with p99 < 50 ms, one core busy', value: m('relay', 'busyRate'), unit: 'webhooks/s' },
    { name: 'bare highest rate with p99 < 50 ms, one core busy', value: m('bare', 'busyRate'), unit: 'webhooks/s' },
    rateRatio('highest rate with p99 < 50 ms, one core busy, relay / bare', 'busyRate'),
    ...trialRange('highest rate with p99 < 50 ms, one core busy, relay / bare', 'busyRate'),
    { name: `relay disk written per webhook at ${CPU_RATE}/s`, value: m('relay', 'disk'), unit: 'bytes' },
    { name: `bare disk written per webhook at ${CPU_RATE}/s`, value: m('bare', 'disk'), unit: 'bytes' },
    atMost('disk per webhook, relay / bare', ratio(m('relay', 'disk'), m('bare', 'disk')), '×', 1.2, '≤ 1.2×', true),
    ...trialRange('disk per webhook, relay / bare', 'disk'),
    { name: `${ROUTED} CPU per webhook at ${CPU_RATE}/s`, value: m(ROUTED, 'cpu'), unit: 'µs' },
    { name: `${ROUTED} disk written per webhook at ${CPU_RATE}/s`, value: m(ROUTED, 'disk'), unit: 'bytes' },
    { name: `CPU per webhook, relay / ${ROUTED}`, value: ratio(m('relay', 'cpu'), m(ROUTED, 'cpu')), unit: '×' },
    { name: `disk per webhook, relay / ${ROUTED}`, value: ratio(m('relay', 'disk'), m(ROUTED, 'disk')), unit: '×' },
    { name: `answer p99 at 1,000/s, relay / ${ROUTED}`, value: ratio(m('relay', 'p99'), m(ROUTED, 'p99')), unit: '×' },
  );
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
  const relay = await spawnRelay(undefined, ['--max-connections-per-address', String(STALLED + 100), '--max-sockets-per-device', '20'], undefined, ON_RECEIVER_CORE);
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
  const relay = await spawnRelay(undefined, [], undefined, ON_RECEIVER_CORE);
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
  return { writeBytes, cpuSeconds: threadRunSeconds(pid) };
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
const idleRelay = await spawnRelay(undefined, ['--max-sockets-per-device', String(IDLE + 1)], undefined, ON_RECEIVER_CORE);
try {
  await idleDevices(idleRelay);
} finally {
  await idleRelay.stop();
}
printBenchLine('relay-intake-vs-bare', figures, {
  seconds: SECONDS,
  'step seconds': STEP_SECONDS,
  'slice seconds': SLICE_SECONDS,
  'warm-up seconds': WARMUP_SECONDS,
  trials: TRIALS,
  placement: PLACEMENT ? `generator on core ${PLACEMENT.generator}, receivers on core ${PLACEMENT.receiver}` : 'unpinned',
  'cpu rate': CPU_RATE,
  rate: RATE,
  'idle devices': IDLE,
  'idle seconds': IDLE_SECONDS,
  devices: DEVICES,
  stalled: STALLED,
});
process.exit(0);
