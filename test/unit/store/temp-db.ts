import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type Db } from '../../../main/store/connection.js';
import { MIGRATIONS } from '../../../main/store/migrations.js';

/** A fresh bridge database in its own temp dir; `dispose` closes it and removes the dir. */
export function openTempDb(): { db: Db; dir: string; path: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-store-'));
  const path = join(dir, 'bridge.db');
  const db = openDatabase(path);
  return {
    db,
    dir,
    path,
    dispose: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database for each test of the calling suite, disposed after it: call the result inside a test. */
export function tempDbPerTest(): () => Db {
  let temp: ReturnType<typeof openTempDb> | undefined;
  beforeEach(() => {
    temp = openTempDb();
  });
  afterEach(() => temp?.dispose());
  return () => temp!.db;
}

/** A raw connection to the file at `path` with the first `version` migrations applied: a file as the build of that schema left it. */
export function migratedTo(path: string, version: number): Database.Database {
  const raw = new Database(path);
  for (let v = 1; v <= version; v++) {
    MIGRATIONS[v - 1]!(raw);
    raw.pragma(`user_version = ${v}`);
  }
  return raw;
}
