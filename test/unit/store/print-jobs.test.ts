import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/store/connection.js';
import {
  enqueueJob,
  enqueueReprint,
  enqueueTestPrint,
  getJob,
  headJobFor,
  jobsForOrder,
  listJobs,
  markConfirmed,
  markFailed,
  markHeld,
  markSending,
  markSent,
  markUncertain,
  pendingCountByPrinter,
  recoverInterrupted,
  releaseHeld,
  handOverWaiting,
  reclaimFromRemovedBackups,
} from '../../../main/store/print-jobs.js';
import { openTempDb } from './temp-db.js';
import { packOrderBody } from '../../../main/store/order-body.js';

const T0 = '2026-06-25T10:00:00.000Z';
const T1 = '2026-06-25T10:00:01.000Z';
const T2 = '2026-06-25T10:00:02.000Z';

let temp: ReturnType<typeof openTempDb>;
let db: Db;

function insertOrder(id: number): void {
  db.prepare(
    `INSERT INTO orders (id, status, updated_at, cart_hash, packed_body, first_seen_at, last_event_at)
     VALUES (?, 2, ?, 'h', ?, ?, ?)`,
  ).run(id, T0, packOrderBody(JSON.stringify({ id, status: 2 })), T0, T0);
}

const job = (orderId: number, printerId = 'kitchen', version = T0) =>
  enqueueJob(db, { orderId, printerId, kind: 'new', version, payload: { order: { id: orderId } }, now: T0 });

beforeEach(() => {
  temp = openTempDb();
  db = temp.db;
  insertOrder(1);
  insertOrder(2);
});
afterEach(() => temp.dispose());

