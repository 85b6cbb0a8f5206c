import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, openDatabase, schemaVersion, type Db } from '../../../main/store/connection.js';
import { MIGRATIONS } from '../../../main/store/migrations.js';

const TABLES = ['events', 'kv', 'order_changes', 'orders', 'print_jobs', 'quarantine'];

let dir: string;
const opened: Db[] = [];
const dbPath = () => join(dir, 'bridge.db');
const open = (): Db => {
  const db = openDatabase(dbPath());
  opened.push(db);
  return db;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bridge-migrations-'));
});
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A file at schema version k, built with the first k migrations only. */
function buildAtVersion(k: number): void {
  const raw = new Database(dbPath());
  for (let v = 1; v <= k; v++) {
    MIGRATIONS[v - 1]!(raw);
    raw.pragma(`user_version = ${v}`);
  }
  raw.close();
}

function tables(db: Db): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map(
    (r) => r.name,
  );
}

describe('migrations', () => {
  it('creates the whole schema in an empty file', () => {
    const db = open();
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual(expect.arrayContaining(TABLES));
  });

  it.each(Array.from({ length: MIGRATIONS.length }, (_, k) => k))('upgrades a file at version %i', (k) => {
    buildAtVersion(k);
    const db = open();
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual(expect.arrayContaining(TABLES));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('reopening a current file changes nothing', () => {
    const db = open();
    db.prepare(`INSERT INTO kv (key, value) VALUES ('k', 'v')`).run();
    db.close();
    const again = open();
    expect(schemaVersion(again)).toBe(MIGRATIONS.length);
    expect(again.prepare(`SELECT value FROM kv WHERE key = 'k'`).get()).toEqual({ value: 'v' });
  });

  it('refuses a file written by a newer build', () => {
    const raw = new Database(dbPath());
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => open()).toThrow(DatabaseTooNewError);
    const check = new Database(dbPath());
    expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1);
    check.close();
  });

  it('opens with WAL, synchronous=FULL and foreign keys on', () => {
    const db = open();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
