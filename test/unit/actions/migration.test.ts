import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertAction, nextPendingAction } from '../../../main/actions/action-store.js';
import { openDatabase, schemaVersion } from '../../../main/store/connection.js';
import { MIGRATIONS } from '../../../main/store/migrations.js';

// The order_actions migration (the last one): every earlier schema upgrades to it with its orders kept,
// and the new table enforces what the outbox relies on.

const ACTIONS_VERSION = MIGRATIONS.length;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'actions-migration-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fileAt(version: number): string {
  const path = join(dir, `v${version}.db`);
  const raw = new Database(path);
  for (let v = 1; v <= version; v++) {
    MIGRATIONS[v - 1]!(raw);
    raw.pragma(`user_version = ${v}`);
  }
  if (version >= 1) {
    raw.prepare(`INSERT INTO orders (id, short_id, status, updated_at, cart_hash, body, first_seen_at, last_event_at) VALUES (7, 'A7', 1, 't', 'h', '{}', 't', 't')`).run();
  }
  raw.close();
  return path;
}

describe('migration: order actions', () => {
  it.each(Array.from({ length: ACTIONS_VERSION }, (_, k) => k))('upgrades a file at version %i and keeps its orders', (k) => {
    const db = openDatabase(fileAt(k));
    try {
      expect(schemaVersion(db)).toBe(ACTIONS_VERSION);
      if (k >= 1) expect(db.prepare('SELECT short_id FROM orders WHERE id = 7').get()).toEqual({ short_id: 'A7' });
      else db.prepare(`INSERT INTO orders (id, short_id, status, updated_at, cart_hash, body, first_seen_at, last_event_at) VALUES (7, 'A7', 1, 't', 'h', '{}', 't', 't')`).run();
      const at = '2026-06-25T10:00:00.000Z';
      insertAction(db, { orderId: 7, action: 'accepted', reasonCode: null, idempotencyKey: 'k1', at });
      expect(nextPendingAction(db)).toMatchObject({ order_id: 7, action: 'accepted', state: 'pending', idempotency_key: 'k1', attempts: 0 });
      expect(() => insertAction(db, { orderId: 7, action: 'ready', reasonCode: null, idempotencyKey: 'k1', at })).toThrow(/UNIQUE/);
      expect(() => insertAction(db, { orderId: 8, action: 'ready', reasonCode: null, idempotencyKey: 'k2', at })).toThrow(/FOREIGN KEY/);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
