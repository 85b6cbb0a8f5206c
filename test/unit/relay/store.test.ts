import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openRelayDatabase, RELAY_DB_FILE, RELAY_PAGE_SIZE, RelayDatabaseTooNewError, relaySchemaVersion, type RelayDb } from '../../../relay/store/connection.js';
import { DeviceNameTakenError, DeviceStore } from '../../../relay/store/devices.js';
import { EventStore, RECENT_EVENT_IDS, type NewEvent } from '../../../relay/store/events.js';
import { GroupCommitter } from '../../../relay/store/group-commit.js';
import { RELAY_MIGRATIONS } from '../../../relay/store/migrations.js';
import { markExpiredCursors, pruneEvents, pruneQuarantine, pruneTombstones } from '../../../relay/store/prune.js';
import { QuarantineStore } from '../../../relay/store/quarantine.js';
import { tempDir } from '../../integration/relay/helpers.js';
import { relayEvent as event } from '../../helpers/relay-events.js';

const YEAR_MS = 365 * 86_400_000;

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

  it('opens in WAL with synchronous=FULL and a 2 MB page cache at the latest schema version', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    // 2 MB of pages, not better-sqlite3's 16 MB: each index split sweeps the whole cache at commit (relay/store/connection.ts).
    expect(db.pragma('cache_size', { simple: true })).toBe(-2000);
    expect(relaySchemaVersion(db)).toBe(RELAY_MIGRATIONS.length);
  });

  it('makes a new store with small pages and checkpoints after 4 MiB of WAL; an existing store keeps its pages', () => {
    expect(db.pragma('page_size', { simple: true })).toBe(RELAY_PAGE_SIZE);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe((1000 * 4096) / RELAY_PAGE_SIZE);
    db.close();
    const older = tempDir();
    try {
      const made = new Database(join(older.dir, RELAY_DB_FILE));
      made.pragma('journal_mode = WAL');
      made.exec('CREATE TABLE before_this_build (x)');
      made.close();
      const reopened = openRelayDatabase(older.dir);
      expect(reopened.pragma('page_size', { simple: true })).toBe(4096);
      expect(reopened.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(new EventStore(reopened).insert(event(1, 7))).toEqual({ kind: 'stored', seq: 1, idReused: false });
      reopened.close();
    } finally {
      older.remove();
    }
  });

  it('counts an event id as reused while its event is kept among the recent ids, and only once committed', () => {
    const events = new EventStore(db);
    events.insert(event(1, 7, 1000));
    // Read at the first append of another store on the same file, as after a restart.
    expect(new EventStore(db).insert({ ...event(2, 7), eventId: 'e1' })).toEqual({ kind: 'stored', seq: 2, idReused: true });
    // Rolled back: its seq is taken again by another id, and the rolled-back id was never stored.
    db.exec('BEGIN');
    events.insert({ ...event(3, 7), eventId: 'rolled-back' });
    db.exec('ROLLBACK');
    expect(events.insert(event(4, 7))).toEqual({ kind: 'stored', seq: 3, idReused: false });
    expect(events.insert({ ...event(5, 7), eventId: 'rolled-back' })).toEqual({ kind: 'stored', seq: 4, idReused: false });
    // A committed id sent again in a batch that rolls back: a third copy still finds the committed row.
    db.exec('BEGIN');
    expect(events.insert({ ...event(50, 7), eventId: 'rolled-back' })).toMatchObject({ idReused: true });
    db.exec('ROLLBACK');
    expect(events.insert({ ...event(51, 7), eventId: 'rolled-back' })).toMatchObject({ kind: 'stored', seq: 5, idReused: true });
    // Pruned (seq 1 and 2 hold e1): no longer stored, so not reused.
    db.prepare('DELETE FROM events WHERE seq IN (1, 2)').run();
    expect(events.insert({ ...event(6, 7), eventId: 'e1' })).toMatchObject({ idReused: false });
    // Beyond the window of recent ids, an id is no longer looked for.
    db.transaction(() => {
      for (let n = 0; n < RECENT_EVENT_IDS; n++) events.insert({ ...event(100 + n, 8), eventId: `filler-${n}` });
    })();
    expect(events.insert({ ...event(7, 7), eventId: 'e4' })).toMatchObject({ idReused: false });
    expect(events.insert({ ...event(8, 7), eventId: `filler-${RECENT_EVENT_IDS - 1}` })).toMatchObject({ idReused: true });
  });

  it('refuses a database written by a newer relay', () => {
    db.pragma(`user_version = ${RELAY_MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openRelayDatabase(data.dir)).toThrow(RelayDatabaseTooNewError);
  });

  it('numbers events monotonically, never reusing a seq after the newest is deleted, and dedupes by body', () => {
    const events = new EventStore(db);
    expect(events.insert(event(1, 7))).toEqual({ kind: 'stored', seq: 1, idReused: false });
    expect(events.insert(event(2, 7))).toEqual({ kind: 'stored', seq: 2, idReused: false });
    expect(events.insert({ ...event(3, 7), bodySha256: Buffer.from('sha-2') })).toEqual({ kind: 'duplicate' });
    expect(events.insert({ ...event(3, 7), eventId: 'e1' })).toEqual({ kind: 'stored', seq: 3, idReused: true });
    db.prepare('DELETE FROM events WHERE seq = 3').run();
    expect(events.insert(event(4, 7))).toEqual({ kind: 'stored', seq: 4, idReused: false });
    expect(events.maxSeq()).toBe(4);
  });

  it('keeps deduping a body after its event was pruned, until its tombstone is', () => {
    const events = new EventStore(db);
    events.insert(event(1, 7, 1000));
    expect(pruneEvents(db, 2000, 0, 10)).toBe(1);
    expect(events.insert({ ...event(1, 7, 3000), eventId: 'next' })).toEqual({ kind: 'duplicate' });
    expect(pruneTombstones(db, 2000, 10)).toBe(1);
    expect(events.insert({ ...event(1, 7, 3000), eventId: 'next' })).toMatchObject({ kind: 'stored' });
  });

  it('dedupes quarantine by body hash, prunes it by age and caps its rows', () => {
    const quarantine = new QuarantineStore(db);
    const entry = (n: number, receivedMs: number) => ({
      receivedAt: new Date(receivedMs).toISOString(), receivedMs, eventId: `q${n}`, eventType: 't', reason: 'r',
      body: Buffer.from(`{"q":${n}}`), bodySha256: Buffer.from(`q-${n}`),
    });
    for (let i = 0; i < 5; i++) quarantine.add(entry(1, 1000));
    for (let n = 2; n <= 6; n++) quarantine.add(entry(n, 1000 * n));
    expect(db.prepare('SELECT event_id, hits FROM quarantine ORDER BY id LIMIT 1').get()).toEqual({ event_id: 'q1', hits: 5 });
    expect(pruneQuarantine(db, 2500, 3, 100)).toBe(3);
    expect(db.prepare('SELECT event_id FROM quarantine ORDER BY id').all()).toEqual([{ event_id: 'q4' }, { event_id: 'q5' }, { event_id: 'q6' }]);
  });

  it('reads a branch’s events after a seq in order, in limited chunks', () => {
    const events = new EventStore(db);
    for (let n = 1; n <= 6; n++) events.insert(event(n, n % 2 === 0 ? 8 : 7));
    expect(events.readAfter([7], 0, 10).map((e) => e.seq)).toEqual([1, 3, 5]);
    expect(events.readAfter([7, 8], 2, 2).map((e) => e.seq)).toEqual([3, 4]);
    expect(events.readAfter([], 0, 10)).toEqual([]);
  });

  it('prunes only events past retention that every active device of the branch has acked', () => {
    const events = new EventStore(db);
    const devices = new DeviceStore(db);
    const a = devices.add('a', 'ha', [7], 'now');
    const b = devices.add('b', 'hb', [7], 'now');
    for (let n = 1; n <= 3; n++) events.insert(event(n, 7, 1000));
    events.insert(event(4, 9, 1000));
    events.insert(event(5, 7, 5000));
    devices.saveCursors(new Map([[a.id, 5], [b.id, 2]]), 'now');
    expect(pruneEvents(db, 2000, 0, 2)).toBe(2);
    expect(pruneEvents(db, 2000, 0, 100)).toBe(1);
    expect(events.readAfter([7, 9], 0, 10).map((e) => e.seq)).toEqual([3, 5]);
    devices.revoke({ name: 'b' }, 'now');
    expect(pruneEvents(db, 2000, 0, 100)).toBe(1);
    expect(events.readAfter([7], 0, 10).map((e) => e.seq)).toEqual([5]);
  });

  it('prunes in seq order up to the first young event: a clock set back delays pruning, never prunes a young event', () => {
    const events = new EventStore(db);
    events.insert(event(1, 7, 1000));
    events.insert(event(2, 7, 5000));
    events.insert(event(3, 7, 1000));
    expect(pruneEvents(db, 2000, 0, 100)).toBe(1);
    expect(events.readAfter([7], 0, 10).map((e) => e.seq)).toEqual([2, 3]);
    expect(pruneEvents(db, 6000, 0, 100)).toBe(2);
    expect(events.insert({ ...event(3, 7, 7000), eventId: 'again' })).toEqual({ kind: 'duplicate' });
  });

  it('prunes past events stamped while the clock ran a year ahead, keeps those until real time passes them, and prunes nothing while the clock is behind', () => {
    const events = new EventStore(db);
    const devices = new DeviceStore(db);
    const counter = devices.add('counter', 'hc', [7], 'now');
    events.insert(event(1, 7, 100));
    events.insert(event(2, 7, 200 + YEAR_MS));
    events.insert(event(3, 7, 250 + YEAR_MS));
    // The clock was set right.
    events.insert(event(4, 7, 300));
    events.insert(event(5, 7, 1500));
    devices.saveCursors(new Map([[counter.id, 5]]), 'now');
    // A clock a year behind (a dead RTC battery at boot): every event looks stamped ahead, none is pruned.
    expect(pruneEvents(db, 1150 - YEAR_MS, 0, 100, 1150 - YEAR_MS + 60_000)).toBe(0);
    // Before the bound skipped them, the first event stamped ahead held back 4 for a year.
    expect(pruneEvents(db, 1150, 0, 100, 1150 + 60_000)).toBe(2);
    expect(events.readAfter([7], 0, 10).map((e) => e.seq)).toEqual([2, 3, 5]);
    expect(pruneEvents(db, 300 + YEAR_MS, 0, 100, 300 + YEAR_MS + 60_000)).toBe(3);
  });

  it('keeps an unacked event past the cursor expiry when an unacked event before it was stamped ahead: its device was not told yet', () => {
    const events = new EventStore(db);
    const devices = new DeviceStore(db);
    devices.add('silent', 'hs', [7], 'now');
    events.insert(event(1, 7, 100));
    events.insert(event(2, 7, 200 + YEAR_MS));
    events.insert(event(3, 7, 300));
    expect(markExpiredCursors(db, 1150)).toBe(1);
    expect(pruneEvents(db, 1150, 1150, 100, 1150 + 60_000)).toBe(1);
    expect(events.readAfter([7], 0, 10).map((e) => e.seq)).toEqual([2, 3]);
  });

  it('moves a pruned event\'s body hash to the tombstones as it deletes the event, in one transaction', () => {
    const events = new EventStore(db);
    events.insert(event(1, 7, 1000));
    events.insert(event(2, 7, 1000));
    const tombstones = () => db.prepare('SELECT sha256, seen_ms FROM body_tombstones ORDER BY seen_ms').all();
    expect(tombstones()).toEqual([]);
    expect(pruneEvents(db, 2000, 0, 1)).toBe(1);
    expect(tombstones()).toEqual([{ sha256: Buffer.from('sha-1'), seen_ms: 1000 }]);
    expect(db.prepare('SELECT seq FROM events').pluck().all()).toEqual([2]);
  });

  it('prunes unacked events past the cursor expiry, after marking their devices once', () => {
    const events = new EventStore(db);
    const devices = new DeviceStore(db);
    const silent = devices.add('silent', 'hs', [7], 'now');
    const other = devices.add('other', 'ho', [9], 'now');
    for (let n = 1; n <= 3; n++) events.insert(event(n, 7, n * 1000));
    expect(pruneEvents(db, 10_000, 0, 100)).toBe(0);
    expect(markExpiredCursors(db, 2500)).toBe(1);
    expect(markExpiredCursors(db, 2500)).toBe(0);
    expect(pruneEvents(db, 10_000, 2500, 100)).toBe(2);
    expect(events.readAfter([7], 0, 10).map((e) => e.seq)).toEqual([3]);
    expect(devices.takeExpiredCursor(other.id)).toBe(false);
    expect(devices.takeExpiredCursor(silent.id)).toBe(true);
    expect(devices.takeExpiredCursor(silent.id)).toBe(false);
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
    const before = devices.lastRevocation();
    expect(devices.revoke({ id: a.id }, 'now')).toBe(1);
    expect(devices.revokedAfter(before)).toEqual([{ id: a.id, revokedSeq: before + 1 }]);
    expect(devices.revokedAfter(before + 1)).toEqual([]);
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
      { kind: 'stored', seq: 1, idReused: false },
      { kind: 'stored', seq: 2, idReused: false },
      { kind: 'duplicate' },
    ]);
    expect(events.readAfter([7], 0, 10).map((e) => e.event_id)).toEqual(['e1', 'e2']);
  });

  it('fails the whole batch when a write lost its transaction, committing none of the writes after it', async () => {
    const events = new EventStore(db);
    const committer = new GroupCommitter(db);
    const insert = (e: NewEvent) => committer.run(() => events.insert(e));
    // As SQLite does on a full disk: the error rolls back the whole transaction, not just the statement.
    const rollback = db.prepare('ROLLBACK');
    const outcomes = await Promise.allSettled([
      insert(event(1, 7)),
      committer.run(() => {
        rollback.run();
        throw new Error('database or disk is full');
      }),
      insert(event(2, 7)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(events.readAfter([7], 0, 10)).toEqual([]);
    expect(db.inTransaction).toBe(false);
  });
});
