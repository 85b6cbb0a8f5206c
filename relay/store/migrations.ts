import type Database from 'better-sqlite3';

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
];
