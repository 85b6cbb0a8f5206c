import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRetentionPruner, type RetentionPruner } from '../../../main/core/retention-pruner.js';
import { createIngest, type IncomingEvent } from '../../../main/ingest/ingest.js';
import { DEFAULT_STATUS_TABLE } from '../../../main/klikit/enums.js';
import type { Db } from '../../../main/store/connection.js';
import { recordEvent } from '../../../main/store/events.js';
import { RELAY_CURSOR_KEY } from '../../../main/ingest/ingest.js';
import { raiseInteger } from '../../../main/store/kv.js';
import { enqueueTestPrint, getJob, headJobFor, jobsForOrder, markSending, markSent, markUncertain } from '../../../main/store/print-jobs.js';
import { recordMissed } from '../../../main/store/missed-orders.js';
import { pruneOrders } from '../../../main/store/retention.js';
import { endMark, insertMark, insertWrite, settleWrite } from '../../../main/availability/stock-store.js';
import { tempDbPerTest } from './temp-db.js';
import { waitFor } from '../../helpers/wait.js';

const DAY = 86_400_000;
const START = Date.parse('2026-01-01T12:00:00Z');
let now = START;
const clock = { now: () => now };
let db: Db;
let seq = 0;
const freshDb = tempDbPerTest();

const order = (id: number, status: number, updatedAt: string) => ({
  id,
  short_id: `S${id}`,
  status,
  created_at: updatedAt,
  updated_at: updatedAt,
  cart_v2: [{ name: 'Nasi Goreng', quantity: 2, comment: '' }],
});
const event = (id: number, status: number, at: number): IncomingEvent => ({
  eventId: `evt-${++seq}`,
  source: 'relay',
  seq,
  eventType: seq === 1 ? 'klikit.order.created.v2' : 'klikit.order.status.updated',
  receivedAt: new Date(now).toISOString(),
  body: { brand_id: 1, branch_id: 2, orders: [order(id, status, new Date(at).toISOString())] },
});

let ingest: (e: IncomingEvent) => void;
let pruner: RetentionPruner;
const count = (table: string, where = '1'): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
const printAll = (orderId: number) => {
  for (const job of jobsForOrder(db, orderId)) {
    markSending(db, job.id, new Date(now).toISOString());
    markSent(db, job.id, new Date(now).toISOString());
  }
};
/** Steps until a pass is over, as the background timer would. */
const prunePass = () => {
  for (let i = 0; i < 1000 && pruner.step().more; i++);
};

beforeEach(() => {
  db = freshDb();
  now = START;
  seq = 0;
  const commit = createIngest({ db, clock, printerIds: () => ['kitchen', 'bar'] });
  ingest = (e) => {
    const result = commit(e);
    if (result.outcome !== 'applied') throw new Error(JSON.stringify(result));
  };
  pruner = createRetentionPruner({ db, clock, logger: pino({ level: 'silent' }), retentionDays: 90, statusTable: DEFAULT_STATUS_TABLE, stepMs: 1, restMs: 1 });
});

