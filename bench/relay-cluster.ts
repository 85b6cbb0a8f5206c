import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from '../dev/simulator/prng.js';
import { startPostgresCluster } from '../test/helpers/postgres-cluster.js';
import { waitFor } from '../test/helpers/wait.js';
import type { Figure } from './report/bench-line.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';
import { addDevicePerBranch } from './support/bench-devices.js';
import { spawnBridgeFleet, wallClockMs, type BridgeFleet, type FleetBridge } from './support/bridge-fleet.js';
import { DeliveryLedger } from './support/delivery-ledger.js';
import { percentile } from './support/percentile.js';
import { cpuSeconds, machineCpuTicks, rssBytes } from './support/proc-stats.js';
import { connectedDevices, envelope, postWebhook, scrapeMetrics, spawnRelay, type RelayProcess } from './support/relay-harness.js';

// The relay as several nodes on one PostgreSQL (fsync on) against one SQLite relay, same load, same
// run: --bridges idle bridges (a device and a branch each, in a child process of their own, spread
// round-robin over the nodes), --rate webhooks a second to random branches for --seconds, each
// POSTed to a random node. Figures per store: webhook answer p50/p99, webhook POST start → event
// frame at that branch's bridge p50/p99, webhooks answered 200 but never received (must be 0), relay
// memory per connection, the longest relay event-loop delay idle and under load (what a tail is made
// of); then PostgreSQL / SQLite ratios of the two p99s.
// Run: npx tsx bench/relay-cluster.ts [--bridges 10000] [--rate 200] [--seconds 60] [--nodes 3] [--seed 1]
//      [--idle-seconds 6] [--straggler-seconds 30]

const { values } = parseArgs({
  options: {
    bridges: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    nodes: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    'straggler-seconds': { type: 'string', default: '30' },
    'idle-seconds': { type: 'string', default: '6' },
  },
});
const BRIDGES = Number(values.bridges);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const NODES = Number(values.nodes);
const SEED = Number(values.seed);
const STRAGGLER_MS = Number(values['straggler-seconds']) * 1000;
/** How long the relays are watched with every bridge connected and no webhook: longer than one heartbeat (5 s). */
const IDLE_WINDOW_MS = Number(values['idle-seconds']) * 1000;
/** An answer slower than this is listed by the second it was sent in. */
const SLOW_MS = 100;
/** Upgrades in flight at once while the fleet connects. */
const CONNECT_CONCURRENCY = 200;
// Every bridge comes from 127.0.0.1, so the per-address cap must let a whole fleet's upgrades through.
const RELAY_FLAGS = ['--max-connections', String(BRIDGES + 1000), '--max-connections-per-address', String(BRIDGES + 1000)];

/** Bridge i serves branch i + 1 (branch ids start at 1). */
const branchOf = (bridge: number): number => bridge + 1;

type StoreResult = {
  answerP50: number;
  answerP99: number;
  frameP50: number;
  frameP99: number;
  notOk: number;
  lost: number;
  duplicates: number;
  misdelivered: number;
  dropped: number;
  memoryPerConnectionKb: number;
  /** The fewest bridges any node had. */
  bridgesPerNode: number;
  /** The longest event-loop delay of any relay node while the bridges were idle, and during the load. */
  idleLoopDelayMs: number;
  loadLoopDelayMs: number;
  /** The bridge fleet's own, during the load: how late it may have noted a frame (part of webhook → frame). */
  fleetLoopDelayMs: number;
  /** CPU the relay nodes used during the load, together, in % of one core. */
  relayCpuPercent: number;
  /** How busy the whole machine was during the load (this run and anything else on it), in % of all cores. */
  machineBusyPercent: number;
};

/** Samples RSS every half second until two samples agree within 0.5 % (or 20 s passed): the heap settled after a change. */
async function settledRss(pid: number): Promise<number> {
  const deadline = Date.now() + 20_000;
  let last = rssBytes(pid);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = rssBytes(pid);
    if (Math.abs(now - last) < last * 0.005 || Date.now() > deadline) return now;
    last = now;
  }
}

/** The longest event-loop delay of any node since its previous scrape (prom-client resets the monitor at each), in ms. */
async function eventLoopDelayMaxMs(nodes: RelayProcess[]): Promise<number> {
  const scraped = await Promise.all(nodes.map((node) => scrapeMetrics(node.port)));
  return Math.max(...scraped.map((text) => Number(/^nodejs_eventloop_lag_max_seconds (\S+)/m.exec(text)?.[1] ?? Number.NaN) * 1000));
}

