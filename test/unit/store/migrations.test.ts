import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, openDatabase, schemaVersion, type Db } from '../../../main/store/connection.js';
import { MIGRATIONS } from '../../../main/store/migrations.js';
import { eventBodySha256, getEvent, hasEvent, recordEvent } from '../../../main/store/events.js';
import { getJob, headJobFor, markSending } from '../../../main/store/print-jobs.js';
import { getOrder, upsertOrder } from '../../../main/store/orders.js';
import { createHash } from 'node:crypto';
import { unpackOrderBody } from '../../../main/store/order-body.js';

const TABLES = ['events', 'kv', 'order_changes', 'order_versions', 'orders', 'print_jobs', 'quarantine'];

/** The migration that gave print jobs their owning queue (backup_printer_id). */
const BACKUP_OWNER_MIGRATION = 11;
/** The migration that stores each body once. */
const BODY_ONCE_VERSION = 14;

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

  // Jobs written before migration 3 carried the order body in their payload; they must stay printable.
  it.each([1, 2])('keeps the jobs of a file at version %i printable, their bodies moved to order_versions', (k) => {
    buildAtVersion(k);
    const raw = new Database(dbPath());
    const at = '2026-06-25T10:00:00.000Z';
    raw.prepare(
      `INSERT INTO orders (id, status, updated_at, cart_hash, body, first_seen_at, last_event_at) VALUES (7, 2, ?, 'h', '{}', ?, ?)`,
    ).run(at, at, at);
    const insertJob = raw.prepare(
      `INSERT INTO print_jobs (order_id, printer_id, kind, version, state, payload, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const order = { id: 7, items: ['soup'] };
    insertJob.run(7, 'kitchen', 'new', 'v1', 'sent', JSON.stringify({ order }), at, at);
    insertJob.run(7, 'bar', 'new', 'v1', 'sent', JSON.stringify({ order }), at, at);
    const update = { order: { id: 7, items: ['soup', 'rice'] }, previous: order, note: 'kept' };
    insertJob.run(7, 'kitchen', 'update', 'v2', 'queued', JSON.stringify(update), at, at);
    insertJob.run(null, 'kitchen', 'test', 't1', 'sent', JSON.stringify({ order: null, note: 'test print' }), at, at);
    raw.close();

    const db = open();
    expect(headJobFor(db, 'kitchen')).toMatchObject({ id: 3, kind: 'update', payload: update });
    expect(getJob(db, 1)?.payload).toEqual({ order });
    expect(getJob(db, 2)?.payload).toEqual({ order });
    expect(getJob(db, 4)?.payload).toEqual({ order: null, note: 'test print' });
    // One row per distinct body of the order, shared by every job that prints it.
    expect(db.prepare('SELECT COUNT(*) AS n FROM order_versions WHERE packed_body IS NOT NULL').get()).toEqual({ n: 2 });
    expect(db.prepare(`SELECT COUNT(*) AS n FROM print_jobs WHERE payload LIKE '%soup%'`).get()).toEqual({ n: 0 });
  });

  // Jobs printed before migration 6 carried no warning: they read as complete, and new ones can carry one.
  it.each(Array.from({ length: 5 }, (_, k) => k + 1))('gives the jobs of a file at version %i an empty warning', (k) => {
    buildAtVersion(k);
    const raw = new Database(dbPath());
    const at = '2026-06-25T10:00:00.000Z';
    raw.prepare(
      `INSERT INTO print_jobs (order_id, printer_id, kind, version, state, payload, created_at, updated_at)
       VALUES (NULL, 'kitchen', 'test', 't1', 'sent', '{"order":null}', ?, ?)`,
    ).run(at, at);
    raw.close();
    const db = open();
    expect(getJob(db, 1)).toMatchObject({ state: 'sent', warning: '' });
    markSending(db, 1, at, 'some characters could not be printed: 🍜');
    expect(getJob(db, 1)?.warning).toBe('some characters could not be printed: 🍜');
  });

  // Events recorded before bodies were hashed keep deduping by their id; a new body under a known id
  // is a new event.
  it.each(Array.from({ length: 7 }, (_, k) => k + 1))('keeps the events of a file at version %i, matched by id alone', (k) => {
    buildAtVersion(k);
    const raw = new Database(dbPath());
    raw.prepare(
      `INSERT INTO events (event_id, source, seq, event_type, received_at, outcome, detail)
       VALUES ('evt-old', 'relay', 4, 'klikit.order.created.v2', '2026-06-25T10:00:00.000Z', 'applied', 'kept')`,
    ).run();
    raw.close();
    const db = open();
    expect(getEvent(db, 'evt-old')).toMatchObject({ bodySha256: null, seq: 4, outcome: 'applied', detail: 'kept' });
    expect(hasEvent(db, 'evt-old', eventBodySha256('{"any":"body"}'))).toBe(true);
    const next = { eventId: 'evt-new', source: 'relay', seq: 5, eventType: 'klikit.order.created.v2', receivedAt: '2026-06-25T10:00:01.000Z', outcome: 'applied', detail: '' } as const;
    expect(recordEvent(db, { ...next, bodySha256: eventBodySha256('a') })).toBe(true);
    expect(recordEvent(db, { ...next, bodySha256: eventBodySha256('b') })).toBe(true);
    expect(recordEvent(db, { ...next, bodySha256: eventBodySha256('a') })).toBe(false);
    expect(hasEvent(db, 'evt-new', eventBodySha256('c'))).toBe(false);
  });

  // "86": a file from before the stock tables gets them empty; one open mark per SKU, and its writes
  // keep their Idempotency-Key unique.
  const STOCK_MARKS_VERSION = 9;
  it.each(Array.from({ length: STOCK_MARKS_VERSION - 1 }, (_, k) => k + 1))('adds the "86" tables to a file at version %i', (k) => {
    buildAtVersion(k);
    const db = open();
    expect(tables(db)).toEqual(expect.arrayContaining(['stock_marks', 'stock_writes']));
    const at = '2026-06-25T10:00:00.000Z';
    const mark = db.prepare(`INSERT INTO stock_marks (sku, name, duration, since, until) VALUES ('CBA001', 'Cimol', 'hour', ?, ?)`);
    const id = Number(mark.run(at, '2026-06-25T11:00:00.000Z').lastInsertRowid);
    expect(() => mark.run(at, null)).toThrow(/UNIQUE/);
    db.prepare(`UPDATE stock_marks SET ended_at = ?, ended_by = 'staff' WHERE id = ?`).run(at, id);
    expect(() => mark.run(at, null)).not.toThrow();
    const write = db.prepare(`INSERT INTO stock_writes (mark_id, sku, available, idempotency_key, state, next_attempt_at, created_at, updated_at) VALUES (?, 'CBA001', 0, 'key-1', 'pending', ?, ?, ?)`);
    write.run(id, at, at, at);
    expect(() => write.run(id, at, at, at)).toThrow(/UNIQUE/);
    expect(() => db.prepare(`UPDATE stock_writes SET state = 'lost'`).run()).toThrow(/CHECK/);
  });

  // Jobs queued before backup printers existed stay with their own printer's queue.
  it.each(Array.from({ length: BACKUP_OWNER_MIGRATION - 1 }, (_, k) => k + 1))('leaves the waiting jobs of a file at version %i with their own printer', (k) => {
    buildAtVersion(k);
    const raw = new Database(dbPath());
    const at = '2026-06-25T10:00:00.000Z';
    raw.prepare(
      `INSERT INTO print_jobs (order_id, printer_id, kind, version, state, payload, created_at, updated_at)
       VALUES (NULL, 'kitchen', 'test', 't1', 'held', '{"order":null}', ?, ?)`,
    ).run(at, at);
    raw.close();
    const db = open();
    expect(headJobFor(db, 'kitchen')).toMatchObject({ id: 1, state: 'held', backupPrinterId: null });
    expect(headJobFor(db, 'bar')).toBeUndefined();
  });

  it('serves the head-job query by owner from the partial index of waiting jobs', () => {
    const db = open();
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM print_jobs WHERE COALESCE(backup_printer_id, printer_id) = 'p' AND
         (state IN ('queued', 'uncertain', 'held') OR (state = 'failed' AND next_attempt_at IS NOT NULL)) ORDER BY id LIMIT 1`,
      )
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toContain('print_jobs_owner_waiting');
  });

  // The day in numbers (its version named here only: the lead renumbers on merge).
  const DAY_STATS_MIGRATION = 13;
  it('adds the day in numbers to a file at the version before it, its rows independent of the orders', () => {
    buildAtVersion(DAY_STATS_MIGRATION - 1);
    const raw = new Database(dbPath());
    const at = '2026-06-25T10:00:00.000Z';
    raw.prepare(`INSERT INTO orders (id, status, updated_at, cart_hash, body, first_seen_at, last_event_at) VALUES (7, 4, ?, 'h', '{}', ?, ?)`).run(at, at, at);
    raw.close();
    const db = open();
    expect(tables(db)).toEqual(expect.arrayContaining(['ticket_stats', 'printer_holds', 'backup_prints']));
    db.prepare(
      `INSERT INTO ticket_stats (order_id, station, day, provider, received_at, ticket_seconds, late, cancelled, missed_acceptance)
       VALUES (7, '', '2026-06-25', 'GrabFood', ?, 600, 0, 0, 0)`,
    ).run(at);
    // Deleted as retention deletes an order: with its versions first.
    db.prepare('DELETE FROM order_versions WHERE order_id = 7').run();
    db.prepare('DELETE FROM orders WHERE id = 7').run();
    expect(db.prepare('SELECT order_id, ticket_seconds FROM ticket_stats').all()).toEqual([{ order_id: 7, ticket_seconds: 600 }]);
    // One open hold per printer.
    db.prepare(`INSERT INTO printer_holds (printer_id, started_at) VALUES ('wok', ?)`).run(at);
    expect(() => db.prepare(`INSERT INTO printer_holds (printer_id, started_at) VALUES ('wok', ?)`).run(at)).toThrow(/UNIQUE/);
  });

  // Migration 14 stores an order's body once: the current version in orders, older ones in
  // order_versions. From every earlier version, an open order's queued update keeps both bodies it
  // prints, and a later version moves the current body into its row before replacing it.
  it.each(Array.from({ length: BODY_ONCE_VERSION - 1 }, (_, k) => k + 1))('stores the bodies of a file at version %i once, every job still printable', (k) => {
    buildAtVersion(k);
    const raw = new Database(dbPath());
    const at = '2026-06-25T10:00:00.000Z';
    const first = { id: 7, status: 1, cart_v2: [{ name: 'Soto', quantity: 1 }] };
    const current = { id: 7, status: 2, cart_v2: [{ name: 'Soto', quantity: 2 }] };
    raw.prepare(`INSERT INTO orders (id, status, updated_at, cart_hash, body, first_seen_at, last_event_at) VALUES (7, 2, ?, 'h2', ?, ?, ?)`).run(at, JSON.stringify(current), at, at);
    const insertJob = raw.prepare(
      `INSERT INTO print_jobs (order_id, printer_id, kind, version, state, payload, created_at, updated_at) VALUES (7, ?, ?, ?, ?, ?, ?, ?)`,
    );
    if (k < 3) {
      insertJob.run('kitchen', 'new', 'v1', 'sent', JSON.stringify({ order: first }), at, at);
      insertJob.run('kitchen', 'update', 'v2', 'queued', JSON.stringify({ order: current, previous: first }), at, at);
      insertJob.run('bar', 'new', 'v2', 'queued', JSON.stringify({ order: current }), at, at);
    } else {
      const version = raw.prepare('INSERT INTO order_versions (order_id, digest, body) VALUES (7, ?, ?) RETURNING id');
      const digest = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');
      const v1 = (version.get(digest(first), JSON.stringify(first)) as { id: number }).id;
      const v2 = (version.get(digest(current), JSON.stringify(current)) as { id: number }).id;
      const job = raw.prepare(
        `INSERT INTO print_jobs (order_id, printer_id, kind, version, state, payload, order_version_id, previous_version_id, created_at, updated_at)
         VALUES (7, ?, ?, ?, ?, '{}', ?, ?, ?, ?)`,
      );
      job.run('kitchen', 'new', 'v1', 'sent', v1, null, at, at);
      job.run('kitchen', 'update', 'v2', 'queued', v2, v1, at, at);
      job.run('bar', 'new', 'v2', 'queued', v2, null, at, at);
    }
    raw.close();

    const db = open();
    expect(headJobFor(db, 'kitchen')).toMatchObject({ kind: 'update', state: 'queued', payload: { order: current, previous: first } });
    expect(headJobFor(db, 'bar')).toMatchObject({ kind: 'new', state: 'queued', payload: { order: current } });
    expect(getOrder(db, 7)?.body).toEqual(current);
    const copies = (body: unknown) =>
      (db.prepare('SELECT packed_body FROM order_versions WHERE packed_body IS NOT NULL').all() as { packed_body: Buffer }[]).filter(
        (r) => unpackOrderBody(r.packed_body) === JSON.stringify(body),
      ).length;
    expect([copies(first), copies(current)]).toEqual([1, 0]);
    expect(db.pragma('foreign_key_check')).toEqual([]);

    const next = { id: 7, status: 2, cart_v2: [{ name: 'Soto', quantity: 3 }] };
    upsertOrder(db, { id: 7, brandId: null, branchId: null, shortId: '', status: 2, updatedAt: at, createdAt: null, cartHash: 'h3', body: next, seenAt: at });
    expect(headJobFor(db, 'kitchen')?.payload).toEqual({ order: current, previous: first });
    expect([copies(first), copies(current), copies(next)]).toEqual([1, 1, 0]);
  });

  // The migration that indexes print jobs by the versions they print (named here only: renumbered on merge).
  const JOB_VERSION_INDEX_MIGRATION = 17;
  it('deletes an order version by index lookups of the print jobs pointing at it, on a file at the version before', () => {
    buildAtVersion(JOB_VERSION_INDEX_MIGRATION - 1);
    const deletePlan = (db: Database.Database | Db): string =>
      (db.prepare('EXPLAIN QUERY PLAN DELETE FROM order_versions WHERE order_id = 1').all() as { detail: string }[]).map((r) => r.detail).join('\n');
    const before = new Database(dbPath());
    expect(deletePlan(before)).toMatch(/\bSCAN print_jobs\b/);
    before.close();
    const db = open();
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    const plan = deletePlan(db);
    expect(plan).not.toMatch(/\bSCAN print_jobs\b/);
    expect(plan).toContain('print_jobs_order_version');
    expect(plan).toContain('print_jobs_previous_version');
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
