import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino, type Logger } from 'pino';
import { afterEach, beforeEach } from 'vitest';
import WebSocket from 'ws';
import { startRelay, type RelayOptions, type RunningRelay } from '../../../relay/server.js';
import { RELAY_DB_FILE } from '../../../relay/store/connection.js';
import { openRelayStore, parseStoreLocation } from '../../../relay/store/open-store.js';
import { bodySecond } from '../../../relay/webhook/body-second.js';
import { postgresPerFile } from '../../helpers/postgres-cluster.js';
import { waitFor } from '../../helpers/wait.js';

export const SECRET = 'relay-test-secret';
export const METRICS_TOKEN = 'relay-test-metrics-token';
export const silentLogger = pino({ level: 'silent' });

/** The relay suite runs once per store: every test file `describe.each(STORE_KINDS)`. */
export const STORE_KINDS = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** A store of a test's own: a data directory, or a fresh database on the file's throwaway cluster. */
export type TestStore = { kind: StoreKind; location: string; remove(): void };

/** Makes test stores of either kind; PostgreSQL ones are databases on the file's throwaway cluster. */
export function testStores(): { create(kind: StoreKind): Promise<TestStore> } {
  const cluster = postgresPerFile();
  return {
    async create(kind) {
      if (kind === 'sqlite') {
        const temp = tempDir();
        return { kind, location: temp.dir, remove: temp.remove };
      }
      return { kind, location: await cluster.createDatabase(), remove: () => undefined };
    },
  };
}

/** An in-process relay on a free port with the test secret, metrics token and a silent logger. */
export function startTestRelay(store: string, options: Partial<RelayOptions> = {}): Promise<RunningRelay> {
  return startRelay({ port: 0, store, secrets: [SECRET], logger: silentLogger, metricsToken: METRICS_TOKEN, ...options });
}

/** A fresh store of the kind per test and the relay the test starts on it, closed and removed after it. */
export function relayPerTest(kind: StoreKind): { store(): string; start(options?: Partial<RelayOptions>): Promise<RunningRelay> } {
  const stores = testStores();
  let store: TestStore;
  let relay: RunningRelay | undefined;
  beforeEach(async () => {
    store = await stores.create(kind);
  });
  afterEach(async () => {
    await relay?.close();
    relay = undefined;
    store.remove();
  });
  return { store: () => store.location, start: async (options = {}) => (relay = await startTestRelay(store.location, options)) };
}

/** GET /metrics with the test relay's bearer token, as text. */
export async function fetchMetrics(baseUrl: string): Promise<string> {
  return (await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
}

/** A logger whose lines the test can read: for what the relay did to a socket it cannot see itself. */
export function recordingLogger(): { logger: Logger; messages: string[]; lines: string[] } {
  const messages: string[] = [];
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, {
    write: (line: string) => {
      lines.push(line);
      messages.push((JSON.parse(line) as { msg: string }).msg);
    },
  });
  return { logger, messages, lines };
}

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'relay-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function sign(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export function envelopeText(branchId: number, orderId: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    brand_id: 11,
    branch_id: branchId,
    orders: [{ id: orderId, status: 1, short_id: `S${orderId}`, updated_at: '2026-06-24T12:00:00Z', ...extra }],
  });
}

/**
 * Appends `count` events for a branch straight into a store (its relay running or not), in one group
 * commit: for tests about what bridges receive, where posting each webhook would only add time.
 */
export async function seedEvents(store: string, branchId: number, count: number, firstOrderId = 1, extra: Record<string, unknown> = {}): Promise<void> {
  const opened = await openRelayStore(parseStoreLocation(store), { poolSize: 1 });
  try {
    await Promise.all(
      Array.from({ length: count }, (_, i) => {
        const text = envelopeText(branchId, firstOrderId + i, extra);
        const body = Buffer.from(text);
        return opened.appendEvent({
          eventId: `seed-${branchId}-${firstOrderId + i}`,
          eventType: 'klikit.order.created.v2',
          brandId: 11,
          branchId,
          receivedAt: new Date().toISOString(),
          receivedMs: Date.now(),
          body,
          bodySha256: createHash('sha256').update(body).digest(),
          bodySecond: bodySecond((JSON.parse(text) as { orders: Array<{ updated_at?: unknown }> }).orders[0]!.updated_at),
        });
      }),
    );
  } finally {
    await opened.close();
  }
}

export type PostOptions = {
  secret?: string;
  eventId?: string;
  eventType?: string;
  signature?: string;
  omit?: string[];
};

let eventCounter = 0;

