import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDevice, listDevices, revokeDevice } from '../../../relay/admin.js';
import type { RunningRelay } from '../../../relay/server.js';
import { waitFor } from '../../helpers/wait.js';
import { envelopeText, fetchMetrics, postWebhook, seedEvents, startTestRelay, STORE_KINDS, TestBridge, type TestStore, testStores } from './helpers.js';

describe.each(STORE_KINDS)('relay bridge sockets (%s store)', (kind) => {
  const stores = testStores();
  let data: TestStore;
  let relay: RunningRelay;
  const bridges: TestBridge[] = [];

  const connect = async (token: string | undefined, options: { autoPong?: boolean } = {}): Promise<TestBridge> => {
    const bridge = new TestBridge(relay.bridgeUrl, token, options);
    bridges.push(bridge);
    await bridge.opened;
    return bridge;
  };
  const post = async (branchId: number, orderId: number): Promise<void> => {
    const res = await postWebhook(relay.url, envelopeText(branchId, orderId));
    expect(res.status).toBe(200);
  };

  beforeEach(async () => {
    data = await stores.create(kind);
    relay = await startTestRelay(data.location, { housekeepingMs: 100, replayChunk: 50 });
  });
  afterEach(async () => {
    for (const bridge of bridges.splice(0)) bridge.stop();
    await relay.close();
    data.remove();
  });

  it('streams live events with the parsed body and persists the acked cursor', async () => {
    const { token } = await addDevice(data.location, 'counter', [7]);
    const bridge = await connect(token);
    bridge.hello(0);
    await waitFor('the relay to go live', async () => (await fetchMetrics(relay.url)).includes('relay_connected_devices 1'));
    await post(7, 100);
    const [event] = await waitFor('one event', () => (bridge.events.length === 1 ? bridge.events : undefined));
    expect(event).toMatchObject({ type: 'event', seq: 1, event_type: 'klikit.order.created.v2' });
    expect(event!.body).toEqual(JSON.parse(envelopeText(7, 100)));
    expect(Date.parse(event!.received_at)).not.toBeNaN();
    bridge.ack(1);
    await waitFor('the cursor to be persisted', async () => (await listDevices(data.location))[0]!.cursor === 1);
    expect((await listDevices(data.location))[0]).toMatchObject({ lag: 0, revoked: false });
    expect((await listDevices(data.location))[0]!.lastSeenAt).not.toBeNull();
  });

  it('gives a device that was offline for 1,000 events all of them in order, none twice, after its cursor', async () => {
    const { token } = await addDevice(data.location, 'counter', [7]);
    await seedEvents(data.location, 7, 990);
    await Promise.all(Array.from({ length: 10 }, (_, i) => post(7, 991 + i)));
    const first = await connect(token);
    first.hello(0);
    await waitFor('the first 300 events', () => first.events.length >= 300);
    first.ack(300);
    // Stopped only once the ack is stored: a socket reset while the relay still sends would discard the
    // ack unread in the relay's receive buffer (TCP drops it on RST), which no bridge can rely on anyway.
    await waitFor('the ack to be persisted', async () => (await listDevices(data.location))[0]!.cursor === 300);
    first.stop();
    expect((await listDevices(data.location))[0]!.lag).toBe(700);

    const second = await connect(token);
    second.hello(300);
    await waitFor('the remaining 700 events', () => second.events.length >= 700);
    await post(7, 1001);
    await waitFor('the live event after the replay', () => second.events.length === 701);
    expect(second.seqs()).toEqual(Array.from({ length: 701 }, (_, i) => 301 + i));
  });

  it('gives every device of a branch every event and never another branch’s events', async () => {
    const a = await connect((await addDevice(data.location, 'a', [7])).token);
    const b = await connect((await addDevice(data.location, 'b', [7])).token);
    const other = await connect((await addDevice(data.location, 'other', [8])).token);
    const both = await connect((await addDevice(data.location, 'both', [7, 8])).token);
    await post(7, 1);
    for (const bridge of [a, b, other, both]) bridge.hello(0);
    await waitFor('all hellos answered', () => a.events.length === 1 && b.events.length === 1 && both.events.length === 1);
    await post(8, 2);
    await post(7, 3);
    await waitFor('the live events', () => a.events.length === 2 && b.events.length === 2 && both.events.length === 3 && other.events.length === 1);
    expect(a.seqs()).toEqual([1, 3]);
    expect(b.seqs()).toEqual([1, 3]);
    expect(both.seqs()).toEqual([1, 2, 3]);
    expect(other.seqs()).toEqual([2]);
    expect(other.events[0]!.body).toMatchObject({ branch_id: 8 });
  });

  it('closes with 4001 without a token or with a wrong one', async () => {
    await addDevice(data.location, 'counter', [7]);
    const none = await connect(undefined);
    expect(await none.closed()).toBe(4001);
    const wrong = await connect('not-a-token');
    expect(await wrong.closed()).toBe(4001);
  });

  it('closes an open socket with 4003 soon after its device is revoked, and refuses it afterwards', async () => {
    const { token } = await addDevice(data.location, 'counter', [7]);
    const bridge = await connect(token);
    bridge.hello(0);
    expect(await revokeDevice(data.location, { name: 'counter' })).toBe(1);
    expect(await bridge.closed()).toBe(4003);
    const again = await connect(token);
    expect(await again.closed()).toBe(4003);
  });

  it('closes a client speaking another protocol with 4002', async () => {
    const bridge = await connect((await addDevice(data.location, 'counter', [7])).token);
    bridge.hello(0, 2);
    expect(await bridge.closed()).toBe(4002);
  });

  it.each([
    ['not JSON', 'hello?'],
    ['an unknown type', JSON.stringify({ type: 'subscribe' })],
    ['an ack before hello', JSON.stringify({ type: 'ack', seq: 1 })],
    ['a negative after', JSON.stringify({ type: 'hello', protocol: 1, after: -1 })],
  ])('closes a socket that sends %s with 4400 while another keeps receiving', async (_what, frame) => {
    const good = await connect((await addDevice(data.location, 'good', [7])).token);
    const bad = await connect((await addDevice(data.location, 'bad', [7])).token);
    good.hello(0);
    bad.ws.send(frame);
    expect(await bad.closed()).toBe(4400);
    await post(7, 1);
    await waitFor('the good client to receive', () => good.events.length === 1);
  });

  it('terminates a socket that stops answering pings', async () => {
    await relay.close();
    relay = await startTestRelay(data.location, { pingIntervalMs: 50, deadAfterMs: 200 });
    const { token } = await addDevice(data.location, 'mute', [7]);
    const mute = await connect(token, { autoPong: false });
    mute.hello(0);
    expect(await mute.closed()).toBe(1006);
  });

  it('drops a bridge that stops reading instead of letting it delay another', async () => {
    await relay.close();
    relay = await startTestRelay(data.location, { maxBufferedBytes: 256 * 1024 });
    const stuck = await connect((await addDevice(data.location, 'stuck', [7])).token);
    const healthy = await connect((await addDevice(data.location, 'healthy', [7])).token);
    stuck.hello(0);
    healthy.hello(0);
    await waitFor('both to be live', async () => (await fetchMetrics(relay.url)).includes('relay_connected_devices 2'));
    (stuck.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const padding = 'x'.repeat(200 * 1024);
    let sent = 0;
    await waitFor('the stuck bridge to be dropped', async () => {
      await postWebhook(relay.url, envelopeText(7, ++sent, { padding }));
      return (await fetchMetrics(relay.url)).includes('relay_slow_clients_disconnected_total 1');
    }, { timeoutMs: 20_000, intervalMs: 1 });
    await waitFor('the healthy bridge to get every event', () => healthy.events.length === sent);
    expect(healthy.closeCode).toBeUndefined();
  });

  // SQLite only: a PostgreSQL append from another store sends its notice, and the event would come by that.
  it.runIf(kind === 'sqlite')('delivers an event stored without a notice (a commit whose answer was lost) once its body comes again', async () => {
    const bridge = await connect((await addDevice(data.location, 'counter', [7])).token);
    bridge.hello(0);
    await waitFor('the relay to go live', async () => (await fetchMetrics(relay.url)).includes('relay_connected_devices 1'));
    // Stored behind the serving relay's back: on SQLite nothing tells its hub.
    await seedEvents(data.location, 7, 1, 500);
    const res = await postWebhook(relay.url, envelopeText(7, 500), { eventId: 'seed-7-500' });
    expect(res).toEqual({ status: 200, json: { status: 'duplicate-ignored' } });
    const [event] = await waitFor('the stored event at the bridge', () => (bridge.events.length > 0 ? bridge.events : undefined));
    expect(event).toMatchObject({ event_id: 'seed-7-500', body: { orders: [{ id: 500 }] } });
  });

  it('closes sockets with 1001 when the relay shuts down', async () => {
    const bridge = await connect((await addDevice(data.location, 'counter', [7])).token);
    bridge.hello(0);
    await relay.close();
    expect(await bridge.closed()).toBe(1001);
  });
});
