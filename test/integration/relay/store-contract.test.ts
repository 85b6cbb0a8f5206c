import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceNameTakenError } from '../../../relay/store/devices.js';
import { openPostgresStore } from '../../../relay/store/postgres/postgres-store.js';
import type { QuarantineEntry, RelayStore } from '../../../relay/store/relay-store.js';
import { SqliteRelayStore } from '../../../relay/store/sqlite-store.js';
import { postgresPerFile } from '../../helpers/postgres-cluster.js';
import { queryStore, silentLogger, tempDir } from './helpers.js';
import { relayEvent as event } from '../../helpers/relay-events.js';

// One suite, both stores: the PostgreSQL store must answer every call exactly as the SQLite one does.

type Opened = { store: RelayStore; peek(sql: string): Promise<unknown[]>; dispose(): Promise<void> };

const cluster = postgresPerFile();

const backends: Array<[string, () => Promise<Opened>]> = [
  [
    'sqlite',
    async () => {
      const data = tempDir();
      const store = SqliteRelayStore.open(data.dir);
      return {
        store,
        peek: (sql) => queryStore(data.dir, sql),
        dispose: async () => {
          await store.close();
          data.remove();
        },
      };
    },
  ],
  [
    'postgres',
    async () => {
      const url = await cluster.createDatabase();
      const store = await openPostgresStore(url, { logger: silentLogger });
      return {
        store,
        peek: (sql) => queryStore(url, sql),
        dispose: () => store.close(),
      };
    },
  ],
];

const quarantined = (n: number, receivedMs: number): QuarantineEntry => ({
  receivedAt: new Date(receivedMs).toISOString(), receivedMs, eventId: `q${n}`, eventType: 't', reason: 'r',
  body: Buffer.from(`{"q":${n}}`), bodySha256: Buffer.from(`q-${n}`),
});

