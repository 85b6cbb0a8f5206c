import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { openPostgresStore } from '../relay/store/postgres/postgres-store.js';
import { startPostgresCluster } from '../test/helpers/postgres-cluster.js';
import type { Figure } from './report/bench-line.js';
import { atLeast, atMost, printBenchLine } from './report/print-bench-line.js';
import { machineCpuTicks, processTreeCpuSeconds } from './support/proc-stats.js';

// Do relay nodes on one PostgreSQL add up? Closed-loop appends (real klikit envelopes, IN_FLIGHT
// webhooks in flight per node, each node a process of its own, PostgreSQL with fsync on, on the same
// disk) of one relay node and of three, against three nodes of a lock-free peer (the same group commit
// as one INSERT into a bigserial table: no dedupe, no ordering) and one SQLite relay, and as a reference
// the peer with lz4 bodies as the relay stores them. Trials rotate the order of the set-ups; figures
// are medians. During each three-node relay trial a follower reads the log by cursor as a bridge does,
// and after it every stored event must have been seen exactly once.
// Rates depend on whatever else loads this shared machine; CPU time per append (the nodes' own, and the
// PostgreSQL cluster's, read from /proc) does much less, so both are printed.
// Run: npx tsx bench/relay-nodes-add-up.ts [--seconds 4] [--trials 3] [--in-flight 64]

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '4' },
    trials: { type: 'string', default: '3' },
    'in-flight': { type: 'string', default: '64' },
  },
});
const SECONDS = Number(values.seconds);
const TRIALS = Number(values.trials);
const IN_FLIGHT = Number(values['in-flight']);
const NODE = fileURLToPath(new URL('./support/append-node.ts', import.meta.url));
// The follower reads one branch of the ten the nodes append to, as a bridge of that branch would: its
// cursor check is the same, and reading every body of the log would load this 2-core machine more than
// the appends being measured.
const FOLLOWED = [1];

/** `lz4`: the peer's bodies compressed as the relay's are since its migration 3 (PostgreSQL's default is pglz). */
type Setup = { name: string; kind: 'relay-postgres' | 'peer-postgres' | 'relay-sqlite'; nodes: number; lz4?: boolean };
const SETUPS: Setup[] = [
  { name: 'relay ×1 (PostgreSQL)', kind: 'relay-postgres', nodes: 1 },
  { name: 'relay ×3 (PostgreSQL)', kind: 'relay-postgres', nodes: 3 },
  { name: 'lock-free peer ×3 (PostgreSQL)', kind: 'peer-postgres', nodes: 3 },
  { name: 'relay ×1 (SQLite)', kind: 'relay-sqlite', nodes: 1 },
  // A reference, not a target: the peer above pays pglz for every body, which the relay no longer does.
  { name: 'lock-free peer ×3, lz4 bodies (PostgreSQL)', kind: 'peer-postgres', nodes: 3, lz4: true },
];

type NodeResult = { appended: number; seconds: number; cpuSeconds: number };

function startNode(setup: Setup, where: string, index: number): Promise<{ child: ChildProcess; result: Promise<NodeResult> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', NODE, setup.kind, where, String(SECONDS), String(IN_FLIGHT), String(index)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  let onResult!: (r: NodeResult) => void;
  const result = new Promise<NodeResult>((resolve) => (onResult = resolve));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`append node exited with ${code}`)));
    lines.on('line', (line) => {
      const message = JSON.parse(line) as { ready?: boolean } & Partial<NodeResult>;
      if (message.ready) resolve({ child, result });
      else if (message.appended !== undefined) onResult({ appended: message.appended, seconds: message.seconds!, cpuSeconds: message.cpuSeconds! });
    });
  });
}

