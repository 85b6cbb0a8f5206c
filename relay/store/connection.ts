import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RELAY_MIGRATIONS } from './migrations.js';

export type RelayDb = Database.Database;

export const RELAY_DB_FILE = 'relay.sqlite';

export class RelayDatabaseTooNewError extends Error {
  constructor(path: string, found: number, known: number) {
    super(`${path} is at relay schema version ${found}, but this build only knows up to ${known}: run a newer relay.`);
    this.name = 'RelayDatabaseTooNewError';
  }
}

/**
 * The one owner of the relay's SQLite connection. WAL with synchronous=FULL because klikit is
 * answered 200 on the strength of the commit, and WAL's default (NORMAL) can lose the last commit
 * on power loss.
 */
export function openRelayDatabase(dataDir: string): RelayDb {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, RELAY_DB_FILE);
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrateRelay(db, path);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function relaySchemaVersion(db: RelayDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrateRelay(db: RelayDb, path = db.name): void {
  const current = relaySchemaVersion(db);
  if (current > RELAY_MIGRATIONS.length) throw new RelayDatabaseTooNewError(path, current, RELAY_MIGRATIONS.length);
  for (let version = current + 1; version <= RELAY_MIGRATIONS.length; version++) {
    const step = RELAY_MIGRATIONS[version - 1]!;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${version}`);
    })();
  }
}

/** The database size in bytes (pages × page size), for /metrics. */
export function relayStoreBytes(db: RelayDb): number {
  const pageCount = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return pageCount * pageSize;
}