describe.each(backends)('relay store contract: %s', (_kind, open) => {
  let opened: Opened;
  let store: RelayStore;
  beforeEach(async () => {
    opened = await open();
    store = opened.store;
  });
  afterEach(() => opened.dispose());

  const seqsOf = async (branchIds: number[], after = 0, limit = 100) => (await store.readAfter(branchIds, after, limit)).map((e) => e.seq);

  it('numbers events monotonically, never reusing a seq after the newest is pruned, and dedupes by body', async () => {
    expect(await store.maxSeq()).toBe(0);
    expect(await store.appendEvent(event(1, 7))).toEqual({ kind: 'stored', seq: 1, idReused: false });
    expect(await store.appendEvent(event(2, 7))).toEqual({ kind: 'stored', seq: 2, idReused: false });
    expect(await store.appendEvent({ ...event(3, 7), bodySha256: Buffer.from('sha-2') })).toEqual({ kind: 'duplicate' });
    expect(await store.appendEvent({ ...event(3, 7), eventId: 'e1' })).toEqual({ kind: 'stored', seq: 3, idReused: true });
    expect(await store.pruneEvents(2000, 0, 10)).toBe(3);
    expect(await seqsOf([7])).toEqual([]);
    expect(await store.appendEvent(event(4, 7))).toEqual({ kind: 'stored', seq: 4, idReused: false });
    expect(await store.maxSeq()).toBe(4);
  });

  it('returns stored events field for field', async () => {
    await store.appendEvent(event(1, 7, 1234));
    expect(await store.readAfter([7], 0, 10)).toEqual([
      { seq: 1, event_id: 'e1', event_type: 'klikit.order.created.v2', branch_id: 7, received_at: new Date(1234).toISOString(), body: Buffer.from('{"n":1}') },
    ]);
  });

  it('commits a burst of appends together, each with its own outcome, duplicates and reused ids inside the burst included', async () => {
    const outcomes = await Promise.all([
      store.appendEvent(event(1, 7)),
      store.appendEvent(event(2, 7)),
      store.appendEvent(event(1, 7)),
      store.appendEvent({ ...event(3, 8), eventId: 'e2' }),
    ]);
    expect(outcomes).toEqual([
      { kind: 'stored', seq: 1, idReused: false },
      { kind: 'stored', seq: 2, idReused: false },
      { kind: 'duplicate' },
      { kind: 'stored', seq: 3, idReused: true },
    ]);
    expect((await store.readAfter([7, 8], 0, 10)).map((e) => e.event_id)).toEqual(['e1', 'e2', 'e2']);
  });

  it('keeps deduping a body after its event was pruned, until its tombstone is', async () => {
    await store.appendEvent(event(1, 7, 1000));
    expect(await store.pruneEvents(2000, 0, 10)).toBe(1);
    expect(await store.appendEvent({ ...event(1, 7, 3000), eventId: 'next' })).toEqual({ kind: 'duplicate' });
    expect(await store.pruneTombstones(2000, 10)).toBe(1);
    expect(await store.appendEvent({ ...event(1, 7, 3000), eventId: 'next' })).toMatchObject({ kind: 'stored' });
  });

  it('prunes tombstones in batches of the limit', async () => {
    for (let n = 1; n <= 5; n++) await store.appendEvent(event(n, 7, 1000));
    expect(await store.pruneEvents(2000, 0, 100)).toBe(5);
    expect(await store.pruneTombstones(2000, 2)).toBe(2);
    expect(await store.pruneTombstones(2000, 2)).toBe(2);
    expect(await store.pruneTombstones(2000, 2)).toBe(1);
    expect(await store.pruneTombstones(2000, 2)).toBe(0);
  });

  it('dedupes quarantine by body hash, prunes it by age and caps its rows', async () => {
    for (let i = 0; i < 5; i++) await store.addToQuarantine(quarantined(1, 1000));
    for (let n = 2; n <= 6; n++) await store.addToQuarantine(quarantined(n, 1000 * n));
    expect(await opened.peek('SELECT event_id, CAST(hits AS INTEGER) AS hits FROM quarantine ORDER BY id LIMIT 2')).toEqual([
      { event_id: 'q1', hits: 5 },
      { event_id: 'q2', hits: 1 },
    ]);
    expect(await store.pruneQuarantine(2500, 3, 100)).toBe(3);
    expect(await opened.peek('SELECT event_id FROM quarantine ORDER BY id')).toEqual([{ event_id: 'q4' }, { event_id: 'q5' }, { event_id: 'q6' }]);
    expect(await store.pruneQuarantine(0, 1, 1)).toBe(1);
    expect(await store.pruneQuarantine(0, 1, 100)).toBe(1);
    expect(await opened.peek('SELECT event_id FROM quarantine ORDER BY id')).toEqual([{ event_id: 'q6' }]);
  });

  it('reads a branch’s events after a seq in order, in limited chunks, and counts them', async () => {
    for (let n = 1; n <= 6; n++) await store.appendEvent(event(n, n % 2 === 0 ? 8 : 7));
    expect(await seqsOf([7])).toEqual([1, 3, 5]);
    expect(await seqsOf([7, 8], 2, 2)).toEqual([3, 4]);
    expect(await seqsOf([9])).toEqual([]);
    expect(await store.readAfter([], 0, 10)).toEqual([]);
    expect(await store.maxSeq()).toBe(6);
  });

  it('prunes only events past retention that every active device of the branch has acked', async () => {
    const a = await store.addDevice('a', 'ha', [7], 'now');
    const b = await store.addDevice('b', 'hb', [7], 'now');
    for (let n = 1; n <= 3; n++) await store.appendEvent(event(n, 7, 1000));
    await store.appendEvent(event(4, 9, 1000));
    await store.appendEvent(event(5, 7, 5000));
    await store.saveCursors(new Map([[a.id, 5], [b.id, 2]]), 'now');
    expect(await store.pruneEvents(2000, 0, 2)).toBe(2);
    expect(await store.pruneEvents(2000, 0, 100)).toBe(1);
    expect(await seqsOf([7, 9])).toEqual([3, 5]);
    await store.revokeDevices({ name: 'b' }, 'now');
    expect(await store.pruneEvents(2000, 0, 100)).toBe(1);
    expect(await seqsOf([7])).toEqual([5]);
  });

  it('prunes past events stamped while the clock ran a year ahead, keeps those until real time passes them, and prunes nothing while the clock is behind', async () => {
    const year = 365 * 86_400_000;
    const counter = await store.addDevice('counter', 'hc', [7], 'now');
    await store.appendEvent(event(1, 7, 100));
    await store.appendEvent(event(2, 7, 200 + year));
    await store.appendEvent(event(3, 7, 250 + year));
    await store.appendEvent(event(4, 7, 300));
    await store.appendEvent(event(5, 7, 1500));
    await store.saveCursors(new Map([[counter.id, 5]]), 'now');
    expect(await store.pruneEvents(1150 - year, 0, 100, 1150 - year + 60_000)).toBe(0);
    expect(await store.pruneEvents(1150, 0, 100, 1150 + 60_000)).toBe(2);
    expect(await seqsOf([7])).toEqual([2, 3, 5]);
    expect(await store.pruneEvents(300 + year, 0, 100, 300 + year + 60_000)).toBe(3);
  });

  it('prunes unacked events past the cursor expiry, after marking their devices once', async () => {
    const silent = await store.addDevice('silent', 'hs', [7], 'now');
    const other = await store.addDevice('other', 'ho', [9], 'now');
    for (let n = 1; n <= 3; n++) await store.appendEvent(event(n, 7, n * 1000));
    expect(await store.pruneEvents(10_000, 0, 100)).toBe(0);
    expect(await store.markExpiredCursors(2500)).toBe(1);
    expect(await store.markExpiredCursors(2500)).toBe(0);
    expect(await store.pruneEvents(10_000, 2500, 100)).toBe(2);
    expect(await seqsOf([7])).toEqual([3]);
    expect(await store.takeExpiredCursor(other.id)).toBe(false);
    expect(await store.takeExpiredCursor(silent.id)).toBe(true);
    expect(await store.takeExpiredCursor(silent.id)).toBe(false);
  });

  it('prunes an unacked event past the cursor expiry only once every event before it is: its device is told first', async () => {
    // Two nodes stamp by their own clocks: seq 2 can carry an earlier stamp than seq 1.
    const silent = await store.addDevice('silent', 'hs', [7], 'now');
    await store.appendEvent(event(1, 7, 3000));
    await store.appendEvent(event(2, 7, 2000));
    await store.appendEvent(event(3, 7, 4000));
    expect(await store.markExpiredCursors(2500)).toBe(0);
    expect(await store.pruneEvents(10_000, 2500, 100)).toBe(0);
    expect(await seqsOf([7])).toEqual([1, 2, 3]);
    expect(await store.markExpiredCursors(3500)).toBe(1);
    expect(await store.pruneEvents(10_000, 3500, 100)).toBe(2);
    expect(await seqsOf([7])).toEqual([3]);
    expect(await store.takeExpiredCursor(silent.id)).toBe(true);
  });

  it('adds, finds and lists devices; a name is taken until revoked; cursors only move forward', async () => {
    const a = await store.addDevice('counter', 'h1', [8, 7, 7], 'created');
    expect(a).toEqual({ id: a.id, name: 'counter', branchIds: [7, 8], revokedAt: null, lastSeenAt: null, cursor: 0 });
    await expect(store.addDevice('counter', 'h2', [7], 'now')).rejects.toThrow(DeviceNameTakenError);
    await store.saveCursors(new Map([[a.id, 5]]), 't1');
    await store.saveCursors(new Map([[a.id, 3]]), 't2');
    expect(await store.findDeviceByTokenHash('h1')).toMatchObject({ name: 'counter', cursor: 5, lastSeenAt: 't2' });
    expect(await store.findDeviceByTokenHash('nope')).toBeUndefined();
    const kitchen = await store.addDevice('kitchen', 'h3', [], 'created');
    expect((await store.listDevices()).map((d) => [d.name, d.branchIds])).toEqual([['counter', [7, 8]], ['kitchen', []]]);
    expect(await store.revokeDevices({ id: a.id }, 'revoked')).toBe(1);
    expect(await store.revokeDevices({ id: a.id }, 'again')).toBe(0);
    const again = await store.addDevice('counter', 'h2', [7], 'now');
    expect(again.id).not.toBe(a.id);
    expect((await store.listDevices()).map((d) => [d.id, d.revokedAt])).toEqual([[a.id, 'revoked'], [kitchen.id, null], [again.id, null]]);
  });

  it('orders revocations: revokedAfter reads from a cursor, lastRevocation is the newest', async () => {
    expect(await store.lastRevocation()).toBe(0);
    const a = await store.addDevice('a', 'ha', [7], 'now');
    const b = await store.addDevice('b', 'hb', [7], 'now');
    expect(await store.revokeDevices({ name: 'nobody' }, 'now')).toBe(0);
    expect(await store.lastRevocation()).toBe(0);
    expect(await store.revokeDevices({ name: 'b' }, 'now')).toBe(1);
    expect(await store.revokeDevices({ id: a.id }, 'now')).toBe(1);
    expect(await store.revokedAfter(0)).toEqual([{ id: b.id, revokedSeq: 1 }, { id: a.id, revokedSeq: 2 }]);
    expect(await store.revokedAfter(1)).toEqual([{ id: a.id, revokedSeq: 2 }]);
    expect(await store.revokedAfter(2)).toEqual([]);
    expect(await store.lastRevocation()).toBe(2);
  });

  it('touches last-seen times and counts each active device’s lag past its cursor', async () => {
    const a = await store.addDevice('a', 'ha', [7, 8], 'now');
    const b = await store.addDevice('b', 'hb', [8], 'now');
    await store.addDevice('gone', 'hg', [7], 'now');
    await store.revokeDevices({ name: 'gone' }, 'now');
    for (let n = 1; n <= 5; n++) await store.appendEvent(event(n, n <= 3 ? 7 : 8));
    await store.saveCursors(new Map([[a.id, 2]]), 'acked');
    expect(await store.deviceLags()).toEqual([{ name: 'a', lag: 3 }, { name: 'b', lag: 2 }]);
    await store.touchDevices(new Map([[a.id, 'seen-a'], [b.id, 'seen-b']]));
    await store.touchDevices(new Map());
    await store.saveCursors(new Map(), 'never');
    expect((await store.listDevices()).map((d) => [d.name, d.lastSeenAt, d.cursor])).toEqual([['a', 'seen-a', 2], ['b', 'seen-b', 0], ['gone', null, 0]]);
  });

  it('reports a size on disk', async () => {
    await store.appendEvent(event(1, 7));
    expect(await store.sizeBytes()).toBeGreaterThan(0);
  });
});
