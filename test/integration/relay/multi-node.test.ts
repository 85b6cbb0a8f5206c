import { afterEach, describe, expect, it } from 'vitest';
import { addDevice, listDevices, revokeDevice } from '../../../relay/admin.js';
import type { RunningRelay } from '../../../relay/server.js';
import { waitFor } from '../../helpers/wait.js';
import { envelopeText, postWebhook, startTestRelay, TestBridge, testStores } from './helpers.js';

// Several relay nodes on one PostgreSQL database: any node takes webhooks, any node serves any device.

describe('relay nodes sharing one PostgreSQL store', () => {
  const stores = testStores();
  const relays: RunningRelay[] = [];
  const bridges: TestBridge[] = [];
  afterEach(async () => {
    for (const bridge of bridges.splice(0)) bridge.stop();
    for (const relay of relays.splice(0)) await relay.close();
  });

  const nodes = async (count: number): Promise<{ store: string; nodes: RunningRelay[] }> => {
    const store = (await stores.create('postgres')).location;
    for (let i = 0; i < count; i++) relays.push(await startTestRelay(store, { housekeepingMs: 100 }));
    return { store, nodes: relays.slice(-count) };
  };
  const connect = async (relay: RunningRelay, token: string): Promise<TestBridge> => {
    const bridge = new TestBridge(relay.bridgeUrl, token);
    bridges.push(bridge);
    await bridge.opened;
    bridge.hello(0);
    return bridge;
  };

  it('feeds a bridge on each node every event of its branches, posted to either node, in seq order and once', async () => {
    const { store, nodes: [a, b] } = await nodes(2);
    const onA = await connect(a!, (await addDevice(store, 'on-a', [7])).token);
    const onB = await connect(b!, (await addDevice(store, 'on-b', [7, 8])).token);
    const other = await connect(a!, (await addDevice(store, 'other', [9])).token);
    const posted: Array<{ branch: number; eventId: string }> = [];
    // Concurrent posts to both nodes, so appends of the two nodes contend for the log's order.
    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const branch = i % 3 === 2 ? 8 : 7;
        const eventId = `evt-node-${i}`;
        const res = await postWebhook((i % 2 === 0 ? a! : b!).url, envelopeText(branch, 1000 + i), { eventId });
        expect(res.status).toBe(200);
        posted.push({ branch, eventId });
      }),
    );
    const expectedA = posted.filter((p) => p.branch === 7).map((p) => p.eventId).sort();
    await waitFor('node A’s bridge to get branch 7', () => onA.events.length >= expectedA.length);
    await waitFor('node B’s bridge to get branches 7 and 8', () => onB.events.length >= posted.length);
    expect(onA.events.map((e) => e.event_id).sort()).toEqual(expectedA);
    expect(onB.events.map((e) => e.event_id).sort()).toEqual(posted.map((p) => p.eventId).sort());
    for (const bridge of [onA, onB]) {
      const seqs = bridge.seqs();
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(seqs.length);
    }
    expect(other.events).toHaveLength(0);
  });

  it('resumes a bridge on another node after the cursor it acked on the first, the ack stored where every node reads it', async () => {
    const { store, nodes: [a, b] } = await nodes(2);
    const { token } = await addDevice(store, 'mover', [7]);
    const first = await connect(a!, token);
    for (let i = 1; i <= 3; i++) expect((await postWebhook(b!.url, envelopeText(7, i))).status).toBe(200);
    await waitFor('three events on node A', () => first.events.length === 3);
    const acked = first.seqs()[1]!;
    first.ack(acked);
    await waitFor('the ack in the shared store', async () => (await listDevices(store))[0]!.cursor === acked);
    first.stop();
    for (let i = 4; i <= 5; i++) expect((await postWebhook(a!.url, envelopeText(7, i))).status).toBe(200);
    const moved = new TestBridge(b!.bridgeUrl, token);
    bridges.push(moved);
    await moved.opened;
    moved.hello(acked);
    await waitFor('the rest on node B', () => moved.events.length === 3);
    expect(moved.seqs()[0]).toBe(first.seqs()[2]);
    expect(moved.seqs()).toEqual([...moved.seqs()].sort((x, y) => x - y));
    expect(moved.events.map((e) => (e.body as { orders: Array<{ id: number }> }).orders[0]!.id)).toEqual([3, 4, 5]);
  });

  it('closes a device’s socket on every node once it is revoked', async () => {
    const { store, nodes: [a, b] } = await nodes(2);
    const { token } = await addDevice(store, 'stolen', [7]);
    const onA = await connect(a!, token);
    const onB = await connect(b!, token);
    expect(await revokeDevice(store, { name: 'stolen' })).toBe(1);
    expect(await Promise.all([onA.closed(), onB.closed()])).toEqual([4003, 4003]);
  });
});
