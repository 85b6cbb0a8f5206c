import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/store/connection.js';
import { MIGRATIONS } from '../../../main/store/migrations.js';
import { handOverWaiting, headJobFor, pendingCountByPrinter, reclaimFromRemovedBackups, WAITING_BY_OWNER_ONLY_VERSION } from '../../../main/store/print-jobs.js';
import { plansOf } from './query-plans.js';

// Migration WAITING_BY_OWNER_ONLY_VERSION drops the index of waiting jobs by printer: the queries of
// waiting jobs read them by owner, and a file that had it keeps its queue exactly as it was.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waiting-index-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const AT = '2026-06-25T10:00:00.000Z';
const indexes = (db: Database.Database): string[] =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'print_jobs' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);

describe('waiting jobs indexed by owner only', () => {
  it(`drops the index by printer from a file at version ${WAITING_BY_OWNER_ONLY_VERSION - 1}, its waiting jobs still at the head of their queues`, () => {
    const path = join(dir, 'bridge.db');
    const raw = new Database(path);
    for (let v = 1; v < WAITING_BY_OWNER_ONLY_VERSION; v++) {
      MIGRATIONS[v - 1]!(raw);
      raw.pragma(`user_version = ${v}`);
    }
    const insert = raw.prepare(
      `INSERT INTO print_jobs (order_id, printer_id, kind, version, state, payload, created_at, updated_at) VALUES (NULL, ?, 'test', ?, ?, '{}', ?, ?)`,
    );
    insert.run('kitchen', 'v1', 'confirmed', AT, AT);
    insert.run('kitchen', 'v2', 'queued', AT, AT);
    insert.run('bar', 'v3', 'held', AT, AT);
    expect(indexes(raw)).toContain('print_jobs_waiting');
    raw.close();

    const db = openDatabase(path);
    expect(indexes(db)).not.toContain('print_jobs_waiting');
    expect(indexes(db)).toContain('print_jobs_owner_waiting');
    expect(headJobFor(db, 'kitchen')).toMatchObject({ id: 2, state: 'queued' });
    expect(headJobFor(db, 'bar')).toMatchObject({ id: 3, state: 'held' });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('reads every query of waiting jobs through an index, never the whole table', () => {
    const db = openDatabase(join(dir, 'bridge.db'));
    const plans = plansOf(db, () => {
      headJobFor(db, 'kitchen');
      handOverWaiting(db, 'kitchen', 'bar', AT);
      reclaimFromRemovedBackups(db, ['kitchen'], AT);
      pendingCountByPrinter(db);
    });
    expect(plans.length).toBeGreaterThanOrEqual(4);
    for (const { sql, plan } of plans) if (/print_jobs/.test(sql)) expect(plan, sql).not.toMatch(/SCAN print_jobs\b/);
    expect(plans.find((p) => /INDEXED BY print_jobs_owner_waiting/.test(p.sql))?.plan).toMatch(/print_jobs_owner_waiting/);
    db.close();
  });
});
