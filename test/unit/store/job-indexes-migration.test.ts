import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/store/connection.js';
import {
  enqueueTestPrint,
  handOverWaiting,
  headJobFor,
  listJobs,
  pendingCountByPrinter,
  reclaimFromRemovedBackups,
  JOB_INDEXES_VERSION,
  PENDING_INDEX_DROPPED_VERSION,
} from '../../../main/store/print-jobs.js';
import { plansOf } from './query-plans.js';
import { migratedTo } from './temp-db.js';

// Migration JOB_INDEXES_VERSION indexes print jobs as their queries read them: the waiting jobs by
// owner only, the jobs by state alone (an order's tickets for several printers in one leaf). A file
// migrated keeps its queues exactly as they were, and no query of jobs reads the whole table.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waiting-index-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const AT = '2026-06-25T10:00:00.000Z';
const columns = (db: Database.Database, index: string): string[] =>
  (db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(index) as { name: string }[]).map((r) => r.name);
const indexes = (db: Database.Database): string[] =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'print_jobs' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);

/** A confirmed and a queued job on the kitchen printer, a held one on the bar's. */
function insertThreeJobs(raw: Database.Database): void {
  const insert = raw.prepare(
    `INSERT INTO print_jobs (order_id, printer_id, kind, version, state, payload, created_at, updated_at) VALUES (NULL, ?, 'test', ?, ?, '{}', ?, ?)`,
  );
  insert.run('kitchen', 'v1', 'confirmed', AT, AT);
  insert.run('kitchen', 'v2', 'queued', AT, AT);
  insert.run('bar', 'v3', 'held', AT, AT);
}

describe('print job indexes', () => {
  it(`re-indexes the jobs of a file at version ${JOB_INDEXES_VERSION - 1}, its waiting jobs still at the head of their queues`, () => {
    const path = join(dir, 'bridge.db');
    const raw = migratedTo(path, JOB_INDEXES_VERSION - 1);
    insertThreeJobs(raw);
    expect(indexes(raw)).toContain('print_jobs_waiting');
    expect(columns(raw, 'print_jobs_state')).toEqual(['state', 'printer_id']);
    raw.close();

    const db = openDatabase(path);
    expect(indexes(db)).not.toContain('print_jobs_waiting');
    expect(indexes(db)).toContain('print_jobs_owner_waiting');
    expect(columns(db, 'print_jobs_state')).toEqual(['state']);
    expect(headJobFor(db, 'kitchen')).toMatchObject({ id: 2, state: 'queued' });
    expect(headJobFor(db, 'bar')).toMatchObject({ id: 3, state: 'held' });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('reads the jobs of one state in id order from the state index, with no sort', () => {
    const db = openDatabase(join(dir, 'bridge.db'));
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM print_jobs WHERE state = 'queued' ORDER BY id`).all() as { detail: string }[];
    expect(plan.map((r) => r.detail).join('; ')).toBe('SEARCH print_jobs USING COVERING INDEX print_jobs_state (state=?)');
    db.close();
  });

  it('reads every query of jobs by state or queue through an index, never the whole table', () => {
    const db = openDatabase(join(dir, 'bridge.db'));
    const plans = plansOf(db, () => {
      headJobFor(db, 'kitchen');
      handOverWaiting(db, 'kitchen', 'bar', AT);
      reclaimFromRemovedBackups(db, ['kitchen'], AT);
      pendingCountByPrinter(db);
      listJobs(db, { states: ['queued', 'held'], limit: 10 });
      listJobs(db, { states: ['failed'], printerId: 'kitchen', limit: 10 });
      enqueueTestPrint(db, 'kitchen', AT);
    });
    expect(plans.length).toBeGreaterThanOrEqual(7);
    for (const { sql, plan } of plans) if (/print_jobs/.test(sql)) expect(plan, sql).not.toMatch(/SCAN print_jobs\b/);
    expect(plans.find((p) => /INDEXED BY print_jobs_owner_waiting/.test(p.sql))?.plan).toMatch(/print_jobs_owner_waiting/);
    db.close();
  });

  it(`drops print_jobs_pending at version ${PENDING_INDEX_DROPPED_VERSION}, the queues and their jobs as they were`, () => {
    const path = join(dir, 'bridge.db');
    const raw = migratedTo(path, PENDING_INDEX_DROPPED_VERSION - 1);
    insertThreeJobs(raw);
    expect(indexes(raw)).toContain('print_jobs_pending');
    raw.close();

    const db = openDatabase(path);
    expect(indexes(db)).not.toContain('print_jobs_pending');
    expect(headJobFor(db, 'kitchen')).toMatchObject({ id: 2, state: 'queued' });
    expect(headJobFor(db, 'bar')).toMatchObject({ id: 3, state: 'held' });
    expect(listJobs(db, { states: ['confirmed'], printerId: 'kitchen', limit: 10 }).map((j) => j.version)).toEqual(['v1']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('gives two test prints at the same instant, for one printer or two, versions of their own', () => {
    const db = openDatabase(join(dir, 'bridge.db'));
    const ids = [enqueueTestPrint(db, 'kitchen', AT), enqueueTestPrint(db, 'kitchen', AT), enqueueTestPrint(db, 'bar', AT)];
    const versions = ids.map((id) => (db.prepare('SELECT version FROM print_jobs WHERE id = ?').get(id) as { version: string }).version);
    expect(new Set(versions).size).toBe(3);
    db.close();
  });
});