describe('print jobs', () => {
  it('enqueues once per (order, kind, version, printer)', () => {
    const id = job(1);
    expect(id).toBeTypeOf('number');
    expect(job(1)).toBeNull();
    expect(job(1, 'bar')).toBeTypeOf('number');
    expect(job(1, 'kitchen', T1)).toBeTypeOf('number');
    expect(jobsForOrder(db, 1)).toHaveLength(3);
    const stored = getJob(db, id!)!;
    expect(stored).toMatchObject({
      orderId: 1,
      printerId: 'kitchen',
      kind: 'new',
      state: 'queued',
      payload: { order: { id: 1 } },
      possibleDuplicate: false,
      attempts: 0,
      createdAt: T0,
      updatedAt: T0,
      sentAt: null,
    });
  });

  it('keeps the oldest job at the head while it waits out its retry, so a later one never overtakes it', () => {
    const a = job(1)!;
    const b = job(2)!;
    expect(headJobFor(db, 'kitchen')?.id).toBe(a);
    markFailed(db, a, 'ECONNREFUSED', T2, T1);
    expect(getJob(db, a)).toMatchObject({ state: 'failed', attempts: 1, lastError: 'ECONNREFUSED', updatedAt: T1 });
    expect(headJobFor(db, 'kitchen')).toMatchObject({ id: a, nextAttemptAt: T2 });
    expect(headJobFor(db, 'kitchen')?.id).not.toBe(b);
    expect(headJobFor(db, 'other')).toBeUndefined();
  });

  it('drops a job that failed for good (no next attempt) from the head and the pending count, but keeps it', () => {
    const a = job(1)!;
    const b = job(2)!;
    markFailed(db, a, 'cannot render the ticket: not an order', null, T1);
    expect(headJobFor(db, 'kitchen')?.id).toBe(b);
    expect(pendingCountByPrinter(db)).toEqual({ kitchen: 1 });
    expect(getJob(db, a)).toMatchObject({ state: 'failed', nextAttemptAt: null, lastError: 'cannot render the ticket: not an order' });
    expect(listJobs(db, { states: ['failed'], limit: 10 }).map((j) => j.id)).toEqual([a]);
  });

  it('walks the happy path: sending, sent, confirmed', () => {
    const a = job(1)!;
    markSending(db, a, T1);
    expect(getJob(db, a)?.state).toBe('sending');
    expect(headJobFor(db, 'kitchen')).toBeUndefined();
    markSent(db, a, T1);
    markConfirmed(db, a, T2);
    expect(getJob(db, a)).toMatchObject({ state: 'confirmed', sentAt: T1, updatedAt: T2 });
    expect(pendingCountByPrinter(db)).toEqual({});
  });

  it('marks uncertain jobs as possible duplicates', () => {
    const a = job(1)!;
    markSending(db, a, T0);
    markUncertain(db, a, 'link dropped mid-send', null, T1);
    expect(getJob(db, a)).toMatchObject({ state: 'uncertain', possibleDuplicate: true, attempts: 1 });
    expect(headJobFor(db, 'kitchen')).toMatchObject({ id: a, nextAttemptAt: null });
  });

  it('holds and releases per printer', () => {
    const a = job(1)!;
    const b = job(1, 'bar')!;
    markHeld(db, a, 'paper out', T1);
    markHeld(db, b, 'cover open', T1);
    expect(getJob(db, a)).toMatchObject({ state: 'held', lastError: 'paper out' });
    expect(releaseHeld(db, 'kitchen', T2)).toBe(1);
    expect(getJob(db, a)).toMatchObject({ state: 'queued', updatedAt: T2 });
    expect(getJob(db, b)?.state).toBe('held');
  });

  it('recovers jobs interrupted mid-send as uncertain possible duplicates', () => {
    const a = job(1)!;
    const b = job(2)!;
    markSending(db, a, T0);
    expect(recoverInterrupted(db, T1)).toBe(1);
    expect(getJob(db, a)).toMatchObject({ state: 'uncertain', possibleDuplicate: true, updatedAt: T1 });
    expect(getJob(db, b)).toMatchObject({ state: 'queued', possibleDuplicate: false });
  });

  it('counts pending jobs per printer and lists newest first with filters', () => {
    const a = job(1)!;
    const b = job(2)!;
    job(1, 'bar');
    markSending(db, a, T1);
    markSent(db, a, T1);
    expect(pendingCountByPrinter(db)).toEqual({ kitchen: 1, bar: 1 });
    expect(listJobs(db, { limit: 10 }).map((j) => j.id)).toEqual([3, b, a]);
    expect(listJobs(db, { states: ['queued'], printerId: 'kitchen', limit: 10 }).map((j) => j.id)).toEqual([b]);
    expect(listJobs(db, { limit: 1 })).toHaveLength(1);
  });

  it('enqueues reprints and test prints with unique versions', () => {
    const r1 = enqueueReprint(db, 1, 'kitchen', T1);
    const r2 = enqueueReprint(db, 1, 'kitchen', T1);
    expect(r1).not.toBeNull();
    expect(r2).not.toBeNull();
    expect(r1).not.toBe(r2);
    expect(getJob(db, r1!)).toMatchObject({ kind: 'reprint', payload: { order: { id: 1, status: 2 } } });
    expect(enqueueReprint(db, 999, 'kitchen', T1)).toBeNull();
    const t = enqueueTestPrint(db, 'kitchen', T1);
    expect(getJob(db, t)).toMatchObject({ kind: 'test', orderId: null, state: 'queued' });
    expect(enqueueTestPrint(db, 'kitchen', T1)).not.toBe(t);
  });

  it('hands every waiting job to the backup in one step, never the one in flight nor a test print', () => {
    const [sending, held, uncertain, failed, queued] = [job(1, 'kitchen', 'a'), job(1, 'kitchen', 'b'), job(1, 'kitchen', 'c'), job(1, 'kitchen', 'd'), job(2)] as number[];
    const printed = job(2, 'kitchen', 'e')!;
    const test = enqueueTestPrint(db, 'kitchen', T0);
    markSending(db, sending!, T0);
    markHeld(db, held!, 'out of paper', T0);
    markUncertain(db, uncertain!, 'out of paper right after the job', T1, T0);
    markFailed(db, failed!, 'refused', T2, T0);
    markSent(db, printed, T0);
    expect(handOverWaiting(db, 'kitchen', 'bar', T1)).toEqual([held, uncertain, failed, queued]);
    // Owned by exactly one queue each: the bar's now prints them in order, due at once.
    expect(headJobFor(db, 'bar')).toMatchObject({ id: held, state: 'queued', printerId: 'kitchen', backupPrinterId: 'bar' });
    expect(getJob(db, uncertain!)).toMatchObject({ state: 'uncertain', possibleDuplicate: true, nextAttemptAt: null, backupPrinterId: 'bar' });
    expect(getJob(db, failed!)).toMatchObject({ state: 'queued', nextAttemptAt: null });
    expect(headJobFor(db, 'kitchen')).toMatchObject({ id: test, backupPrinterId: null });
    expect(getJob(db, sending!)).toMatchObject({ state: 'sending', backupPrinterId: null });
    expect(pendingCountByPrinter(db)).toEqual({ kitchen: 2, bar: 4 });
    // A crash now: the job in flight is recovered where it was, and handed over like any waiting job.
    expect(recoverInterrupted(db, T2)).toBe(1);
    expect(handOverWaiting(db, 'kitchen', 'bar', T2)).toEqual([sending]);
    expect(getJob(db, sending!)).toMatchObject({ state: 'uncertain', possibleDuplicate: true, backupPrinterId: 'bar' });
    // Along a chain the job keeps its station: the grill prints it for the kitchen.
    expect(handOverWaiting(db, 'bar', 'grill', T2)).toHaveLength(5);
    expect(getJob(db, held!)).toMatchObject({ printerId: 'kitchen', backupPrinterId: 'grill' });
    expect(handOverWaiting(db, 'bar', 'grill', T2)).toEqual([]);
  });

  it('gives jobs waiting at a backup that was removed from the configuration back to their own printer', () => {
    const [waiting, printed] = [job(1, 'kitchen', 'a'), job(1, 'kitchen', 'b')] as number[];
    handOverWaiting(db, 'kitchen', 'bar', T1);
    markSent(db, printed!, T1);
    expect(reclaimFromRemovedBackups(db, ['kitchen', 'bar'], T2)).toEqual([]);
    expect(reclaimFromRemovedBackups(db, ['kitchen'], T2)).toEqual([waiting]);
    expect(headJobFor(db, 'kitchen')).toMatchObject({ id: waiting, backupPrinterId: null });
    expect(getJob(db, printed!)).toMatchObject({ state: 'sent', backupPrinterId: 'bar' });
  });
});