describe('retention', () => {
  it('prunes an old order the platform cancelled while it waited, with its missed-acceptance mark', () => {
    ingest(event(3, 2, START));
    printAll(3);
    ingest(event(3, 9, START + 1000));
    recordMissed(db, { orderId: 3, providerId: 6, missedAt: new Date(START + 1000).toISOString() });
    now = START + 91 * DAY;
    prunePass();
    expect([count('orders', 'id = 3'), count('missed_orders')]).toEqual([0, 0]);
  });

  it('prunes an old finished order with its versions, jobs and history, and keeps everything younger', () => {
    ingest(event(1, 2, START));
    printAll(1);
    ingest(event(1, 9, START + 1000));
    now = START + 30 * DAY;
    ingest(event(2, 2, now));
    printAll(2);
    ingest(event(2, 9, now + 1000));
    now = START + 91 * DAY;
    prunePass();
    expect(count('orders')).toBe(1);
    expect(count('orders', 'id = 1')).toBe(0);
    for (const table of ['print_jobs', 'order_versions', 'order_changes']) expect(count(table, 'order_id = 1')).toBe(0);
    expect(count('print_jobs', 'order_id = 2')).toBe(2);
    expect(count('order_versions', 'order_id = 2')).toBeGreaterThan(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('never prunes an open order, nor a finished one with a ticket not printed or possibly printed twice', () => {
    ingest(event(1, 2, START)); // open, printed
    printAll(1);
    ingest(event(2, 2, START)); // done, its tickets still queued
    ingest(event(2, 9, START + 1000));
    ingest(event(3, 2, START)); // done, one ticket uncertain
    printAll(3);
    const [uncertain] = jobsForOrder(db, 3);
    markUncertain(db, uncertain!.id, 'no answer', null, new Date(now).toISOString());
    ingest(event(3, 9, START + 1000));
    now = START + 400 * DAY;
    prunePass();
    expect(count('orders')).toBe(3);
    expect(headJobFor(db, 'kitchen')).toMatchObject({ orderId: 2, state: 'queued', payload: { order: { id: 2, cart_v2: [{ name: 'Nasi Goreng' }] } } });
    expect(getJob(db, uncertain!.id)).toMatchObject({ state: 'uncertain', payload: { order: { id: 3 } } });
  });

  it('keeps the relay events the cursor still needs, and the newest one', () => {
    const at = new Date(START).toISOString();
    const record = (eventId: string, seqNo: number | null) =>
      recordEvent(db, { eventId, bodySha256: null, source: seqNo === null ? 'poll' : 'relay', seq: seqNo, eventType: 'klikit.order.created.v2', receivedAt: at, outcome: 'applied', detail: '' });
    record('acked-1', 1);
    record('acked-2', 2);
    record('after-cursor', 4);
    record('poll', null);
    raiseInteger(db, RELAY_CURSOR_KEY, 3);
    now = START + 91 * DAY;
    prunePass();
    expect(db.prepare('SELECT event_id FROM events ORDER BY id').pluck().all()).toEqual(['after-cursor']);
    raiseInteger(db, RELAY_CURSOR_KEY, 4);
    prunePass();
    expect(db.prepare('SELECT event_id FROM events ORDER BY id').pluck().all()).toEqual(['after-cursor']);
  });

  it('holds the core for one kind of row per step: the old order in one step, its events in a later one', () => {
    ingest(event(1, 2, START));
    printAll(1);
    ingest(event(1, 9, START + 1000));
    now = START + 91 * DAY;
    const first = pruner.step();
    expect(first).toMatchObject({ orders: 1, jobs: 0, events: 0, stockMarks: 0, pagesReleased: 0, more: true });
    expect(count('events')).toBe(2);
    const later = [];
    for (let i = 0; i < 10; i++) {
      const step = pruner.step();
      later.push(step);
      if (!step.more) break;
    }
    expect(later.map((s) => s.events)).toContain(1);
    expect(later.every((s) => [s.orders, s.jobs, s.events, s.stockMarks, s.pagesReleased].filter((n) => n > 0).length <= 1)).toBe(true);
    expect(later.at(-1)!.more).toBe(false);
    // The newest relay event stays: it dates a gap in the stream.
    expect(db.prepare('SELECT event_id FROM events').pluck().all()).toEqual(['evt-2']);
  });

  it('goes on to the other kinds of row when one keeps failing, and tries that one again at the next pass', () => {
    const testPrint = enqueueTestPrint(db, 'kitchen', new Date(now).toISOString());
    markSending(db, testPrint, new Date(now).toISOString());
    markSent(db, testPrint, new Date(now).toISOString());
    ingest(event(1, 2, START));
    printAll(1);
    ingest(event(1, 9, START + 1000));
    db.exec(`CREATE TRIGGER refuse_test_print_delete BEFORE DELETE ON print_jobs WHEN OLD.order_id IS NULL BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    now = START + 91 * DAY;
    prunePass();
    expect(count('orders')).toBe(0);
    expect(db.prepare('SELECT event_id FROM events').pluck().all()).toEqual(['evt-2']);
    expect(getJob(db, testPrint)).toBeDefined();
    db.exec('DROP TRIGGER refuse_test_print_delete');
    prunePass();
    expect(getJob(db, testPrint)).toBeUndefined();
  });

  it('keeps its timer going after a pass that could not even date its bound (an odd clock)', async () => {
    ingest(event(1, 2, START));
    printAll(1);
    ingest(event(1, 9, START + 1000));
    let odd = true;
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push((JSON.parse(line) as { msg: string }).msg) });
    const timed = createRetentionPruner({ db, clock: { now: () => (odd ? Number.NaN : START + 91 * DAY) }, logger, retentionDays: 90, statusTable: DEFAULT_STATUS_TABLE, stepMs: 1, restMs: 1 });
    timed.start();
    try {
      await waitFor('a pass that failed', () => warnings.length > 0);
      odd = false;
      await waitFor('the old order pruned by a later pass', () => count('orders') === 0);
    } finally {
      timed.stop();
    }
  });

  it('prunes old test prints once done, never one still queued', () => {
    const done = enqueueTestPrint(db, 'kitchen', new Date(now).toISOString());
    markSending(db, done, new Date(now).toISOString());
    markSent(db, done, new Date(now).toISOString());
    const waiting = enqueueTestPrint(db, 'bar', new Date(now).toISOString());
    now = START + 91 * DAY;
    prunePass();
    expect(getJob(db, done)).toBeUndefined();
    expect(getJob(db, waiting)).toMatchObject({ state: 'queued' });
  });

  it('prunes an old ended "86" mark with its writes to klikit, never an open one, one still telling klikit, or one a kept order was flagged by', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    const mark = (sku: string, endAt: number | null) => {
      const id = insertMark(db, { sku, name: sku, duration: 'manual', orderId: null, since: iso(START), until: null });
      const off = insertWrite(db, { markId: id, sku, available: false, idempotencyKey: `${sku}-off`, at: iso(START), message: '' });
      settleWrite(db, off, 'sent', '', '', iso(START));
      if (endAt !== null) endMark(db, id, iso(endAt), 'staff');
      return id;
    };
    const ended = mark('ENDED', START + DAY);
    const open = mark('OPEN', null);
    const telling = mark('TELLING', START + DAY);
    insertWrite(db, { markId: telling, sku: 'TELLING', available: true, idempotencyKey: 'TELLING-on', at: iso(START + DAY), message: '' });
    const flagging = mark('FLAGGING', START + 3 * DAY);
    now = START + 2 * DAY;
    ingest(event(1, 2, START + 2 * DAY)); // an open order seen while FLAGGING was out: kept, and so is its flag
    now = START + 200 * DAY;
    prunePass();
    expect(db.prepare('SELECT id FROM stock_marks ORDER BY id').pluck().all()).toEqual([open, telling, flagging]);
    expect(count('stock_writes', `mark_id = ${ended}`)).toBe(0);
    expect(count('stock_writes')).toBe(4);
  });

  it('scans old orders it must keep once per pass, a batch at a time', () => {
    for (let id = 1; id <= 450; id++) ingest(event(id, 2, START)); // open: kept
    now = START + 91 * DAY;
    const beforeIso = new Date(now - 90 * DAY).toISOString();
    const first = pruneOrders(db, { beforeIso, closedStatuses: [9], limit: 200 });
    const second = pruneOrders(db, { beforeIso, closedStatuses: [9], limit: 200, after: first.next });
    const third = pruneOrders(db, { beforeIso, closedStatuses: [9], limit: 200, after: second.next });
    expect([first.pruned, second.pruned, third.pruned]).toEqual([0, 0, 0]);
    expect(first.next?.id).toBe(200);
    expect(second.next?.id).toBe(400);
    expect(third.next).toBeNull();
  });

  it('gives the pages of pruned history back in a new file', () => {
    // The schema's own pages (a page per table and index) stay: only what the history took must go.
    db.pragma('wal_checkpoint(TRUNCATE)');
    const schemaPages = db.pragma('page_count', { simple: true }) as number;
    for (let id = 1; id <= 300; id++) {
      ingest(event(id, 2, START));
      printAll(id);
      ingest(event(id, 9, START + 1000));
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pagesBefore = db.pragma('page_count', { simple: true }) as number;
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    now = START + 91 * DAY;
    prunePass();
    expect(count('orders')).toBe(0);
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    const historyPages = pagesBefore - schemaPages;
    expect(historyPages).toBeGreaterThan(100);
    expect((db.pragma('page_count', { simple: true }) as number) - schemaPages).toBeLessThan(historyPages / 10);
  });
});
