import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { addDevice } from '../../../relay/admin.js';
import { waitFor } from '../../helpers/wait.js';
import { envelopeText, fetchMetrics, postWebhook, recordingLogger, relayPerTest, STORE_KINDS, TestBridge } from './helpers.js';

/** The HTTP status of a refused upgrade, or 101 when the relay accepted the upgrade. */
function upgradeStatus(url: string, token: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
    ws.once('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      ws.terminate();
      resolve(res.statusCode ?? 0);
    });
    ws.on('error', () => undefined);
  });
}

describe.each(STORE_KINDS)('relay secrets and metrics (%s store)', (kind) => {
  const relays = relayPerTest(kind);

  it('refuses /metrics without the bearer token, and with a wrong one; serves it with the token', async () => {
    const relay = await relays.start();
    await addDevice(relays.store(), 'counter-secret-name', [7]);
    const anonymous = await fetch(`${relay.url}/metrics`);
    expect(anonymous.status).toBe(401);
    const text = await anonymous.text();
    expect(text).not.toContain('counter-secret-name');
    expect((await fetch(`${relay.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    await postWebhook(relay.url, envelopeText(7, 1));
    const metrics = await fetchMetrics(relay.url);
    expect(metrics).toContain('relay_webhook_answer_seconds_count 1');
    expect(metrics).toMatch(/nodejs_eventloop_lag_seconds \d/);
    expect(metrics).toMatch(/process_resident_memory_bytes \d/);
  });

  it('serves no /metrics on the public port without a token, and serves it on the loopback metrics port', async () => {
    const relay = await relays.start({ metricsToken: undefined, metricsPort: 0 });
    expect((await fetch(`${relay.url}/metrics`)).status).toBe(404);
    expect(relay.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(await (await fetch(relay.metricsUrl!)).text()).toContain('relay_connected_devices 0');
  });

  it('counts per-device lag in housekeeping, not per scrape', async () => {
    const relay = await relays.start({ housekeepingMs: 50, lagRefreshMs: 50 });
    await addDevice(relays.store(), 'counter', [7]);
    await postWebhook(relay.url, envelopeText(7, 1));
    await waitFor('the lag of the device', async () => (await fetchMetrics(relay.url)).includes('relay_device_lag{device="counter"} 1'));
  });

  it('never logs a token given in the query string', async () => {
    const { logger, lines } = recordingLogger();
    const relay = await relays.start({ logger });
    const bridge = new TestBridge(`${relay.bridgeUrl}?token=query-token-must-not-be-logged`, undefined);
    expect(await bridge.closed()).toBe(4001);
    expect(lines.join('\n')).toContain('bridge refused: missing or unknown token');
    expect(lines.join('\n')).not.toContain('query-token-must-not-be-logged');
  });

  it('answers 429 to further bad tokens from an address past its failed upgrades, lets a good token in, and counts it', async () => {
    const relay = await relays.start({ failedUpgradesPerMinute: 3 });
    const { token } = await addDevice(relays.store(), 'counter', [7]);
    for (let i = 0; i < 3; i++) {
      const guess = new TestBridge(relay.bridgeUrl, `guess-${i}`);
      expect(await guess.closed()).toBe(4001);
    }
    expect(await upgradeStatus(relay.bridgeUrl, 'guess-3')).toBe(429);
    expect(await upgradeStatus(relay.bridgeUrl, token)).toBe(101);
    expect(await fetchMetrics(relay.url)).toContain('relay_failed_upgrades_total{reason="rate_limited"} 1');
  });
});
