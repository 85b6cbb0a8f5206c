import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import pino from 'pino';
import { bridgeEndpoint, createRelayClient, type BadFrame, type RelayClient } from '../../../main/relay-client/relay-client.js';
import type { EventFrame } from '../../../main/relay-client/frames.js';
import type { RelayLinkStatus } from '../../../main/core/connection-state.js';
import { systemClock } from '../../../ground/clock.js';
import { waitFor } from '../../helpers/wait.js';

type Conn = { ws: WebSocket; req: IncomingMessage; frames: Record<string, unknown>[]; at: number };

const timing = { pingIntervalMs: 50, deadAfterMs: 200, reconnectBaseMs: 10, reconnectCapMs: 40, ackBatchMs: 10, ackBatchSize: 3 };

let server: WebSocketServer | undefined;
let client: RelayClient | undefined;

async function startServer(options: { autoPong?: boolean } = {}): Promise<{ url: string; conns: Conn[] }> {
  const conns: Conn[] = [];
  server = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: options.autoPong ?? true });
  await new Promise((resolve) => server!.once('listening', resolve));
  server.on('connection', (ws, req) => {
    const conn: Conn = { ws, req, frames: [], at: Date.now() };
    conns.push(conn);
    ws.on('message', (data) => conn.frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
  });
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, conns };
}

function event(seq: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ type: 'event', seq, event_id: `e${seq}`, event_type: 'klikit.order.created.v2', received_at: '2026-01-01T00:00:00Z', body: { n: seq }, ...extra });
}

type Overrides = {
  deliver?: (f: EventFrame[]) => boolean;
  cursor?: () => number;
  clock?: { now(): number };
  timing?: Partial<typeof timing>;
  onCursorExpired?: (reason: string) => void;
};
type LogLine = { msg: string; attempt?: number; delayMs?: number };

function startClient(url: string, overrides: Overrides = {}) {
  const delivered: EventFrame[] = [];
  const rejected: BadFrame[] = [];
  const statuses: RelayLinkStatus[] = [];
  const details: string[] = [];
  const logs: LogLine[] = [];
  client = createRelayClient({
    urls: [url],
    token: 'secret-token',
    clock: overrides.clock ?? systemClock,
    random: () => 0.5,
    logger: pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line) as LogLine) }),
    timing: { ...timing, ...overrides.timing },
    cursor: overrides.cursor ?? (() => 7),
    deliver: overrides.deliver ?? ((f) => (delivered.push(...f), true)),
    reject: (b) => rejected.push(b),
    onStatus: (s, detail) => (statuses.push(s), details.push(detail)),
    ...(overrides.onCursorExpired ? { onCursorExpired: overrides.onCursorExpired } : {}),
  });
  client.start();
  return { delivered, rejected, statuses, details, logs };
}

const acks = (conn: Conn): number[] => conn.frames.filter((f) => f.type === 'ack').map((f) => f.seq as number);

