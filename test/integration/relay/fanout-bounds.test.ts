import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDevice } from '../../../relay/admin.js';
import { DAY_MS, type RunningRelay } from '../../../relay/server.js';
import { waitFor } from '../../helpers/wait.js';
import { envelopeText, postWebhook, recordingLogger, seedEvents, startTestRelay, STORE_KINDS, TestBridge, type TestStore, testStores } from './helpers.js';

/** A bridge that stops reading its socket but keeps sending pings, as a stuck or hostile client can. */
async function neverReadingPinger(bridgeUrl: string, token: string): Promise<{ bridge: TestBridge; stop(): void }> {
  const bridge = new TestBridge(bridgeUrl, token);
  await bridge.opened;
  bridge.hello(0);
  (bridge.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  const pinger = setInterval(() => bridge.ws.ping(), 200);
  return { bridge, stop: () => (clearInterval(pinger), bridge.stop()) };
}

describe.each(STORE_KINDS)('relay fan-out bounds (%s store)', (kind) => {
  const stores = testStores();
  let data: TestStore;
  let relay: RunningRelay | undefined;
  const cleanups: Array<() => void> = [];
  beforeEach(async () => {
    data = await stores.create(kind);
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    await relay?.close();
    relay = undefined;
    data.remove();
  });

  it('cuts a never-reading, pinging device during a replay once its unsent bytes pass the cap', async () => {
    await seedEvents(data.location, 7, 400, 1, { padding: 'x'.repeat(50 * 1024) });
    const { logger, messages } = recordingLogger();
    relay = await startTestRelay(data.location, { logger, maxBufferedBytes: 1024 * 1024 });
    const stuck = await neverReadingPinger(relay.bridgeUrl, (await addDevice(data.location, 'stuck', [7])).token);
    cleanups.push(stuck.stop);
    await waitFor('the stuck reader to be dropped', () => messages.includes('slow bridge dropped'), { timeoutMs: 40_000 });
  }, 45_000);

  it('does not take a client ping as proof of a reader: a silent one is cut after deadAfterMs', async () => {
    const { logger, messages } = recordingLogger();
    relay = await startTestRelay(data.location, { logger, pingIntervalMs: 250, deadAfterMs: 1500 });
    const stuck = await neverReadingPinger(relay.bridgeUrl, (await addDevice(data.location, 'stuck', [7])).token);
    cleanups.push(stuck.stop);
    await waitFor('the silent reader to be cut', () => messages.includes('bridge silent too long; terminated'), { timeoutMs: 40_000 });
    expect(messages).not.toContain('slow bridge dropped');
  }, 45_000);

  it('replaces the oldest socket of a device past the per-device cap, with 4009', async () => {
    relay = await startTestRelay(data.location, { maxSocketsPerDevice: 1 });
    const { token } = await addDevice(data.location, 'counter', [7]);
    const first = new TestBridge(relay.bridgeUrl, token);
    cleanups.push(() => first.stop());
    await first.opened;
    const second = new TestBridge(relay.bridgeUrl, token);
    cleanups.push(() => second.stop());
    await second.opened;
    expect(await first.closed()).toBe(4009);
    second.hello(0);
    expect(second.closeCode).toBeUndefined();
  });

  it('tells a device silent past the cursor expiry, once, with 4010, then resumes it', async () => {
    const { token } = await addDevice(data.location, 'silent', [7]);
    await seedEvents(data.location, 7, 3);
    const tenDaysLater = { now: () => Date.now() + 10 * DAY_MS };
    relay = await startTestRelay(data.location, { clock: tenDaysLater, retentionMs: 7 * DAY_MS, cursorExpiryMs: 8 * DAY_MS });
    const expired = new TestBridge(relay.bridgeUrl, token);
    cleanups.push(() => expired.stop());
    await expired.opened;
    expired.hello(0);
    expect(await expired.closed()).toBe(4010);
    expect(expired.closeReason).toMatch(/catch up from klikit/);
    const resumed = new TestBridge(relay.bridgeUrl, token);
    cleanups.push(() => resumed.stop());
    await resumed.opened;
    resumed.hello(0);
    await postWebhook(relay.url, envelopeText(7, 99));
    await waitFor('the live event after the expiry', () => resumed.events.length === 1);
    expect(resumed.events[0]!.seq).toBe(4);
  });
});
