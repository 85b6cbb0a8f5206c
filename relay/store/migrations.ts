import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

/**
 * The relay's own schema, separate from the bridge's: entry N-1 takes a database from user_version
 * N-1 to N. Never edit a migration that has shipped; append a new one.
 */
export const RELAY_MIGRATIONS: ReadonlyArray<(db: Database.Database) => void> = [
  // 1: events, quarantine, devices.
  (db) => {
    db.exec(`
      -- AUTOINCREMENT so a seq is never reused after the newest events are pruned: bridges resume by seq.
      CREATE TABLE events (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id     TEXT NOT NULL UNIQUE,
        event_type   TEXT NOT NULL,
        brand_id     INTEGER NOT NULL,
        branch_id    INTEGER NOT NULL,
        received_at  TEXT NOT NULL,
        received_ms  INTEGER NOT NULL,
        body         BLOB NOT NULL,
        body_sha256  TEXT NOT NULL UNIQUE
      );
      CREATE INDEX events_branch_seq ON events (branch_id, seq);
      CREATE INDEX events_received ON events (received_ms);

      CREATE TABLE quarantine (
        id           INTEGER PRIMARY KEY,
        received_at  TEXT NOT NULL,
        event_id     TEXT NOT NULL,
        event_type   TEXT NOT NULL,
        reason       TEXT NOT NULL,
        body         BLOB NOT NULL
      );

      CREATE TABLE devices (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL,
        token_sha256  TEXT NOT NULL UNIQUE,
        created_at    TEXT NOT NULL,
        revoked_at    TEXT,
        last_seen_at  TEXT,
        cursor        INTEGER NOT NULL DEFAULT 0
      );
      -- A name may be reused once its previous holder is revoked.
      CREATE UNIQUE INDEX devices_active_name ON devices (name) WHERE revoked_at IS NULL;

      CREATE TABLE device_branches (
        device_id  INTEGER NOT NULL REFERENCES devices (id),
        branch_id  INTEGER NOT NULL,
        PRIMARY KEY (device_id, branch_id)
      );
      CREATE INDEX device_branches_branch ON device_branches (branch_id);
    `);
  },
  // 2: dedupe that cannot be tricked and costs one small write. A body's hash outlives its event (a
  // tombstone), so a captured body replayed under a new event id after its event was pruned is still a
  // duplicate; the event id is no longer unique: the same id with a different body is stored, so a
  // replay can never pre-empt the genuine event. The quarantine is deduped by body hash.
  (db) => {
    const sequence = (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get() as { seq: number } | undefined)?.seq;
    db.function('sha256_of', { deterministic: true }, (body: unknown) => createHash('sha256').update(body as Buffer).digest());
    db.exec(`
      CREATE TABLE body_tombstones (
        sha256   BLOB PRIMARY KEY,
        seen_ms  INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO body_tombstones (sha256, seen_ms) SELECT unhex(body_sha256), received_ms FROM events;
      CREATE INDEX body_tombstones_seen ON body_tombstones (seen_ms);

      CREATE TABLE events_v2 (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id     TEXT NOT NULL,
        event_type   TEXT NOT NULL,
        brand_id     INTEGER NOT NULL,
        branch_id    INTEGER NOT NULL,
        received_at  TEXT NOT NULL,
        received_ms  INTEGER NOT NULL,
        body         BLOB NOT NULL
      );
      INSERT INTO events_v2 SELECT seq, event_id, event_type, brand_id, branch_id, received_at, received_ms, body FROM events;
      DROP TABLE events;
      ALTER TABLE events_v2 RENAME TO events;
      CREATE INDEX events_branch_seq ON events (branch_id, seq);
      CREATE INDEX events_received ON events (received_ms);
      CREATE INDEX events_event_id ON events (event_id);

      CREATE TABLE quarantine_v2 (
        id           INTEGER PRIMARY KEY,
        received_at  TEXT NOT NULL,
        received_ms  INTEGER NOT NULL,
        event_id     TEXT NOT NULL,
        event_type   TEXT NOT NULL,
        reason       TEXT NOT NULL,
        body         BLOB NOT NULL,
        body_sha256  BLOB NOT NULL UNIQUE,
        hits         INTEGER NOT NULL DEFAULT 1
      );
      INSERT INTO quarantine_v2 (received_at, received_ms, event_id, event_type, reason, body, body_sha256)
        SELECT received_at, CAST(unixepoch(received_at, 'subsec') * 1000 AS INTEGER), event_id, event_type, reason, body, sha256_of(body)
          FROM quarantine WHERE true ORDER BY id
        ON CONFLICT (body_sha256) DO UPDATE SET hits = hits + 1;
      DROP TABLE quarantine;
      ALTER TABLE quarantine_v2 RENAME TO quarantine;
      CREATE INDEX quarantine_received ON quarantine (received_ms);
    `);
    // Dropping the table forgot its counter: seqs must never be reused, bridges resume by them.
    db.prepare("DELETE FROM sqlite_sequence WHERE name = 'events'").run();
    if (sequence !== undefined) db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('events', ?)").run(sequence);
  },
  // 3: revocations in order, so the serving relay finds new ones by cursor instead of asking about
  // every connected device each second.
  (db) => {
    db.exec(`
      ALTER TABLE devices ADD COLUMN revoked_seq INTEGER;
      UPDATE devices SET revoked_seq = id WHERE revoked_at IS NOT NULL;
      CREATE INDEX devices_revoked_seq ON devices (revoked_seq) WHERE revoked_seq IS NOT NULL;
    `);
  },
  // 4: a device whose cursor fell behind events pruned past the cursor expiry is told so once, at its
  // next hello, and catches up from klikit's API.
  (db) => {
    db.exec('ALTER TABLE devices ADD COLUMN cursor_expired INTEGER NOT NULL DEFAULT 0');
  },
  // 5: fewer pages written per webhook (each costs a WAL frame per group commit, then a checkpoint
  // write). A live event's body hash is a column of its row, unique, instead of a tombstone row plus
  // its time index written with every append; the pruner turns it into a tombstone as it deletes the
  // event. The receive-time index goes: pruning finds old events in seq order.
  (db) => {
    db.function('sha256_of', { deterministic: true }, (body: unknown) => createHash('sha256').update(body as Buffer).digest());
    db.exec(`
      ALTER TABLE events ADD COLUMN body_sha256 BLOB;
      UPDATE events SET body_sha256 = sha256_of(body);
      -- Only a relay run with a tombstone retention shorter than its event retention could hold one
      -- body twice: the newest copy keeps the hash, so the body dedupes while any copy is kept (copies
      -- are pruned oldest first), and through the newest copy's tombstone after.
      UPDATE events SET body_sha256 = NULL WHERE seq NOT IN (SELECT MAX(seq) FROM events GROUP BY body_sha256);
      CREATE UNIQUE INDEX events_body_sha256 ON events (body_sha256);
      DELETE FROM body_tombstones WHERE sha256 IN (SELECT body_sha256 FROM events WHERE body_sha256 IS NOT NULL);
      DROP INDEX events_received;
    `);
  },
  // 6: no index on the event id, written by every append for a metric alone (relay_event_ids_reused_total):
  // a reused id is looked for among the recent ids the event store keeps (RECENT_EVENT_IDS in events.ts).
  (db) => {
    db.exec('DROP INDEX events_event_id');
  },
  // 7: a live event is deduped by a key that starts with the second its body was last updated
  // (webhook/body-second.ts), then its hash: a random hash alone put each webhook's entry on a page of
  // its own, a WAL frame at every group commit and a random write at every checkpoint. The hashes of
  // events stored before become tombstones (found through their index, without reading a body), so their
  // repeats still dedupe; their column stays, read by nothing: dropping it would rewrite every row and
  // its body, minutes and gigabytes of WAL at the start of a large relay. Their tombstones count from the
  // migration at the earliest: a live event's hash never aged out before, and an event kept past its age
  // (pruning waits for the events before it) must not outlive the tombstone that now dedupes it.
  (db) => {
    db.exec(`
      INSERT INTO body_tombstones (sha256, seen_ms)
        SELECT body_sha256, MAX(received_ms, CAST(unixepoch('subsec') * 1000 AS INTEGER)) FROM events INDEXED BY events_body_sha256 WHERE body_sha256 IS NOT NULL
        ON CONFLICT (sha256) DO NOTHING;
      DROP INDEX events_body_sha256;
      ALTER TABLE events ADD COLUMN body_key BLOB;
      CREATE UNIQUE INDEX events_body_key ON events (body_key);
    `);
  },
];