type Connected = { memoryPerConnectionKb: number; bridgesPerNode: number; idleLoopDelayMs: number };

/** Connects every bridge (round-robin over `nodes`) and measures the nodes' memory per connection and idle event-loop delay. */
async function connectFleet(label: string, nodes: RelayProcess[], fleet: BridgeFleet, tokens: string[]): Promise<Connected> {
  const bridges: FleetBridge[] = tokens.map((token, i) => ({ port: nodes[i % nodes.length]!.port, token, branchId: branchOf(i) }));
  const perNode = nodes.map((_, n) => bridges.filter((_, i) => i % nodes.length === n).length);
  // One bridge per node first, so that loading the socket code is not counted as the fleet's memory.
  const warm = await fleet.connect(bridges.slice(0, nodes.length), nodes.length);
  if (warm.opened !== nodes.length) throw new Error(`${label}: warm-up bridges failed: ${warm.failures.join('; ')}`);
  const before = await Promise.all(nodes.map((node) => settledRss(node.child.pid!)));
  const connectStarted = performance.now();
  const rest = await fleet.connect(bridges.slice(nodes.length), CONNECT_CONCURRENCY);
  if (rest.failures.length > 0) throw new Error(`${label}: ${rest.failures.length} bridges could not connect, e.g. ${rest.failures.join('; ')}`);
  await waitFor(
    `${label}: every node to count its bridges`,
    async () => (await Promise.all(nodes.map((node) => connectedDevices(node.port)))).every((count, n) => count === perNode[n]),
    { timeoutMs: 60_000, intervalMs: 250 },
  );
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  await eventLoopDelayMaxMs(nodes);
  const idleFrom = performance.now();
  const after = await Promise.all(nodes.map((node) => settledRss(node.child.pid!)));
  // A measuring window, not a synchronisation.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, IDLE_WINDOW_MS - (performance.now() - idleFrom))));
  const idleLoopDelayMs = await eventLoopDelayMaxMs(nodes);
  const grown = after.reduce((sum, rss, n) => sum + rss - before[n]!, 0);
  const memoryPerConnectionKb = grown / (bridges.length - nodes.length) / 1000;
  console.log(
    `${label}: ${bridges.length} bridges connected in ${connectSeconds.toFixed(1)} s (${perNode.join(' + ')}); relay RSS ` +
      `${before.map((b, n) => `${(b / 2 ** 20).toFixed(0)} → ${(after[n]! / 2 ** 20).toFixed(0)} MiB`).join(', ')}: ` +
      `${memoryPerConnectionKb.toFixed(1)} KB per connection; idle, the longest event-loop delay of a node was ${idleLoopDelayMs.toFixed(0)} ms`,
  );
  return { memoryPerConnectionKb, bridgesPerNode: Math.min(...perNode), idleLoopDelayMs };
}

type Offered = {
  /** Answer times, ascending. */
  latencies: number[];
  /** Non-200 answers and failed requests, by status or error message. */
  notOk: Map<string, number>;
  /** Answers slower than SLOW_MS by the second of the load they were sent in: a periodic stall shows as a pattern. */
  slowBySecond: Map<number, number>;
  seconds: number;
};

/**
 * Open loop, request i due at i/RATE s, with the same seed for every store: the same webhooks to the
 * same branches. Each goes to a random node; the ledger notes its POST start and a 200.
 */
async function offerWebhooks(nodes: RelayProcess[], bridgeCount: number, ledger: DeliveryLedger): Promise<Offered> {
  const random = seededRandom(SEED);
  const total = Math.round(RATE * SECONDS);
  const latencies: number[] = [];
  const notOk = new Map<string, number>();
  const countNotOk = (reason: string): void => {
    notOk.set(reason, (notOk.get(reason) ?? 0) + 1);
  };
  const slowBySecond = new Map<number, number>();
  const inflight: Array<Promise<void>> = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / RATE - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const node = nodes[Math.floor(random() * nodes.length)]!;
    const branchId = branchOf(Math.floor(random() * bridgeCount));
    const eventId = `cluster-${i}`;
    const postedAt = performance.now();
    ledger.post(eventId, branchId, wallClockMs());
    inflight.push(
      postWebhook(node.port, eventId, envelope(branchId, i + 1)).then(
        (status) => {
          const latency = performance.now() - postedAt;
          latencies.push(latency);
          if (latency > SLOW_MS) {
            const second = Math.floor((postedAt - started) / 1000);
            slowBySecond.set(second, (slowBySecond.get(second) ?? 0) + 1);
          }
          if (status === 200) ledger.answeredOk(eventId);
          else countNotOk(`HTTP ${status}`);
        },
        (err: Error) => countNotOk(err.message),
      ),
    );
  }
  await Promise.all(inflight);
  return { latencies: latencies.sort((a, b) => a - b), notOk, slowBySecond, seconds: (performance.now() - started) / 1000 };
}

