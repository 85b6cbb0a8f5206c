import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../main/store/connection.js';
import { MIGRATIONS } from '../../../main/store/migrations.js';
import { createCredentialStore, sha256 } from '../../../main/screens/credentials.js';

// Migration 9 (LAN screens): every earlier schema upgrades to it, the tables refuse a station screen
// without a station (and a station on another kind), and only hashes of credentials and codes are kept.

/** The version that added the screens tables. */
const SCREENS_VERSION = 12;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'screens-migration-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fileAt(version: number): string {
  const path = join(dir, `v${version}.db`);
  const raw = new Database(path);
  for (let v = 1; v <= version; v++) {
    MIGRATIONS[v - 1]!(raw);
    raw.pragma(`user_version = ${v}`);
  }
  raw.close();
  return path;
}

describe('migration: screens', () => {
  it.each(Array.from({ length: SCREENS_VERSION }, (_, k) => k))('upgrades a file at version %i', (k) => {
    const db = openDatabase(fileAt(k));
    try {
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
      expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name IN ('screens', 'screen_pairings')`).get()).toEqual({ n: 2 });
    } finally {
      db.close();
    }
  });

  it('refuses a station screen without its station, and a station on another kind', () => {
    const db = openDatabase(fileAt(SCREENS_VERSION));
    try {
      const insert = db.prepare(`INSERT INTO screens (credential_hash, kind, station, paired_at) VALUES (?, ?, ?, 't')`);
      expect(() => insert.run('a', 'station', null)).toThrow(/CHECK/);
      expect(() => insert.run('b', 'expo', 'bar')).toThrow(/CHECK/);
      expect(() => insert.run('c', 'kiosk', null)).toThrow(/CHECK/);
      insert.run('d', 'station', 'bar');
      expect(() => insert.run('d', 'expo', null)).toThrow(/UNIQUE/);
    } finally {
      db.close();
    }
  });

  it('keeps only the hashes of pairing codes and credentials', () => {
    const db = openDatabase(fileAt(SCREENS_VERSION));
    try {
      const store = createCredentialStore(db, { now: () => Date.parse('2026-12-07T09:00:00Z') });
      const { code } = store.createPairing({ kind: 'pickup' });
      const paired = store.redeem(code, '10.0.0.7');
      if (!paired.ok) throw new Error(paired.reason);
      const dump = JSON.stringify([db.prepare('SELECT * FROM screens').all(), db.prepare('SELECT * FROM screen_pairings').all()]);
      expect(dump).not.toContain(paired.credential);
      expect(dump).toContain(sha256(paired.credential));
      expect(store.screenFor(paired.credential)).toMatchObject({ kind: 'pickup', address: '10.0.0.7' });
    } finally {
      db.close();
    }
  });
});
