import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { addDevice } from '../../../relay/admin.js';
import { waitFor } from '../../helpers/wait.js';
import { envelopeText, fetchMetrics, postWebhook, relayPerTest, STORE_KINDS, TestBridge } from './helpers.js';

// Nobody can keep genuine bridges or webhooks out by misbehaving from their network or through their
// proxy. Linux routes all of 127/8 to lo, so a test binds its clients to 127.N.0.1 to come from other networks.

type UpgradeOptions = { localAddress?: string; forwardedFor?: string };

/** The HTTP status of a refused upgrade, or the close code after an accepted one (bad tokens are closed after the upgrade). */
function upgradeOutcome(url: string, token: string, options: UpgradeOptions = {}): Promise<number> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (options.forwardedFor) headers['x-forwarded-for'] = options.forwardedFor;
    const ws = new WebSocket(url, { headers, ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
    ws.once('unexpected-response', (_req, res) => {
      ws.terminate();
      resolve(res.statusCode ?? 0);
    });
    ws.once('close', (code) => resolve(code));
    ws.on('error', () => undefined);
  });
}

async function inBatches<T>(count: number, batch: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += batch) {
    results.push(...(await Promise.all(Array.from({ length: Math.min(batch, count - start) }, (_, i) => run(start + i)))));
  }
  return results;
}

/**
 * Holds `perNetwork` connections from each of `networks` addresses, each one a webhook request whose
 * headers never end; a connection the relay closes is opened again (a few ms later) until `stop`.
 */
function stallFlood(port: number, networks: string[], perNetwork: number): { open(): number; stop(): void } {
  const sockets = new Set<Socket>();
  let flooding = true;
  const hold = (localAddress: string): void => {
    const socket = connect({ port, host: '127.0.0.1', localAddress }, () => socket.write('POST /webhooks/klikit HTTP/1.1\r\nhost: relay\r\n'));
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.resume();
    socket.once('close', () => {
      sockets.delete(socket);
      if (flooding) setTimeout(() => flooding && hold(localAddress), 5);
    });
  };
  for (const address of networks) for (let i = 0; i < perNetwork; i++) hold(address);
  return {
    open: () => sockets.size,
    stop: () => {
      flooding = false;
      for (const socket of sockets) socket.destroy();
    },
  };
}

describe.each(STORE_KINDS)('relay lockout resistance (%s store)', (kind) => {
  const relays = relayPerTest(kind);
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('lets a genuine bridge in at once right after 2,000 bad tokens from its address, and still refuses the guesser', async () => {
    const relay = await relays.start();
    const { token } = await addDevice(relays.store(), 'counter', [7]);
    const guesses = await inBatches(2000, 100, (i) => upgradeOutcome(relay.bridgeUrl, `guess-${i}`));
    expect(guesses.filter((status) => status === 429).length).toBeGreaterThan(1900);
    expect(guesses.every((status) => status === 429 || status === 4001)).toBe(true);

    const bridge = new TestBridge(relay.bridgeUrl, token);
    cleanups.push(() => bridge.stop());
    await bridge.opened;
    bridge.hello(0);
    expect((await postWebhook(relay.url, envelopeText(7, 1), { eventId: 'evt-after-guesses' })).status).toBe(200);
    const [event] = await waitFor('the event at the genuine bridge', () => (bridge.events.length > 0 ? bridge.events : undefined));
    expect(event).toMatchObject({ event_id: 'evt-after-guesses' });
    expect(bridge.closeCode).toBeUndefined();
    expect(await upgradeOutcome(relay.bridgeUrl, 'guess-after')).toBe(429);
  }, 120_000);

  it('counts bad tokens by the network, so a neighbour in the same /24 shares the limit and another /24 does not', async () => {
    const relay = await relays.start({ failedUpgradesPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect(await upgradeOutcome(relay.bridgeUrl, `guess-${i}`, { localAddress: '127.0.0.2' })).toBe(4001);
    expect(await upgradeOutcome(relay.bridgeUrl, 'guess-3', { localAddress: '127.0.0.3' })).toBe(429);
    expect(await upgradeOutcome(relay.bridgeUrl, 'guess-4', { localAddress: '127.0.1.2' })).toBe(4001);
    expect(await fetchMetrics(relay.url)).toContain('relay_failed_upgrades_total{reason="rate_limited"} 1');
  });

  it('behind a trusted proxy, counts bad tokens per forwarded client', async () => {
    const relay = await relays.start({ failedUpgradesPerMinute: 3, trustedProxies: ['127.0.0.1'] });
    const { token } = await addDevice(relays.store(), 'counter', [7]);
    for (let i = 0; i < 3; i++) expect(await upgradeOutcome(relay.bridgeUrl, `guess-${i}`, { forwardedFor: '203.0.113.9' })).toBe(4001);
    expect(await upgradeOutcome(relay.bridgeUrl, 'guess-3', { forwardedFor: '198.51.100.1, 203.0.113.9' })).toBe(429);
    expect(await upgradeOutcome(relay.bridgeUrl, 'guess-4', { forwardedFor: '198.51.100.1' })).toBe(4001);
    const genuine = new WebSocket(relay.bridgeUrl, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' } });
    cleanups.push(() => genuine.terminate());
    await waitFor('the genuine bridge to be connected', async () => (await fetchMetrics(relay.url)).includes('relay_connected_devices 1'));
    expect(genuine.readyState).toBe(WebSocket.OPEN);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const relay = await relays.start({ failedUpgradesPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect(await upgradeOutcome(relay.bridgeUrl, `guess-${i}`, { forwardedFor: `203.0.113.${i}` })).toBe(4001);
    expect(await upgradeOutcome(relay.bridgeUrl, 'guess-3', { forwardedFor: '198.51.100.1' })).toBe(429);
  });

  it('answers genuine webhooks 200 while stalled connections from 8 networks hold the connection cap', async () => {
    const relay = await relays.start({ metricsPort: 0, limits: { maxConnections: 64, maxConnectionsPerAddress: 8, requestTimeoutMs: 60_000 } });
    const gauge = async (name: string): Promise<number> => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(await (await fetch(relay.metricsUrl!)).text())?.[1]);
    const flood = stallFlood(relay.port, Array.from({ length: 8 }, (_, n) => `127.${n + 1}.0.1`), 8);
    cleanups.push(() => flood.stop());
    await waitFor('the stalled connections to fill the cap', async () => (await gauge('relay_http_connections')) === 64);

    const answers = [];
    for (let n = 1; n <= 40; n++) answers.push((await postWebhook(relay.url, envelopeText(7, n))).status);
    expect(answers).toEqual(Array(40).fill(200));
    expect(await gauge('relay_connections_evicted_total')).toBeGreaterThan(0);
    // The flood was on throughout: it holds the cap again once the webhooks are done.
    await waitFor('the flood to hold the cap again', async () => flood.open() >= 60 && (await gauge('relay_http_connections')) === 64);
  }, 60_000);
});