/** The whole measurement on one store's relay nodes: connect the fleet, offer the load, wait for stragglers. */
async function measure(label: string, nodes: RelayProcess[], tokens: string[]): Promise<StoreResult> {
  const ledger = new DeliveryLedger();
  const fleet = spawnBridgeFleet((frames) => ledger.receive(frames));
  try {
    const connected = await connectFleet(label, nodes, fleet, tokens);
    await eventLoopDelayMaxMs(nodes);
    await fleet.loopDelayMaxMs();
    const relayCpu = (): number => nodes.reduce((sum, node) => sum + cpuSeconds(node.child.pid!), 0);
    const relayCpuBefore = relayCpu();
    const machineBefore = machineCpuTicks();
    const offered = await offerWebhooks(nodes, tokens.length, ledger);
    const relayCpuPercent = ((relayCpu() - relayCpuBefore) / offered.seconds) * 100;
    const machineAfter = machineCpuTicks();
    const machineBusyPercent = ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * 100;
    const loadLoopDelayMs = await eventLoopDelayMaxMs(nodes);
    const fleetLoopDelayMs = await fleet.loopDelayMaxMs();
    // Stragglers: every webhook answered 200 must reach its bridge; past the deadline it counts as lost.
    await waitFor(`${label}: every answered webhook's frame`, () => ledger.undelivered() === 0, { timeoutMs: STRAGGLER_MS, intervalMs: 100 }).catch(
      () => undefined,
    );
    const toFrame = ledger.sortedDelays();
    const result: StoreResult = {
      ...connected,
      answerP50: percentile(offered.latencies, 50),
      answerP99: percentile(offered.latencies, 99),
      frameP50: percentile(toFrame, 50),
      frameP99: percentile(toFrame, 99),
      notOk: [...offered.notOk.values()].reduce((sum, n) => sum + n, 0),
      lost: ledger.undelivered(),
      duplicates: ledger.duplicates,
      misdelivered: ledger.misdelivered,
      dropped: fleet.dropped,
      loadLoopDelayMs,
      fleetLoopDelayMs,
      relayCpuPercent,
      machineBusyPercent,
    };
    const answered = offered.latencies.length;
    const reasons = [...offered.notOk].map(([reason, n]) => `${n}× ${reason}`).join(', ');
    console.log(
      `${label}: ${answered} webhooks answered in ${offered.seconds.toFixed(1)} s (${(answered / offered.seconds).toFixed(0)}/s), ${ledger.answeredCount} answered 200, ` +
        `${result.notOk} not${reasons ? ` (${reasons})` : ''}; answer p50 ${result.answerP50.toFixed(2)} ms p99 ${result.answerP99.toFixed(2)} ms; ` +
        `webhook → frame p50 ${result.frameP50.toFixed(2)} ms p99 ${result.frameP99.toFixed(2)} ms; ` +
        `lost ${result.lost}, duplicate frames ${result.duplicates}, frames at a wrong bridge ${result.misdelivered}, sockets dropped ${result.dropped}`,
    );
    const slow = [...offered.slowBySecond].sort(([a], [b]) => a - b).map(([second, n]) => `${n} at ${second} s`).join(', ');
    console.log(
      `${label}: answers over ${SLOW_MS} ms by second of the load: ${slow || 'none'}; longest event-loop delay of a node ` +
        `${loadLoopDelayMs.toFixed(0)} ms, of the bridge fleet ${fleetLoopDelayMs.toFixed(0)} ms; relay CPU ${relayCpuPercent.toFixed(0)} % of one core, ` +
        `machine ${machineBusyPercent.toFixed(0)} % busy`,
    );
    return result;
  } finally {
    await fleet.stop();
  }
}

const branchIds = Array.from({ length: BRIDGES }, (_, i) => branchOf(i));

