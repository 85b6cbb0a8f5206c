import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateRelay, relaySchemaVersion } from '../../../relay/store/connection.js';
import { DeviceStore } from '../../../relay/store/devices.js';
import { EventStore } from '../../../relay/store/events.js';
import { RELAY_MIGRATIONS } from '../../../relay/store/migrations.js';
import { tempDir } from '../../integration/relay/helpers.js';

const sha = (text: string) => createHash('sha256').update(text).digest();

/** A database as a relay at `version` left it: each earlier migration applied in order. */
function databaseAt(path: string, version: number): Database.Database {
  const db = new Database(path);
  for (let v = 1; v <= version; v++) {
    RELAY_MIGRATIONS[v - 1]!(db);
    db.pragma(`user_version = ${v}`);
  }
  return db;
}

/** Applies the migrations after the database's version up to `version`, as a relay of that version would. */
function upgrade(db: Database.Database, version: number): void {
  for (let v = relaySchemaVersion(db) + 1; v <= version; v++) {
    RELAY_MIGRATIONS[v - 1]!(db);
    db.pragma(`user_version = ${v}`);
  }
}

describe('relay migrations', () => {
  let data: ReturnType<typeof tempDir>;
  beforeEach(() => {
    data = tempDir();
  });
  afterEach(() => data.remove());

  for (let from = 0; from < RELAY_MIGRATIONS.length; from++) {
    it(`upgrades an empty database from version ${from}`, () => {
      const db = databaseAt(join(data.dir, 'r.sqlite'), from);
      migrateRelay(db);
      expect(relaySchemaVersion(db)).toBe(RELAY_MIGRATIONS.length);
      expect(new EventStore(db).insert({
        eventId: 'e', eventType: 't', brandId: 1, branchId: 7, receivedAt: 'now', receivedMs: 1, body: Buffer.from('{}'), bodySha256: sha('{}'), bodySecond: 0,
      })).toEqual({ kind: 'stored', seq: 1, idReused: false });
      db.close();
    });
  }

  it('2 keeps events, their seq counter and their body hashes as tombstones, and collapses duplicate quarantine rows', () => {
    const db = databaseAt(join(data.dir, 'r.sqlite'), 1);
    const insert = db.prepare(
      `INSERT INTO events (event_id, event_type, brand_id, branch_id, received_at, received_ms, body, body_sha256)
       VALUES (?, 't', 1, 7, 'at', ?, ?, ?)`,
    );
    for (const n of [1, 2, 3]) insert.run(`e${n}`, n * 1000, Buffer.from(`{"n":${n}}`), sha(`{"n":${n}}`).toString('hex'));
    db.prepare('DELETE FROM events WHERE seq = 3').run();
    const quarantine = db.prepare(`INSERT INTO quarantine (received_at, event_id, event_type, reason, body) VALUES ('2026-06-24T12:00:00.500Z', ?, 'x', 'r', ?)`);
    quarantine.run('q1', Buffer.from('same'));
    quarantine.run('q2', Buffer.from('same'));
    quarantine.run('q3', Buffer.from('other'));

    migrateRelay(db);
    const events = new EventStore(db);
    expect(events.readAfter([7], 0, 10).map((e) => [e.seq, e.event_id])).toEqual([[1, 'e1'], [2, 'e2']]);
    expect(events.maxSeq()).toBe(3);
    expect(events.insert({
      eventId: 'replayed', eventType: 't', brandId: 1, branchId: 7, receivedAt: 'now', receivedMs: 9, body: Buffer.from('{"n":1}'), bodySha256: sha('{"n":1}'), bodySecond: 0,
    })).toEqual({ kind: 'duplicate' });
    // Since 7 the hash of every event stored before it is a tombstone again.
    expect(db.prepare('SELECT COUNT(*) FROM body_tombstones').pluck().get()).toBe(2);
    expect(db.prepare('SELECT event_id, hits, received_ms FROM quarantine ORDER BY id').all()).toEqual([
      { event_id: 'q1', hits: 2, received_ms: Date.parse('2026-06-24T12:00:00.500Z') },
      { event_id: 'q3', hits: 1, received_ms: Date.parse('2026-06-24T12:00:00.500Z') },
    ]);
    expect(events.insert({
      eventId: 'e9', eventType: 't', brandId: 1, branchId: 7, receivedAt: 'now', receivedMs: 9, body: Buffer.from('{"n":9}'), bodySha256: sha('{"n":9}'), bodySecond: 0,
    })).toMatchObject({ kind: 'stored', seq: 4 });
    db.close();
  });

  it('3 gives revocations made before it a place in the revocation order', () => {
    const db = databaseAt(join(data.dir, 'r.sqlite'), 2);
    const add = db.prepare("INSERT INTO devices (name, token_sha256, created_at, revoked_at) VALUES (?, ?, 'now', ?)");
    add.run('kept', 'h1', null);
    add.run('gone', 'h2', 'yesterday');
    migrateRelay(db);
    const devices = new DeviceStore(db);
    expect(devices.revokedAfter(0)).toEqual([{ id: 2, revokedSeq: 2 }]);
    devices.revoke({ name: 'kept' }, 'now');
    expect(devices.revokedAfter(2)).toEqual([{ id: 1, revokedSeq: 3 }]);
    db.close();
  });

  it('5 gives live events their body hash, keeps tombstones only for pruned bodies, and drops the receive-time index', () => {
    const db = databaseAt(join(data.dir, 'r.sqlite'), 4);
    const insert = db.prepare(`INSERT INTO events (event_id, event_type, brand_id, branch_id, received_at, received_ms, body) VALUES (?, 't', 1, 7, 'at', 1, ?)`);
    const tombstone = db.prepare('INSERT INTO body_tombstones (sha256, seen_ms) VALUES (?, 1)');
    for (const n of [1, 2]) {
      insert.run(`e${n}`, Buffer.from(`{"n":${n}}`));
      tombstone.run(sha(`{"n":${n}}`));
    }
    // A body stored twice (its tombstone pruned before its event, under a short tombstone retention).
    insert.run('e1-again', Buffer.from('{"n":1}'));
    tombstone.run(sha('{"n":3}'));

    upgrade(db, 5);
    expect(db.prepare('SELECT event_id, body_sha256 FROM events ORDER BY seq').all()).toEqual([
      { event_id: 'e1', body_sha256: null },
      { event_id: 'e2', body_sha256: sha('{"n":2}') },
      { event_id: 'e1-again', body_sha256: sha('{"n":1}') },
    ]);
    expect(db.prepare('SELECT sha256 FROM body_tombstones').pluck().all()).toEqual([sha('{"n":3}')]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name").pluck().all()).toEqual([
      'events_body_sha256', 'events_branch_seq', 'events_event_id',
    ]);
    migrateRelay(db);
    const events = new EventStore(db);
    for (const n of [1, 2, 3]) {
      expect(events.insert({
        eventId: `replayed-${n}`, eventType: 't', brandId: 1, branchId: 7, receivedAt: 'now', receivedMs: 9, body: Buffer.from(`{"n":${n}}`), bodySha256: sha(`{"n":${n}}`), bodySecond: 0,
      })).toEqual({ kind: 'duplicate' });
    }
    expect(events.insert({
      eventId: 'e4', eventType: 't', brandId: 1, branchId: 7, receivedAt: 'now', receivedMs: 9, body: Buffer.from('{"n":4}'), bodySha256: sha('{"n":4}'), bodySecond: 0,
    })).toEqual({ kind: 'stored', seq: 4, idReused: false });
    db.close();
  });

  it('6 drops the event id index, and an id stored before it still counts as reused', () => {
    const db = databaseAt(join(data.dir, 'r.sqlite'), 5);
    db.prepare(`INSERT INTO events (event_id, event_type, brand_id, branch_id, received_at, received_ms, body, body_sha256) VALUES ('e1', 't', 1, 7, 'at', 1, ?, ?)`)
      .run(Buffer.from('{"n":1}'), sha('{"n":1}'));
    upgrade(db, 6);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name").pluck().all()).toEqual([
      'events_body_sha256', 'events_branch_seq',
    ]);
    migrateRelay(db);
    const events = new EventStore(db);
    const event = (eventId: string, n: number) => ({
      eventId, eventType: 't', brandId: 1, branchId: 7, receivedAt: 'now', receivedMs: 9, body: Buffer.from(`{"n":${n}}`), bodySha256: sha(`{"n":${n}}`), bodySecond: 0,
    });
    expect(events.insert(event('e1', 2))).toEqual({ kind: 'stored', seq: 2, idReused: true });
    expect(events.insert(event('e3', 3))).toEqual({ kind: 'stored', seq: 3, idReused: false });
    expect(events.insert(event('e3', 4))).toEqual({ kind: 'stored', seq: 4, idReused: true });
    db.close();
  });

  it('7 makes the hashes of events stored before it tombstones, and dedupes new events by second and hash', () => {
    const db = databaseAt(join(data.dir, 'r.sqlite'), 6);
    const insert = db.prepare(`INSERT INTO events (event_id, event_type, brand_id, branch_id, received_at, received_ms, body, body_sha256) VALUES (?, 't', 1, 7, 'at', ?, ?, ?)`);
    insert.run('e1', 1000, Buffer.from('{"n":1}'), sha('{"n":1}'));
    insert.run('e2', 2000, Buffer.from('{"n":2}'), sha('{"n":2}'));
    // An older copy of a body stored twice (migration 5) holds no hash.
    insert.run('e2-older', 1500, Buffer.from('{"n":2}'), null);
    db.prepare('INSERT INTO body_tombstones (sha256, seen_ms) VALUES (?, 500)').run(sha('{"n":0}'));

    const before = Date.now();
    migrateRelay(db);
    // The live events' tombstones count from the migration, not from their events' arrival long ago.
    const seen = new Map((db.prepare('SELECT sha256, seen_ms FROM body_tombstones').all() as Array<{ sha256: Buffer; seen_ms: number }>).map((t) => [t.sha256.toString('hex'), t.seen_ms]));
    expect(seen.size).toBe(3);
    expect(seen.get(sha('{"n":0}').toString('hex'))).toBe(500);
    for (const n of [1, 2]) expect(seen.get(sha(`{"n":${n}}`).toString('hex'))).toBeGreaterThanOrEqual(before);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name").pluck().all()).toEqual([
      'events_body_key', 'events_branch_seq',
    ]);
    const events = new EventStore(db);
    const event = (eventId: string, n: number, bodySecond: number) => ({
      eventId, eventType: 't', brandId: 1, branchId: 7, receivedAt: 'now', receivedMs: 9, body: Buffer.from(`{"n":${n}}`), bodySha256: sha(`{"n":${n}}`), bodySecond,
    });
    // Bodies stored before dedupe through their tombstones, whatever second they are read at now.
    for (const n of [0, 1, 2]) expect(events.insert(event(`replayed-${n}`, n, 1_776_000_000))).toEqual({ kind: 'duplicate' });
    expect(events.insert(event('e3', 3, 1_776_000_000))).toEqual({ kind: 'stored', seq: 4, idReused: false });
    expect(db.prepare('SELECT hex(body_key) FROM events WHERE seq = 4').pluck().get()).toBe(`69DB9C00${sha('{"n":3}').toString('hex').toUpperCase()}`);
    expect(events.insert(event('e3-again', 3, 1_776_000_000))).toEqual({ kind: 'duplicate' });
    db.close();
  });
});
