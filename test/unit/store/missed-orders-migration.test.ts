import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertAction } from '../../../main/actions/action-store.js';
import { openDatabase, schemaVersion } from '../../../main/store/connection.js';
import { MIGRATIONS } from '../../../main/store/migrations.js';
import { missedSince, MISSED_ORDERS_VERSION, recordMissed } from '../../../main/store/missed-orders.js';
import { packOrderBody } from '../../../main/store/order-body.js';

// The missed_orders migration: every earlier schema upgrades with its orders kept, and the table
// counts an order once and never one staff rejected.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'missed-migration-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

type Writable = { prepare(sql: string): { run(...args: unknown[]): unknown } };
/** An order as a file before PACKED_BODY_VERSION stores it. */
const insertOrder = (db: Writable, id: number): void => {
  db.prepare(`INSERT INTO orders (id, short_id, status, updated_at, cart_hash, body, first_seen_at, last_event_at) VALUES (?, 'A', 1, 't', 'h', '{}', 't', 't')`).run(id);
};
/** An order as the current schema stores it. */
const insertCurrentOrder = (db: Writable, id: number): void => {
  db.prepare(`INSERT INTO orders (id, short_id, status, updated_at, cart_hash, packed_body, first_seen_at, last_event_at) VALUES (?, 'A', 1, 't', 'h', ?, 't', 't')`).run(id, packOrderBody('{}'));
};

function fileAt(version: number): string {
  const path = join(dir, `v${version}.db`);
  const raw = new Database(path);
  for (let v = 1; v <= version; v++) {
    MIGRATIONS[v - 1]!(raw);
    raw.pragma(`user_version = ${v}`);
  }
  if (version >= 1) insertOrder(raw, 7);
  raw.close();
  return path;
}

describe('migration: missed orders', () => {
  it('is the migration that creates missed_orders', () => {
    const raw = new Database(':memory:');
    for (let v = 1; v < MISSED_ORDERS_VERSION; v++) MIGRATIONS[v - 1]!(raw);
    expect(raw.prepare(`SELECT name FROM sqlite_master WHERE name = 'missed_orders'`).get()).toBeUndefined();
    MIGRATIONS[MISSED_ORDERS_VERSION - 1]!(raw);
    expect(raw.prepare(`SELECT name FROM sqlite_master WHERE name = 'missed_orders'`).get()).toEqual({ name: 'missed_orders' });
    raw.close();
  });

  it.each(Array.from({ length: MISSED_ORDERS_VERSION }, (_, k) => k))('upgrades a file at version %i, keeps its orders and counts each order once', (k) => {
    const db = openDatabase(fileAt(k));
    try {
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
      if (k === 0) insertCurrentOrder(db, 7);
      insertCurrentOrder(db, 8);
      const at = '2026-12-07T10:00:00.000Z';
      expect(recordMissed(db, { orderId: 7, providerId: 6, missedAt: at })).toBe(true);
      expect(recordMissed(db, { orderId: 7, providerId: 6, missedAt: '2026-12-07T10:05:00.000Z' })).toBe(false);
      insertAction(db, { orderId: 8, action: 'rejected', reasonCode: 'kitchen_busy', idempotencyKey: 'k8', at });
      expect(recordMissed(db, { orderId: 8, providerId: 2, missedAt: at })).toBe(false);
      expect(() => recordMissed(db, { orderId: 9, providerId: 2, missedAt: at })).toThrow(/FOREIGN KEY/);
      expect(missedSince(db, '2026-12-07T00:00:00.000Z')).toEqual([{ orderId: 7, providerId: 6, missedAt: at }]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
