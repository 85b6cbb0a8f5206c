import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type Db } from '../../../main/store/connection.js';

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
