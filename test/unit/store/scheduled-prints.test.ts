import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../main/store/connection.js';
import { MIGRATIONS } from '../../../main/store/migrations.js';
import { cancelSchedule, dueSchedules, getSchedule, markScheduleFired, scheduleAt } from '../../../main/store/scheduled-prints.js';
import { PACKED_BODY_VERSION, packOrderBody } from '../../../main/store/order-body.js';

// The migration that adds scheduled_prints, from every earlier version, with an order already stored.

const SCHEDULED_PRINTS_MIGRATION = MIGRATIONS.length;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bridge-scheduled-migration-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function buildAtVersion(path: string, k: number): void {
  const raw = new Database(path);
  for (let v = 1; v <= k; v++) {
    MIGRATIONS[v - 1]!(raw);
    raw.pragma(`user_version = ${v}`);
  }
  if (k >= 1) {
    const [column, body] = k < PACKED_BODY_VERSION ? ['body', '{}'] : ['packed_body', packOrderBody('{}')];
    raw.prepare(
      `INSERT INTO orders (id, short_id, status, updated_at, cart_hash, ${column}, first_seen_at, last_event_at)
       VALUES (7, '2217', 6, '2026-06-25T09:00:00.000Z', 'h', ?, '2026-06-25T09:00:00.000Z', '2026-06-25T09:00:00.000Z')`,
    ).run(body);
  }
  raw.close();
}

describe('scheduled_prints', () => {
  it.each(Array.from({ length: SCHEDULED_PRINTS_MIGRATION }, (_, k) => k))('upgrades from version %i and keeps the orders', (k) => {
    const path = join(dir, `v${k}.db`);
    buildAtVersion(path, k);
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    if (k === 0) db.prepare(`INSERT INTO orders (id, short_id, status, updated_at, cart_hash, packed_body, first_seen_at, last_event_at) VALUES (7, '', 6, 'x', 'h', ?, 'x', 'x')`).run(packOrderBody('{}'));
    expect(db.prepare('SELECT id FROM orders').all()).toEqual([{ id: 7 }]);
    scheduleAt(db, 7, '2026-06-25T12:05:00.000Z');
    expect(getSchedule(db, 7)).toEqual({ orderId: 7, dueAt: '2026-06-25T12:05:00.000Z', state: 'waiting', firedAt: null, late: false });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('moves only a waiting timer, fires it once, and never fires a cancelled one', () => {
    const db = openDatabase(join(dir, 'now.db'));
    for (const id of [1, 2]) {
      db.prepare(`INSERT INTO orders (id, status, updated_at, cart_hash, packed_body, first_seen_at, last_event_at) VALUES (?, 6, 'x', 'h', ?, 'x', 'x')`).run(id, packOrderBody('{}'));
    }
    scheduleAt(db, 1, '2026-06-25T12:05:00.000Z');
    scheduleAt(db, 1, '2026-06-25T12:35:00.000Z');
    scheduleAt(db, 2, '2026-06-25T12:00:00.000Z');
    cancelSchedule(db, 2);
    expect(dueSchedules(db, '2026-06-25T12:30:00.000Z')).toEqual([]);
    expect(dueSchedules(db, '2026-06-25T12:35:00.000Z').map((s) => s.orderId)).toEqual([1]);
    expect(markScheduleFired(db, 1, '2026-06-25T12:35:00.000Z', false)).toBe(true);
    expect(markScheduleFired(db, 1, '2026-06-25T12:36:00.000Z', true)).toBe(false);
    scheduleAt(db, 1, '2026-06-25T13:00:00.000Z');
    expect(getSchedule(db, 1)).toMatchObject({ state: 'fired', dueAt: '2026-06-25T12:35:00.000Z', firedAt: '2026-06-25T12:35:00.000Z' });
    db.close();
  });
});
