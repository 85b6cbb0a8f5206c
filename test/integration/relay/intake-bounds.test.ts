import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningRelay } from '../../../relay/server.js';
import { waitFor } from '../../helpers/wait.js';
import { envelopeText, postWebhook, type RelayChild, startRelayChild, startTestRelay, STORE_KINDS, type TestStore, testStores } from './helpers.js';

const LIMIT = 256 * 1024;

/** Opens a webhook request with well-shaped headers and sends all but `missing` bytes of its body, then stalls. */
function stalledWebhook(port: number, contentLength: number, sent: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `POST /webhooks/klikit HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${contentLength}\r\n` +
          `x-klikit-signature: ${'ab'.repeat(32)}\r\nx-klikit-event-id: stall\r\nx-klikit-event-type: klikit.order.created.v2\r\n\r\n`,
      );
      socket.write(Buffer.alloc(sent, 0x20), () => resolve(socket));
    });
    // Reading is what lets this side notice the relay closing the connection.
    socket.resume();
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}

function peakRssBytes(pid: number): number {
  const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib) * 1024;
}

describe.each(STORE_KINDS)('relay intake under a flood of stalled bodies (child process) (%s store)', (kind) => {
  const stores = testStores();
  let data: TestStore;
  let relay: RelayChild;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    data = await stores.create(kind);
    // The attack comes from one address here; the per-address cap (tested below) would refuse most of it
    // at once, so it is raised to prove the timeouts and the body budget.
    relay = await startRelayChild(data.location, { args: ['--max-connections', '1000', '--max-connections-per-address', '1000'] });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    relay.child.kill('SIGKILL');
    await relay.exited;
    data.remove();
  });

  it('holds 600 stalled ~256 KiB bodies under 300 MB, answers a genuine webhook meanwhile and cuts every one after the request timeout', async () => {
    const open = new Set<Socket>();
    for (let i = 0; i < 600; i++) {
      const socket = await stalledWebhook(relay.port, LIMIT - 1, LIMIT - 100);
      open.add(socket);
      socket.once('close', () => open.delete(socket));
      sockets.push(socket);
    }
    const genuine = await postWebhook(`http://127.0.0.1:${relay.port}`, envelopeText(7, 1));
    const stillStalled = open.size;
    expect(genuine).toEqual({ status: 200, json: { status: 'received' } });
    expect(stillStalled).toBeGreaterThan(0);
    // The last one opened is cut 10 s (the request timeout) after it was opened, a loaded machine's lag aside:
    // the deadline counts from the last one, not from the first, which a slow machine opened long before.
    await waitFor('every stalled body to be cut', () => open.size === 0, { timeoutMs: 30_000 });
    expect(peakRssBytes(relay.child.pid!)).toBeLessThan(300 * 1024 * 1024);
  }, 120_000);
});

describe.each(STORE_KINDS)('relay intake bounds (in process) (%s store)', (kind) => {
  const stores = testStores();
  let data: TestStore;
  let relay: RunningRelay;
  beforeEach(async () => {
    data = await stores.create(kind);
    relay = await startTestRelay(data.location, { limits: { maxConnectionsPerAddress: 3, bodyBudgetBytes: 300 * 1024, requestTimeoutMs: 1000 } });
  });
  afterEach(async () => {
    await relay.close();
    data.remove();
  });

  it('refuses a malformed signature header before reading the body', async () => {
    const res = await postWebhook(relay.url, envelopeText(1, 1), { signature: 'not-hex' });
    expect(res).toEqual({ status: 401, json: { error: 'invalid signature' } });
    // Headers only, the body never sent: waiting for it would have ended in a 408, not this 401.
    const socket = connect(relay.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.write(
      'POST /webhooks/klikit HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 200000\r\n' +
        'x-klikit-signature: NOT-A-SIGNATURE\r\nx-klikit-event-id: e\r\nx-klikit-event-type: klikit.order.created.v2\r\n\r\n',
    );
    await waitFor('the 401 before the body', () => answer.startsWith('HTTP/1.1 401') && answer.includes('invalid signature'));
    socket.destroy();
  });

  it('at the per-address cap lets a new connection in in place of the oldest stalled one', async () => {
    const held = await Promise.all([0, 1, 2].map(() => stalledWebhook(relay.port, 100, 10)));
    const closed = held.map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())));
    expect((await postWebhook(relay.url, envelopeText(1, 2))).status).toBe(200);
    await closed[0];
    expect(held.map((socket) => socket.destroyed)).toEqual([true, false, false]);
    for (const socket of held) socket.destroy();
  });

  it('answers a large body 503 while the budget is held by another, and a small one 200', async () => {
    const big = JSON.stringify({ brand_id: 1, branch_id: 1, orders: [{ id: 1, pad: 'x'.repeat(200 * 1024) }] });
    const holder = await stalledWebhook(relay.port, Buffer.byteLength(big), 1000);
    const refused = await postWebhook(relay.url, big);
    expect(refused.status).toBe(503);
    expect((await postWebhook(relay.url, envelopeText(1, 3))).status).toBe(200);
    holder.destroy();
    await waitFor('the budget to be free again', async () => (await postWebhook(relay.url, big)).status !== 503);
  });

  it('cuts a request whose body stalls past the request timeout', async () => {
    const socket = await stalledWebhook(relay.port, 1000, 10);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    await waitFor('the stalled request to be cut', () => socket.destroyed || socket.readableEnded, { timeoutMs: 5000 });
    expect(answer).toMatch(/^HTTP\/1.1 408/);
  });
});
