import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { openRelayDatabase } from '../../relay/store/connection.js';
import { EventStore } from '../../relay/store/events.js';
import { bodySecond } from '../../relay/webhook/body-second.js';
import { parseStoreLocation } from '../../relay/store/open-store.js';
import { onCpus } from './cpu-placement.js';

// Shared plumbing of the relay benchmarks: a relay child process (so the load generator's memory
// and CPU are not counted as the relay's), run as the bundle `npm run relay` ships, signed webhooks,
// and a minimal bridge client.

export const SECRET = 'bench-secret';
export const METRICS_TOKEN = 'bench-metrics-token';
const BUILD = fileURLToPath(new URL('../../scripts/build.mjs', import.meta.url));
const RELAY_BUNDLE = fileURLToPath(new URL('../../dist/relay/cli.js', import.meta.url));
const BARE = fileURLToPath(new URL('./bare-receiver.ts', import.meta.url));

export type RelayProcess = {
  child: ChildProcess;
  port: number;
  /** Where the relay keeps its log, as `relay device` and RELAY_STORE take it: a data directory or a postgres:// URL. */
  store: string;
  stop(): Promise<void>;
};

let relayBuilt = false;

/** The node flags `npm run relay` starts the bundle with (package.json), so benches measure what ships. */
export function relayLauncherFlags(): string[] {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { scripts: Record<string, string> };
  const launch = /&& node (.*?)\s*dist\/relay\/cli\.js/.exec(pkg.scripts.relay ?? '');
  if (!launch) throw new Error('package.json: the relay script does not run node … dist/relay/cli.js');
  return launch[1]!.split(/\s+/).filter(Boolean);
}

/** Where a child runs: `cpus` is a taskset CPU list (bench/support/cpu-placement.ts); anywhere without it. */
export type SpawnPlacement = { cpus?: string | undefined };

/**
 * The relay as `npm run relay` runs it: the esbuild bundle under plain node, built once per bench
 * process. `store` is a data directory (SQLite, removed at stop) or a postgres:// URL (one node of
 * several on that database; the database is the caller's).
 */
export async function spawnRelay(
  store = mkdtempSync(join(tmpdir(), 'relay-bench-')),
  args: string[] = [],
  nodeFlags = relayLauncherFlags(),
  placement: SpawnPlacement = {},
): Promise<RelayProcess> {
  if (!relayBuilt) {
    execFileSync(process.execPath, [BUILD, 'relay']);
    relayBuilt = true;
  }
  const location = parseStoreLocation(store);
  const serve = [...nodeFlags, RELAY_BUNDLE, 'serve', '--port', '0', location.kind === 'sqlite' ? '--data' : '--store', store, ...args];
  const dataDir = location.kind === 'sqlite' ? location.dataDir : undefined;
  return spawnListening(serve, store, dataDir, { KLIKIT_WEBHOOK_SECRET: SECRET, RELAY_METRICS_TOKEN: METRICS_TOKEN }, placement);
}

/** The bare group-commit receiver (bench/support/bare-receiver.ts), the relay's peer in relay-intake-vs-bare; `routed` adds routing and dedupe. */
export async function spawnBareReceiver(
  dataDir = mkdtempSync(join(tmpdir(), 'bare-bench-')),
  mode: 'bare' | 'routed' = 'bare',
  placement: SpawnPlacement = {},
): Promise<RelayProcess> {
  return spawnListening(['--import', 'tsx', BARE, dataDir, SECRET, mode], dataDir, dataDir, {}, placement);
}

/** A node child whose stdout says, as a JSON line with `port`, where it listens; `dataDir` is removed after it stopped. */
async function spawnListening(args: string[], store: string, dataDir: string | undefined, env: Record<string, string>, placement: SpawnPlacement): Promise<RelayProcess> {
  // taskset execs node in its own place: the child's pid stays the node process's.
  const [command, commandArgs] = onCpus(placement.cpus, process.execPath, args);
  const child = spawn(command, commandArgs, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const log = JSON.parse(line) as { msg?: string; port?: number };
      if (log.port) {
        // From here on the child's log lines are drained unread, so parsing them costs the load generator nothing.
        lines.close();
        child.stdout!.resume();
        resolve(log.port);
      }
    });
  });
  const stop = async (): Promise<void> => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  };
  return { child, port, store, stop };
}

const ENVELOPE_UPDATED_AT = '2026-06-24T12:00:00Z';

export function envelope(branchId: number, orderId: number): string {
  return JSON.stringify({
    brand_id: 11,
    branch_id: branchId,
    orders: [{ id: orderId, short_id: `S${orderId}`, status: 1, updated_at: ENVELOPE_UPDATED_AT, cart_v2: [{ name: 'Nasi Goreng', quantity: 2, comment: '' }] }],
  });
}

// An idle socket is dropped after 4 s, before the relay's 5 s keep-alive timeout closes it: otherwise
// a POST sent just as the relay closes that socket fails with ECONNRESET, an artefact of the load generator.
const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 4000 });

/** POSTs a signed webhook; resolves with the HTTP status. */
export function postWebhook(port: number, eventId: string, body: string): Promise<number> {
  return postSigned(port, eventId, body, createHmac('sha256', SECRET).update(body).digest('hex'));
}

/** POSTs a webhook signed beforehand (a load generator signs outside its timed window); resolves with the HTTP status. */
export function postSigned(port: number, eventId: string, body: string | Buffer, signature: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/webhooks/klikit',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-klikit-signature': signature,
          'x-klikit-event-id': eventId,
          'x-klikit-event-type': 'klikit.order.created.v2',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The relay's own count of connected bridge sockets, from /metrics. */
export async function connectedDevices(port: number): Promise<number> {
  return Number(/^relay_connected_devices (\d+)/m.exec(await scrapeMetrics(port))?.[1] ?? Number.NaN);
}

export async function scrapeMetrics(port: number): Promise<string> {
  return (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
}

export function connectBridge(port: number, token: string, onEvent: (frame: { seq: number; event_id: string }) => void): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/bridge`, { headers: { authorization: `Bearer ${token}` } });
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { type: string; seq: number; event_id: string };
    if (frame.type === 'event') onEvent(frame);
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

export function seedEvents(dataDir: string, branchId: number, count: number): void {
  const db = openRelayDatabase(dataDir);
  const events = new EventStore(db);
  db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const body = Buffer.from(envelope(branchId, i));
      const now = Date.now();
      events.insert({
        eventId: `seed-${i}`,
        eventType: 'klikit.order.created.v2',
        brandId: 11,
        branchId,
        receivedAt: new Date(now).toISOString(),
        receivedMs: now,
        body,
        bodySha256: createHash('sha256').update(body).digest(),
        bodySecond: bodySecond(ENVELOPE_UPDATED_AT),
      });
    }
  })();
  db.close();
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const ms = (n: number): string => `${n.toFixed(2)} ms`;