afterEach(async () => {
  await client?.stop();
  client = undefined;
  for (const ws of server?.clients ?? []) ws.terminate();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

describe('relay client', () => {
  it('authenticates, says hello with the committed cursor, and acks only after delivery', async () => {
    const { url, conns } = await startServer();
    const { delivered, statuses } = startClient(url);
    const conn = await waitFor('connection', () => conns[0]);
    expect(conn.req.headers.authorization).toBe('Bearer secret-token');
    expect(conn.req.url).toBe('/v1/bridge');
    await waitFor('hello', () => conn.frames.length > 0);
    expect(conn.frames[0]).toEqual({ type: 'hello', protocol: 1, after: 7 });
    conn.ws.send(event(8));
    conn.ws.send(event(9));
    await waitFor('ack 9', () => acks(conn).includes(9));
    expect(delivered.map((f) => f.seq)).toEqual([8, 9]);
    expect(delivered[0]!.body).toEqual({ n: 8 });
    // Acks are cumulative and batched: one ack for both events, never an ack for an undelivered seq.
    expect(acks(conn)).toEqual([9]);
    expect(statuses).toContain('live');
  });

  it('flushes an ack as soon as enough events are committed, without waiting for the timer', async () => {
    const { url, conns } = await startServer();
    const { delivered } = startClient(url, { timing: { ackBatchMs: 60_000 } });
    const conn = await waitFor('connection', () => conns[0]);
    for (let seq = 1; seq <= 3; seq++) {
      conn.ws.send(event(seq));
      await waitFor(`delivery ${seq}`, () => delivered.length === seq);
    }
    await waitFor('ack 3', () => acks(conn).includes(3));
    expect(acks(conn)).toEqual([3]);
  });

  it('commits a burst of frames as one batch', async () => {
    const { url, conns } = await startServer();
    const batches: number[][] = [];
    startClient(url, { deliver: (frames) => (batches.push(frames.map((f) => f.seq)), true) });
    const conn = await waitFor('connection', () => conns[0]);
    conn.ws.send(event(1));
    await waitFor('first batch', () => batches.length === 1);
    for (let seq = 2; seq <= 40; seq++) conn.ws.send(event(seq));
    await waitFor('ack 40', () => acks(conn).includes(40));
    expect(batches.flat()).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(batches.length).toBeLessThan(40);
  });

  it('quarantines a bad frame, acks its seq, and keeps the stream flowing', async () => {
    const { url, conns } = await startServer();
    const { delivered, rejected } = startClient(url);
    const conn = await waitFor('connection', () => conns[0]);
    conn.ws.send('{not json');
    conn.ws.send(JSON.stringify({ type: 'event', seq: 4, event_id: 'e4' }));
    conn.ws.send(event(5));
    await waitFor('ack 5', () => acks(conn).includes(5));
    expect(rejected.map((r) => r.seq)).toEqual([undefined, 4]);
    expect(rejected[0]!.reason).toMatch(/not JSON/);
    expect(rejected[1]!.reason).toMatch(/event_type/);
    expect(delivered.map((f) => f.seq)).toEqual([5]);
  });

  it('does not ack an event that was not committed, and reconnects to get it replayed', async () => {
    const { url, conns } = await startServer();
    let fail = true;
    const delivered: number[] = [];
    startClient(url, { deliver: (f) => (fail ? false : (delivered.push(...f.map((x) => x.seq)), true)), cursor: () => 2 });
    const first = await waitFor('connection', () => conns[0]);
    first.ws.send(event(3));
    const second = await waitFor('reconnection', () => conns[1]);
    expect(acks(first)).toEqual([]);
    fail = false;
    await waitFor('hello', () => second.frames[0]);
    expect(second.frames[0]).toMatchObject({ type: 'hello', after: 2 });
    second.ws.send(event(3));
    await waitFor('ack 3', () => acks(second).includes(3));
    expect(delivered).toEqual([3]);
  });

  it.each([
    [4001, 'token-rejected'],
    [4003, 'token-rejected'],
    [4002, 'incompatible'],
  ] as const)('stops reconnecting on close code %i (%s)', async (code, status) => {
    const { url, conns } = await startServer();
    const { statuses } = startClient(url);
    const conn = await waitFor('connection', () => conns[0]);
    conn.ws.close(code, 'no');
    await waitFor(status, () => statuses.includes(status));
    expect(client!.status()).toBe(status);
    // Give a reconnect every chance to happen: several backoff caps, observed by a second server connection.
    await expect(waitFor('a reconnection', () => conns[1], { timeoutMs: 4 * timing.reconnectCapMs })).rejects.toThrow(/timed out/);
  });

  it('reconnects after the relay drops the link', async () => {
    const { url, conns } = await startServer();
    const { statuses } = startClient(url);
    const first = await waitFor('connection', () => conns[0]);
    first.ws.terminate();
    await waitFor('reconnection', () => conns[1]);
    expect(statuses).toContain('down');
    await waitFor('live again', () => client!.status() === 'live');
  });

  it('declares a silent link dead and reconnects', async () => {
    const { url, conns } = await startServer({ autoPong: false });
    const { statuses } = startClient(url);
    const first = await waitFor('connection', () => conns[0]);
    const second = await waitFor('reconnection', () => conns[1], { timeoutMs: 2_000 });
    // Both times as the server saw them: a poll that notices the first connection late would shorten the gap.
    expect(second.at - first.at).toBeGreaterThanOrEqual(timing.deadAfterMs - 20);
    expect(statuses).toContain('down');
    expect(first.ws.readyState).not.toBe(first.ws.OPEN);
  });

  it('treats a timer that fires far too late (machine slept) as a suspect link and re-checks it at once', async () => {
    const { url, conns } = await startServer({ autoPong: false });
    let offset = 0;
    const jumpingClock = { now: () => Date.now() + offset };
    startClient(url, { clock: jumpingClock, timing: { deadAfterMs: 60_000 } });
    await waitFor('connection', () => conns[0]);
    offset = 30_000;
    const resumedAt = Date.now();
    await waitFor('reconnection after the resume', () => conns[1], { timeoutMs: 1_000 });
    expect(Date.now() - resumedAt).toBeLessThan(1_000);
  });

  it('keeps a link alive while pongs come back', async () => {
    const { url, conns } = await startServer();
    startClient(url);
    const conn = await waitFor('connection', () => conns[0]);
    let pings = 0;
    conn.ws.on('ping', () => pings++);
    await waitFor('several pings', () => pings >= 6, { timeoutMs: 2_000 });
    expect(conns).toHaveLength(1);
  });

  it('stops cleanly and says so', async () => {
    const { url, conns } = await startServer();
    const { statuses } = startClient(url);
    const conn = await waitFor('connection', () => conns[0]);
    const closed = new Promise<number>((resolve) => conn.ws.once('close', (code) => resolve(code)));
    await client!.stop();
    expect(await closed).toBe(1000);
    expect(statuses.at(-1)).toBe('stopped');
  });
});

describe('relay client over several relay nodes', () => {
  const servers: WebSocketServer[] = [];
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    for (const s of servers.splice(0)) {
      for (const ws of s.clients) ws.terminate();
      await new Promise((resolve) => s.close(resolve));
    }
  });

  async function node(): Promise<{ url: string; conns: Conn[] }> {
    const conns: Conn[] = [];
    const s = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    servers.push(s);
    await new Promise((resolve) => s.once('listening', resolve));
    s.on('connection', (ws, req) => {
      const conn: Conn = { ws, req, frames: [], at: Date.now() };
      conns.push(conn);
      ws.on('message', (data) => conn.frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
    });
    return { url: `ws://127.0.0.1:${(s.address() as AddressInfo).port}`, conns };
  }

  function startOn(urls: string[], cursor: () => number, delivered: number[]): void {
    client = createRelayClient({
      urls,
      token: 'secret-token',
      clock: systemClock,
      random: () => 0.5,
      logger: pino({ level: 'silent' }),
      timing,
      cursor,
      deliver: (f) => (delivered.push(...f.map((x) => x.seq)), true),
      reject: () => undefined,
      onStatus: () => undefined,
    });
    client.start();
  }

  it('moves to the next node when its link dies and resumes there from the committed cursor', async () => {
    const a = await node();
    const b = await node();
    const delivered: number[] = [];
    startOn([a.url, b.url], () => delivered.at(-1) ?? 0, delivered);
    const onA = await waitFor('connection to node A', () => a.conns[0]);
    onA.ws.send(event(1));
    onA.ws.send(event(2));
    await waitFor('ack 2 on A', () => acks(onA).includes(2));
    onA.ws.terminate();
    const onB = await waitFor('connection to node B', () => b.conns[0]);
    await waitFor('hello on B', () => onB.frames[0]);
    expect(onB.frames[0]).toEqual({ type: 'hello', protocol: 1, after: 2 });
    expect(onB.req.headers.authorization).toBe('Bearer secret-token');
    onB.ws.send(event(3));
    await waitFor('ack 3 on B', () => acks(onB).includes(3));
    expect(delivered).toEqual([1, 2, 3]);
    expect(a.conns).toHaveLength(1);
  });

  it('skips a node that refuses connections and wraps around the list', async () => {
    const a = await node();
    const dead = await node();
    const deadUrl = dead.url;
    const s = servers.pop()!;
    await new Promise((resolve) => s.close(resolve));
    const delivered: number[] = [];
    startOn([deadUrl, a.url], () => 5, delivered);
    const conn = await waitFor('connection to the live node', () => a.conns[0]);
    await waitFor('hello', () => conn.frames[0]);
    expect(conn.frames[0]).toMatchObject({ type: 'hello', after: 5 });
    conn.ws.terminate();
    const again = await waitFor('back on the live node after trying the dead one', () => a.conns[1]);
    await waitFor('second hello', () => again.frames[0]);
    expect(again.frames[0]).toMatchObject({ type: 'hello', after: 5 });
  });
});

describe('relay close codes 4009 and 4010', () => {
  const reconnectAttempts = (logs: LogLine[]): number[] => logs.filter((l) => l.msg === 'reconnecting to relay').map((l) => l.attempt!);

  it('on 4010 says the cursor expired, asks for a catch-up once, and resumes from its own cursor without looping', async () => {
    const { url, conns } = await startServer();
    const expiries: string[] = [];
    const { delivered, details, logs } = startClient(url, { onCursorExpired: (reason) => expiries.push(reason) });
    const first = await waitFor('connection', () => conns[0]);
    await waitFor('hello', () => first.frames.length > 0);
    first.ws.close(4010, "cursor expired: events were pruned before this device acked them; catch up from klikit's orders API");
    const again = await waitFor('reconnection', () => conns[1]);
    await waitFor('second hello', () => again.frames.length > 0);
    // The relay keeps the cursor and replays what is left after it: the same `after` as before.
    expect(again.frames[0]).toEqual({ type: 'hello', protocol: 1, after: 7 });
    expect(expiries).toEqual(["cursor expired: events were pruned before this device acked them; catch up from klikit's orders API"]);
    expect(details).toContain('relay cursor expired: events were pruned before this bridge acked them');
    expect(logs.some((l) => l.msg === 'relay cursor expired: events were pruned before this bridge acked them')).toBe(true);
    again.ws.send(event(40));
    await waitFor('ack 40', () => acks(again).includes(40));
    expect(delivered.map((f) => f.seq)).toEqual([40]);
    expect(conns).toHaveLength(2);
    expect(client!.status()).toBe('live');
  });

  it('on 4009 backs off with the normal backoff across replacements and names the cause', async () => {
    const { url, conns } = await startServer();
    const { details, logs } = startClient(url, { timing: { reconnectCapMs: 10_000 } });
    // Another bridge with the same token replaces this one as soon as it says hello, every time.
    for (let i = 0; i < 4; i++) {
      const conn = await waitFor(`connection ${i}`, () => conns[i]);
      await waitFor(`hello ${i}`, () => conn.frames.length > 0);
      conn.ws.close(4009, 'replaced by a newer connection of this device');
    }
    await waitFor('fourth reconnect scheduled', () => reconnectAttempts(logs).length === 4);
    // Each replacement waits longer (attempt numbers rise) instead of starting again from the base delay.
    expect(reconnectAttempts(logs)).toEqual([1, 2, 3, 4]);
    const delays = logs.filter((l) => l.msg === 'reconnecting to relay').map((l) => l.delayMs!);
    expect(delays).toEqual([5, 10, 20, 40]);
    expect(details.at(-1)).toContain('another bridge is using this device token');
  });

  it('starts the backoff again after an ordinary close', async () => {
    const { url, conns } = await startServer();
    const { logs } = startClient(url);
    for (let i = 0; i < 3; i++) {
      const conn = await waitFor(`connection ${i}`, () => conns[i]);
      await waitFor(`hello ${i}`, () => conn.frames.length > 0);
      conn.ws.close(1001, 'relay shutting down');
    }
    await waitFor('third reconnect scheduled', () => reconnectAttempts(logs).length === 3);
    expect(reconnectAttempts(logs)).toEqual([1, 1, 1]);
  });
});

describe('bridgeEndpoint', () => {
  it('adds the bridge path to a bare relay address and keeps an explicit one', () => {
    expect(bridgeEndpoint('ws://127.0.0.1:9000')).toBe('ws://127.0.0.1:9000/v1/bridge');
    expect(bridgeEndpoint('wss://relay.example/v1/bridge')).toBe('wss://relay.example/v1/bridge');
  });
});