/** Reads the log by cursor, as a bridge's socket pump does, until told to stop and drained. */
function follow(url: string): { stop(): Promise<{ seen: number[] }> } {
  let stopping = false;
  const seen: number[] = [];
  const done = (async () => {
    const store = await openPostgresStore(url, { logger: pino({ level: 'silent' }), nodeId: 'follower' });
    let cursor = 0;
    try {
      for (;;) {
        const last = stopping;
        const rows = await store.readAfter(FOLLOWED, cursor, 1000);
        for (const row of rows) {
          seen.push(row.seq);
          cursor = row.seq;
        }
        if (last && rows.length === 0) return;
        // A bridge is woken by notices, not by polling: a read every 100 ms keeps the follower's share
        // of this 2-core machine small while still reading during the appends.
        if (rows.length < 1000) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await store.close();
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      await done;
      return { seen };
    },
  };
}

/** CPU per append in µs: the nodes' processes, and the PostgreSQL cluster's (0 for SQLite). */
type Cpu = { node: number; server: number };
type Trial = { rate: number; busy: number; cpu: Cpu; check?: { stored: number; skipped: number; repeated: number } };

async function trial(setup: Setup, cluster: Awaited<ReturnType<typeof startPostgresCluster>>): Promise<Trial> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nodes-bench-'));
  const url = setup.kind === 'relay-sqlite' ? '' : await cluster.createDatabase();
  if (setup.kind === 'peer-postgres') {
    const client = new pg.Client(url);
    await client.connect();
    await client.query('CREATE TABLE peer_events (seq bigserial PRIMARY KEY, event_id text NOT NULL, branch_id bigint NOT NULL, received_ms bigint NOT NULL, body bytea NOT NULL)');
    if (setup.lz4) await client.query('ALTER TABLE peer_events ALTER COLUMN body SET COMPRESSION lz4');
    await client.end();
  }
  if (setup.kind === 'relay-postgres') await (await openPostgresStore(url, { logger: pino({ level: 'silent' }) })).close();
  try {
    const nodes = await Promise.all(Array.from({ length: setup.nodes }, (_, i) => startNode(setup, setup.kind === 'relay-sqlite' ? dataDir : url, i + 1)));
    const follower = setup.kind === 'relay-postgres' ? follow(url) : undefined;
    const before = machineCpuTicks();
    const serverBefore = processTreeCpuSeconds(cluster.pid());
    for (const node of nodes) node.child.stdin!.write('go\n');
    const results = await Promise.all(nodes.map((node) => node.result));
    const serverSeconds = setup.kind === 'relay-sqlite' ? 0 : processTreeCpuSeconds(cluster.pid()) - serverBefore;
    const after = machineCpuTicks();
    const appended = results.reduce((sum, r) => sum + r.appended, 0);
    const rate = results.reduce((sum, r) => sum + r.appended / r.seconds, 0);
    const busy = (after.busy - before.busy) / (after.total - before.total);
    const nodeSeconds = results.reduce((sum, r) => sum + r.cpuSeconds, 0);
    const cpu = { node: (nodeSeconds / appended) * 1e6, server: (serverSeconds / appended) * 1e6 };
    if (!follower) return { rate, busy, cpu };
    const { seen } = await follower.stop();
    const unique = new Set(seen);
    const client = new pg.Client(url);
    await client.connect();
    const total = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n);
    const stored = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE branch_id = ANY($1::bigint[])', [FOLLOWED])).rows[0]!.n);
    await client.end();
    const inOrder = seen.every((seq, i) => i === 0 || seq > seen[i - 1]!);
    if (total !== appended) throw new Error(`the nodes stored ${appended} events but the log holds ${total}`);
    return { rate, busy, cpu, check: { stored, skipped: stored - unique.size, repeated: seen.length - unique.size + (inOrder ? 0 : 1) } };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const cluster = await startPostgresCluster({ fsync: true });
const rates = new Map<string, number[]>(SETUPS.map((s) => [s.name, []]));
const busy = new Map<string, number[]>(SETUPS.map((s) => [s.name, []]));
const cpus = new Map<string, Cpu[]>(SETUPS.map((s) => [s.name, []]));
let checked = { stored: 0, skipped: 0, repeated: 0 };
try {
  for (let t = 0; t < TRIALS; t++) {
    // Rotated, so a neighbour's load on this shared machine does not always fall on the same set-up.
    const order = SETUPS.map((_, i) => SETUPS[(i + t) % SETUPS.length]!);
    for (const setup of order) {
      const result = await trial(setup, cluster);
      rates.get(setup.name)!.push(result.rate);
      busy.get(setup.name)!.push(result.busy);
      cpus.get(setup.name)!.push(result.cpu);
      if (result.check) {
        checked = { stored: checked.stored + result.check.stored, skipped: checked.skipped + result.check.skipped, repeated: checked.repeated + result.check.repeated };
      }
      console.log(
        `trial ${t + 1}: ${setup.name} ${result.rate.toFixed(0)} appends/s (machine ${(result.busy * 100).toFixed(0)} % busy); ` +
          `CPU per append ${result.cpu.node.toFixed(0)} µs in the nodes + ${result.cpu.server.toFixed(0)} µs in PostgreSQL`,
      );
    }
  }
} finally {
  await cluster.stop();
}

const rate = (name: string): number => median(rates.get(name)!);
const one = rate(SETUPS[0]!.name);
const three = rate(SETUPS[1]!.name);
const peer = rate(SETUPS[2]!.name);
const sqlite = rate(SETUPS[3]!.name);
const peerLz4 = rate(SETUPS[4]!.name);
/** Median total CPU per append (nodes + PostgreSQL), in µs, and its parts in the same trial. */
const cpuPerAppend = (name: string): Cpu & { total: number } => {
  const totals = cpus.get(name)!.map((c) => ({ ...c, total: c.node + c.server })).sort((a, b) => a.total - b.total);
  return totals[Math.floor(totals.length / 2)]!;
};
for (const setup of SETUPS) {
  const cpu = cpuPerAppend(setup.name);
  console.log(
    `${setup.name}: median ${rate(setup.name).toFixed(0)} appends/s over ${TRIALS} trials (machine ${(median(busy.get(setup.name)!) * 100).toFixed(0)} % busy); ` +
      `CPU per append ${cpu.total.toFixed(0)} µs (${cpu.node.toFixed(0)} nodes + ${cpu.server.toFixed(0)} PostgreSQL)`,
  );
}
console.log(`three nodes / one: ${(three / one).toFixed(2)}×; three nodes / lock-free peer's three: ${(three / peer).toFixed(2)}×; one node / SQLite relay: ${(one / sqlite).toFixed(2)}×`);
console.log(`follower by cursor during the PostgreSQL relay trials: ${checked.stored} events of its branch stored, ${checked.skipped} skipped, ${checked.repeated} repeated or out of order`);
const cpuThree = cpuPerAppend(SETUPS[1]!.name).total;
const cpuPeer = cpuPerAppend(SETUPS[2]!.name).total;
console.log(`CPU per append, three relay nodes / lock-free peer's three: ${(cpuThree / cpuPeer).toFixed(2)}×`);
const cpuPeerLz4 = cpuPerAppend(SETUPS[4]!.name).total;
console.log(
  `reference, the peer with lz4 bodies as the relay's: three relay nodes / its three ${(three / peerLz4).toFixed(2)}×, CPU per append ${(cpuThree / cpuPeerLz4).toFixed(2)}×`,
);
const figures: Figure[] = [
  ...SETUPS.map((setup) => ({ name: `${setup.name} appends/s (median)`, value: rate(setup.name), unit: '/s' })),
  ...SETUPS.map((setup) => ({ name: `${setup.name} CPU per append, nodes + PostgreSQL (median)`, value: cpuPerAppend(setup.name).total, unit: 'µs' })),
  { name: "CPU per append, three relay nodes / lock-free peer's three", value: cpuThree / cpuPeer, unit: '×' },
  { name: "three PostgreSQL nodes / lock-free peer's three with lz4 bodies (reference)", value: three / peerLz4, unit: '×' },
  { name: "CPU per append, three relay nodes / lock-free peer's three with lz4 bodies (reference)", value: cpuThree / cpuPeerLz4, unit: '×' },
  atLeast('three PostgreSQL nodes / one node', three / one, '×', 1, '≥ 1×'),
  atLeast("three PostgreSQL nodes / lock-free peer's three", three / peer, '×', 0.8, '≥ 0.8×'),
  atLeast('one PostgreSQL node / SQLite relay', one / sqlite, '×', 0.8, '≥ 0.8×'),
  atMost('events skipped by a cursor follower (PostgreSQL relay trials)', checked.skipped, 'events', 0, '0', true),
  atMost('events repeated by a cursor follower (PostgreSQL relay trials)', checked.repeated, 'events', 0, '0', true),
];
printBenchLine('relay-nodes-add-up', figures, { seconds: SECONDS, trials: TRIALS, 'in flight per node': IN_FLIGHT, 'events checked': checked.stored });
process.exit(0);
