import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertAction, openActions } from '../../../main/actions/action-store.js';
import { openDatabase, schemaVersion } from '../../../main/store/connection.js';
import { MIGRATIONS } from '../../../main/store/migrations.js';
import { PACKED_BODY_VERSION, packOrderBody } from '../../../main/store/order-body.js';

// The order_actions migrations (5, and 7 that rebuilds the table for held, failed, recalled and local
// actions): every earlier schema upgrades to the last one with its orders and actions kept, and the
// table enforces what the outbox relies on.

const ACTIONS_VERSION = MIGRATIONS.length;
/** The version that rebuilt order_actions with its new states and columns. */
const REBUILT_VERSION = 7;
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
    const [column, body] = version < PACKED_BODY_VERSION ? ['body', '{}'] : ['packed_body', packOrderBody('{}')];
    raw.prepare(`INSERT INTO orders (id, short_id, status, updated_at, cart_hash, ${column}, first_seen_at, last_event_at) VALUES (7, 'A7', 1, 't', 'h', ?, 't', 't')`).run(body);
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
      else db.prepare(`INSERT INTO orders (id, short_id, status, updated_at, cart_hash, packed_body, first_seen_at, last_event_at) VALUES (7, 'A7', 1, 't', 'h', ?, 't', 't')`).run(packOrderBody('{}'));
      const at = '2026-06-25T10:00:00.000Z';
      insertAction(db, { orderId: 7, action: 'accepted', reasonCode: null, idempotencyKey: 'k1', at });
      expect(openActions(db)[0]).toMatchObject({ order_id: 7, action: 'accepted', state: 'pending', idempotency_key: 'k1', attempts: 0 });
      expect(() => insertAction(db, { orderId: 7, action: 'ready', reasonCode: null, idempotencyKey: 'k1', at })).toThrow(/UNIQUE/);
      expect(() => insertAction(db, { orderId: 8, action: 'ready', reasonCode: null, idempotencyKey: 'k2', at })).toThrow(/FOREIGN KEY/);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});

describe('migration: order actions that can wait, give up, be recalled or stay local', () => {
  it('keeps the actions of a version-6 file and accepts the new states', () => {
    const path = fileAt(REBUILT_VERSION - 1);
    const raw = new Database(path);
    raw.pragma('foreign_keys = ON');
    raw.prepare(`INSERT INTO order_actions (order_id, action, idempotency_key, state, attempts, last_error, next_attempt_at, created_at, updated_at)
      VALUES (7, 'accepted', 'old-1', 'sent', 1, '', 't1', 't1', 't1'), (7, 'ready', 'old-2', 'pending', 3, 'offline', 't2', 't2', 't2')`).run();
    raw.close();
    const db = openDatabase(path);
    try {
      expect(db.prepare('SELECT action, state, attempts, last_error, detail, station, undo_until FROM order_actions ORDER BY id').all()).toEqual([
        { action: 'accepted', state: 'sent', attempts: 1, last_error: '', detail: '', station: null, undo_until: null },
        { action: 'ready', state: 'pending', attempts: 3, last_error: 'offline', detail: '', station: null, undo_until: null },
      ]);
      const at = '2026-06-25T10:00:00.000Z';
      for (const [i, state] of (['held', 'local', 'pending'] as const).entries()) {
        insertAction(db, { orderId: 7, action: 'ready', reasonCode: null, idempotencyKey: `new-${i}`, at, state, station: state === 'local' ? 'grill' : null, undoUntil: at });
      }
      db.prepare(`UPDATE order_actions SET state = 'failed' WHERE idempotency_key = 'new-2'`).run();
      db.prepare(`UPDATE order_actions SET state = 'recalled' WHERE idempotency_key = 'new-0'`).run();
      expect(() => db.prepare(`UPDATE order_actions SET state = 'lost' WHERE idempotency_key = 'new-1'`).run()).toThrow(/CHECK/);
      expect(openActions(db).map((a) => a.idempotency_key)).toEqual(['old-2']);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