/** A device per bridge in the store, timed; resolves to their tokens. */
async function timedDevices(label: string, store: string): Promise<string[]> {
  const started = performance.now();
  const tokens = await addDevicePerBranch(store, branchIds);
  console.log(`${label}: ${BRIDGES} devices added in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return tokens;
}

async function postgresCluster(): Promise<StoreResult> {
  const cluster = await startPostgresCluster({ fsync: true });
  const nodes: RelayProcess[] = [];
  try {
    const url = await cluster.createDatabase();
    const tokens = await timedDevices('PostgreSQL', url);
    for (let n = 0; n < NODES; n++) nodes.push(await spawnRelay(url, RELAY_FLAGS));
    return await measure(`PostgreSQL, ${NODES} nodes`, nodes, tokens);
  } finally {
    for (const node of nodes) await node.stop();
    await cluster.stop();
  }
}

async function sqliteRelay(): Promise<StoreResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'relay-cluster-sqlite-'));
  const tokens = await timedDevices('SQLite', dataDir);
  const relay = await spawnRelay(dataDir, RELAY_FLAGS);
  try {
    return await measure('SQLite, 1 relay', [relay], tokens);
  } finally {
    await relay.stop();
  }
}

function storeFigures(label: string, r: StoreResult): Figure[] {
  return [
    { name: `${label}: webhook answer p50`, value: r.answerP50, unit: 'ms' },
    { name: `${label}: webhook answer p99`, value: r.answerP99, unit: 'ms' },
    { name: `${label}: webhook → frame at its bridge p50`, value: r.frameP50, unit: 'ms' },
    { name: `${label}: webhook → frame at its bridge p99`, value: r.frameP99, unit: 'ms' },
    atMost(`${label}: answered 200 but never received`, r.lost, 'webhooks', 0, '0', true),
    atMost(`${label}: answered other than 200`, r.notOk, 'webhooks', 0, '0', true),
    atMost(`${label}: frames received twice or at a wrong bridge`, r.duplicates + r.misdelivered, 'frames', 0, '0', true),
    atMost(`${label}: bridge sockets dropped by the relay`, r.dropped, 'sockets', 0, '0', true),
    // A few hundred sockets are noise beside a node's own growth: the target is judged from 1,000 a node.
    r.bridgesPerNode >= 1000
      ? atMost(`${label}: relay memory per connection`, r.memoryPerConnectionKb, 'KB', 50, '< 50 KB')
      : { name: `${label}: relay memory per connection`, value: r.memoryPerConnectionKb, unit: 'KB', target: '< 50 KB (not judged below 1,000 bridges a node)' },
    { name: `${label}: longest relay event-loop delay, bridges idle`, value: r.idleLoopDelayMs, unit: 'ms' },
    { name: `${label}: longest relay event-loop delay, under load`, value: r.loadLoopDelayMs, unit: 'ms' },
    { name: `${label}: longest bridge-fleet event-loop delay, under load`, value: r.fleetLoopDelayMs, unit: 'ms' },
    { name: `${label}: relay CPU under load (all nodes)`, value: r.relayCpuPercent, unit: '% of one core' },
    { name: `${label}: machine busy under load (anything on it)`, value: r.machineBusyPercent, unit: '% of all cores' },
  ];
}

const runStarted = performance.now();
const postgres = await postgresCluster();
const sqlite = await sqliteRelay();
const answerRatio = postgres.answerP99 / sqlite.answerP99;
const frameRatio = postgres.frameP99 / sqlite.frameP99;
console.log(
  `PostgreSQL ${NODES} nodes / SQLite 1 relay: p99 answer ${answerRatio.toFixed(2)}×, p99 webhook → frame ${frameRatio.toFixed(2)}× ` +
    `(run took ${((performance.now() - runStarted) / 1000).toFixed(0)} s)`,
);
printBenchLine(
  'relay-cluster',
  [
    ...storeFigures(`PostgreSQL ×${NODES}`, postgres),
    ...storeFigures('SQLite ×1', sqlite),
    { name: `p99 answer, PostgreSQL ×${NODES} / SQLite ×1`, value: answerRatio, unit: '×' },
    { name: `p99 webhook → frame, PostgreSQL ×${NODES} / SQLite ×1`, value: frameRatio, unit: '×' },
  ],
  { bridges: BRIDGES, 'webhooks /s offered': RATE, seconds: SECONDS, 'PostgreSQL nodes': NODES, seed: SEED, 'idle seconds': IDLE_WINDOW_MS / 1000 },
);
process.exit(0);
