import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export type OpenOptions = {
  /** Path to a better_sqlite3.node built for another runtime (Electron's ABI); see README. */
  nativeBinding?: string | undefined;
  busyTimeoutMs?: number;
};

export class DatabaseTooNewError extends Error {
  constructor(path: string, found: number, known: number) {
    super(
      `${path} is at schema version ${found}, but this build only knows up to ${known}. ` +
        'It was written by a newer kitchen bridge: install that version (or newer) instead of downgrading.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/**
 * The one owner of the bridge's SQLite connection. Durability settings are set here and nowhere
 * else: WAL with synchronous=FULL, because better-sqlite3's WAL default (NORMAL) can lose the last
 * commit on power loss, and the relay is acked on the strength of that commit.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // Only a file without tables can take it: a new file gives pruned pages back (store/retention.ts).
    if (schemaVersion(db) === 0) db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    migrate(db, path);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration after the file's `user_version`, each in its own transaction. */
export function migrate(db: Db, path = db.name): void {
  const current = schemaVersion(db);
  if (current > MIGRATIONS.length) throw new DatabaseTooNewError(path, current, MIGRATIONS.length);
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    const step = MIGRATIONS[version - 1]!;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${version}`);
    })();
  }
}
