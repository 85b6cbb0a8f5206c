import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRelayDatabase, RelayDatabaseTooNewError, relaySchemaVersion, type RelayDb } from '../../../relay/store/connection.js';
import { DeviceNameTakenError, DeviceStore } from '../../../relay/store/devices.js';
import { EventStore, type NewEvent } from '../../../relay/store/events.js';
import { GroupCommitter } from '../../../relay/store/group-commit.js';
import { RELAY_MIGRATIONS } from '../../../relay/store/migrations.js';
import { tempDir } from '../../integration/relay/helpers.js';

const event = (n: number, branchId: number, receivedMs = 1000): NewEvent => ({
  eventId: `e${n}`,
  eventType: 'klikit.order.created.v2',
  brandId: 1,
  branchId,
  receivedAt: new Date(receivedMs).toISOString(),
  receivedMs,
  body: Buffer.from(`{"n":${n}}`),
  bodySha256: `sha-${n}`,
});

describe('relay store', () => {
  let data: ReturnType<typeof tempDir>;
  let db: RelayDb;
  beforeEach(() => {
    data = tempDir();
    db = openRelayDatabase(data.dir);
  });
  afterEach(() => {
    if (db.open) db.close();
    data.remove();
  });

  it('opens in WAL with synchronous=FULL at the latest schema version', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(relaySchemaVersion(db)).toBe(RELAY_MIGRATIONS.length);
  });

  it('refuses a database written by a newer relay', () => {
    db.pragma(`user_version = ${RELAY_MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openRelayDatabase(data.dir)).toThrow(RelayDatabaseTooNewError);
  });

  it('numbers events monotonically, never reusing a seq after the newest is deleted, and dedupes', () => {
    const events = new EventStore(db);
    expect(events.insert(event(1, 7))).toEqual({ kind: 'stored', seq: 1 });
    expect(events.insert(event(2, 7))).toEqual({ kind: 'stored', seq: 2 });
    expect(events.insert({ ...event(3, 7), eventId: 'e1' })).toEqual({ kind: 'duplicate', by: 'event_id' });
    expect(events.insert({ ...event(3, 7), bodySha256: 'sha-2' })).toEqual({ kind: 'duplicate', by: 'body_sha256' });
    db.prepare('DELETE FROM events WHERE seq = 2').run();
    expect(events.insert(event(4, 7))).toEqual({ kind: 'stored', seq: 3 });
    expect(events.maxSeq()).toBe(3);
  });

  it('reads a branch’s events after a seq in order, in limited chunks', () => {
    const events = new EventStore(db);
    for (let n = 1; n <= 6; n++) events.insert(event(n, n % 2 === 0 ? 8 : 7));
    expect(events.readAfter([7], 0, 10).map((e) => e.seq)).toEqual([1, 3, 5]);
    expect(events.readAfter([7, 8], 2, 2).map((e) => e.seq)).toEqual([3, 4]);
    expect(events.readAfter([], 0, 10)).toEqual([]);
    expect(events.countAfter([8], 2)).toBe(2);
  });

  it('prunes only events past retention that every active device of the branch has acked', () => {
    const events = new EventStore(db);
    const devices = new DeviceStore(db);
    const a = devices.add('a', 'ha', [7], 'now');
    const b = devices.add('b', 'hb', [7], 'now');
    for (let n = 1; n <= 4; n++) events.insert(event(n, 7, n < 4 ? 1000 : 5000));
    events.insert(event(5, 9, 1000));
    devices.saveCursors(new Map([[a.id, 4], [b.id, 2]]), 'now');
    expect(events.prune(2000)).toBe(3);
    expect(events.readAfter([7, 9], 0, 10).map((e) => e.seq)).toEqual([3, 4]);
    devices.revoke({ name: 'b' }, 'now');
    expect(events.prune(2000)).toBe(1);
    expect(events.readAfter([7], 0, 10).map((e) => e.seq)).toEqual([4]);
  });

  it('keeps device cursors moving forward only and lets a revoked name be reused', () => {
    const devices = new DeviceStore(db);
    const a = devices.add('counter', 'h1', [7, 7, 8], 'now');
    expect(a.branchIds).toEqual([7, 8]);
    expect(() => devices.add('counter', 'h2', [7], 'now')).toThrow(DeviceNameTakenError);
    devices.saveCursors(new Map([[a.id, 5]]), 't1');
    devices.saveCursors(new Map([[a.id, 3]]), 't2');
    expect(devices.get(a.id)).toMatchObject({ cursor: 5, lastSeenAt: 't2' });
    expect(devices.findByTokenHash('h1')?.name).toBe('counter');
    expect(devices.revoke({ id: a.id }, 'now')).toBe(1);
    expect(devices.revokedAmong([a.id])).toEqual([a.id]);
    expect(devices.add('counter', 'h2', [7], 'now').name).toBe('counter');
  });

  it('commits a burst of writes in one transaction, each resolved with its own outcome and a failing one undone alone', async () => {
    const events = new EventStore(db);
    const committer = new GroupCommitter(db);
    const insert = (e: NewEvent) => committer.run(() => events.insert(e));
    const failing = committer.run(() => {
      events.insert(event(9, 7));
      throw new Error('write failed');
    });
    const outcomes = await Promise.all([insert(event(1, 7)), insert(event(2, 7)), insert(event(1, 7))]);
    await expect(failing).rejects.toThrow('write failed');
    expect(outcomes).toEqual([
      { kind: 'stored', seq: 1 },
      { kind: 'stored', seq: 2 },
      { kind: 'duplicate', by: 'event_id' },
    ]);
    expect(events.readAfter([7], 0, 10).map((e) => e.event_id)).toEqual(['e1', 'e2']);
  });
});
