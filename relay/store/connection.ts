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
 * Pages of a new relay store. A webhook dirties a page of each index (its random body hash among them)
 * and the table's last page; every dirty page is a WAL frame at each group commit, then a write at the
 * checkpoint. Half SQLite's 4096 halves those bytes; a body spans one more overflow page. An existing
 * store keeps the page size it was made with (only a VACUUM outside WAL mode changes it).
 */
export const RELAY_PAGE_SIZE = 2048;
/**
 * The page cache, in KiB (SQLite's own default; better-sqlite3 builds with 16,000). When a webhook's
 * random body hash splits an index page, SQLite renumbers the new pages through a page past the pending
 * byte, and at commit sweeps every slot of the cache's hash table for it: a sweep of 8,000 slots per
 * group commit at 16 MB, a tenth of the relay's CPU per webhook once the cache is full. Reads past the
 * cache come from the operating system's.
 */
const PAGE_CACHE_KIB = 2000;
/** WAL pages before an automatic checkpoint: SQLite's default of 1000 × 4096 bytes, kept in bytes. */
const WAL_AUTOCHECKPOINT_BYTES = 1000 * 4096;

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
    // Only a file without pages takes it; set before WAL mode, which fixes the page size.
    db.pragma(`page_size = ${RELAY_PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_BYTES / (db.pragma('page_size', { simple: true }) as number)}`);
    db.pragma('synchronous = FULL');
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
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