/** POSTs a webhook signed like klikit does (HMAC-SHA256 hex of the raw bytes). */
export async function postWebhook(
  baseUrl: string,
  body: Buffer | string,
  options: PostOptions = {},
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-klikit-signature': options.signature ?? sign(options.secret ?? SECRET, body),
    'x-klikit-event-id': options.eventId ?? `evt-${process.pid}-${++eventCounter}`,
    'x-klikit-event-type': options.eventType ?? 'klikit.order.created.v2',
  };
  for (const name of options.omit ?? []) delete headers[name];
  const res = await fetch(`${baseUrl}/webhooks/klikit`, { method: 'POST', headers, body: new Uint8Array(Buffer.from(body)) });
  const text = await res.text();
  return { status: res.status, json: parseOrText(text) };
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export type EventFrame = { type: 'event'; seq: number; event_id: string; event_type: string; received_at: string; body: unknown };

/** A minimal bridge-side client that records what the relay sends it. */
export class TestBridge {
  readonly events: EventFrame[] = [];
  readonly ws: WebSocket;
  closeCode: number | undefined;
  closeReason = '';
  readonly opened: Promise<void>;

  constructor(bridgeUrl: string, token: string | undefined, options: { autoPong?: boolean } = {}) {
    this.ws = new WebSocket(bridgeUrl, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      autoPong: options.autoPong ?? true,
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.ws.on('error', () => undefined);
    this.ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as EventFrame;
      if (frame.type === 'event') this.events.push(frame);
    });
    this.ws.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
    });
  }

  hello(after: number, protocol = 1): void {
    this.ws.send(JSON.stringify({ type: 'hello', protocol, after }));
  }

  ack(seq: number): void {
    this.ws.send(JSON.stringify({ type: 'ack', seq }));
  }

  seqs(): number[] {
    return this.events.map((e) => e.seq);
  }

  async closed(): Promise<number> {
    return waitFor('the socket to close', () => this.closeCode);
  }

  stop(): void {
    this.ws.terminate();
  }
}

const CLI = fileURLToPath(new URL('../../../relay/cli.ts', import.meta.url));

export type RelayChild = { child: ChildProcess; port: number; logs: Array<Record<string, unknown>>; exited: Promise<number | null> };

/** The CLI flag naming a store: `--data DIR` or `--store postgres://…`. */
export function storeArgs(store: string): string[] {
  return [parseStoreLocation(store).kind === 'postgres' ? '--store' : '--data', store];
}

export function runRelayCli(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export type SpawnedRelay = Omit<RelayChild, 'port'>;

/** `relay serve` in a child process on a free port (under tsx, or a built bundle), its log lines parsed as they come. */
export function spawnRelayChild(store: string, options: { secretEnv?: string; args?: string[]; bundle?: string } = {}): SpawnedRelay {
  const entry = options.bundle ? [options.bundle] : ['--import', 'tsx', CLI];
  const child = spawn(process.execPath, [...entry, 'serve', '--port', '0', ...storeArgs(store), ...(options.args ?? [])], {
    env: { ...process.env, KLIKIT_WEBHOOK_SECRET: options.secretEnv ?? SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: Array<Record<string, unknown>> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, logs, exited };
}

/** `relay serve` in a child process; resolves once it logged that it listens. */
export async function startRelayChild(
  store: string,
  options: { secretEnv?: string; args?: string[]; bundle?: string } = {},
): Promise<RelayChild> {
  const spawned = spawnRelayChild(store, options);
  const listening = await waitFor('the relay child to listen', () => spawned.logs.find((l) => l.msg === 'listening'), { timeoutMs: 20_000 });
  return { ...spawned, port: listening.port as number };
}

/** Rows of a query on a store of either kind, read beside its running relay; int8 columns as numbers. */
export async function queryStore(store: string, sql: string): Promise<unknown[]> {
  const location = parseStoreLocation(store);
  if (location.kind === 'sqlite') {
    const db = new Database(join(location.dataDir, RELAY_DB_FILE), { readonly: true });
    try {
      return db.prepare(sql).all();
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({
    connectionString: location.url,
    types: { getTypeParser: ((oid: number, format: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Bytes a store takes: the SQLite file with its WAL, or the relay's tables in PostgreSQL. */
export async function storeSizeBytes(store: string): Promise<number> {
  const location = parseStoreLocation(store);
  if (location.kind === 'sqlite') {
    const file = (suffix: string): string => join(location.dataDir, RELAY_DB_FILE + suffix);
    return ['', '-wal'].reduce((sum, suffix) => sum + (existsSync(file(suffix)) ? statSync(file(suffix)).size : 0), 0);
  }
  const opened = await openRelayStore(location, { poolSize: 1 });
  try {
    return await opened.sizeBytes();
  } finally {
    await opened.close();
  }
}
