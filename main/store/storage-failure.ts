import Database from 'better-sqlite3';
import type { Db } from './connection.js';

/** SQLite codes caused by what a statement writes (a constraint, a value too big): the same input fails again. */
const INPUT_CAUSED = /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH|RANGE)/;

/**
 * True when an error says the storage could not do its job (busy, I/O error, disk full, read-only,
 * corrupt, connection closed) rather than that the data was wrong: retrying the same write later can succeed.
 */
export function isStorageFailure(db: Db, err: unknown): boolean {
  if (!db.open) return true;
  return err instanceof Database.SqliteError && !INPUT_CAUSED.test(err.code);
}
