import type { Db } from './connection.js';
import { statement } from './statements.js';

// The print outbox. Ingest writes jobs in the same transaction as the order change; the per-printer
// queue is the only writer of state transitions afterwards. Every transition stamps updated_at.

export type JobKind = 'new' | 'update' | 'cancel' | 'reprint' | 'test';
export type JobState = 'queued' | 'sending' | 'sent' | 'confirmed' | 'held' | 'failed' | 'uncertain' | 'skipped';
export type JobPayload = {
  /** The order body (klikit JSON) as stored. */
  order: unknown;
  /** For 'update': the body printed before, to mark changed lines. */
  previous?: unknown;
  note?: string;
  /** A scheduled order's short SCHEDULED slip (its kitchen ticket prints at `printsAt`). */
  slip?: { printsAt: string };
  /** A scheduled kitchen ticket that fired late (the bridge was off at its time). */
  late?: { dueAt: string };
};
export type PrintJob = {
  id: number;
  orderId: number | null;
  printerId: string;
  kind: JobKind;
  version: string;
  state: JobState;
  payload: JobPayload;
  possibleDuplicate: boolean;
  attempts: number;
  lastError: string;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
};

/**
 * Jobs waiting for the queue. A 'failed' job waits only while it has a next attempt: one with
 * next_attempt_at NULL failed for good (its ticket cannot be rendered) and stays visible as failed.
 */
const WAITING_SQL = `(state IN ('queued', 'uncertain', 'held') OR (state = 'failed' AND next_attempt_at IS NOT NULL))`;
/** States in which bytes may have reached the paper: the kitchen may have seen the ticket. */
export const PRINTED_STATES: readonly JobState[] = ['sending', 'sent', 'confirmed', 'uncertain'];
/** States in which the ticket certainly never reached the paper. */
export const UNPRINTED_STATES: readonly JobState[] = ['queued', 'failed', 'held'];

type JobRow = {
  id: number;
  order_id: number | null;
  printer_id: string;
  kind: JobKind;
  version: string;
  state: JobState;
  payload: string;
  possible_duplicate: number;
  attempts: number;
  last_error: string;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
};

function toJob(row: JobRow): PrintJob {
  return {
    id: row.id,
    orderId: row.order_id,
    printerId: row.printer_id,
    kind: row.kind,
    version: row.version,
    state: row.state,
    payload: JSON.parse(row.payload) as JobPayload,
    possibleDuplicate: row.possible_duplicate === 1,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
  };
}

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

export type NewJob = {
  orderId: number | null;
  printerId: string;
  kind: JobKind;
  version: string;
  payload: JobPayload;
  now: string;
};

/** Returns the new job's id, or null when the same (order, kind, version, printer) already exists. */
export function enqueueJob(db: Db, job: NewJob): number | null {
  const row = statement(db,
    `INSERT INTO print_jobs (order_id, printer_id, kind, version, state, payload, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)
     ON CONFLICT (order_id, kind, version, printer_id) DO NOTHING
     RETURNING id`,
  ).get(job.orderId, job.printerId, job.kind, job.version, JSON.stringify(job.payload), job.now, job.now) as
    | { id: number }
    | undefined;
  return row?.id ?? null;
}

export function getJob(db: Db, id: number): PrintJob | undefined {
  const row = statement(db, 'SELECT * FROM print_jobs WHERE id = ?').get(id) as JobRow | undefined;
  return row && toJob(row);
}

/**
 * The printer's head job: the oldest one still to be printed, due or not. Tickets print in order, so
 * the queue waits for the head's `nextAttemptAt` rather than let a later ticket overtake it. Held jobs
 * are included: the queue decides when the printer is back.
 */
export function headJobFor(db: Db, printerId: string): PrintJob | undefined {
  const row = statement(db,
    `SELECT * FROM print_jobs
     WHERE printer_id = ? AND ${WAITING_SQL}
     ORDER BY id LIMIT 1`,
  ).get(printerId) as JobRow | undefined;
  return row && toJob(row);
}

export function markSending(db: Db, id: number, nowIso: string): void {
  statement(db, `UPDATE print_jobs SET state = 'sending', next_attempt_at = NULL, updated_at = ? WHERE id = ?`).run(
    nowIso,
    id,
  );
}

export function markSent(db: Db, id: number, nowIso: string): void {
  statement(db,
    `UPDATE print_jobs SET state = 'sent', last_error = '', sent_at = ?, updated_at = ? WHERE id = ?`,
  ).run(nowIso, nowIso, id);
}

export function markConfirmed(db: Db, id: number, nowIso: string): void {
  statement(db,
    `UPDATE print_jobs SET state = 'confirmed', last_error = '', sent_at = COALESCE(sent_at, ?), updated_at = ?
     WHERE id = ?`,
  ).run(nowIso, nowIso, id);
}

/** Nothing was printed. `nextAttemptAtIso` null means never again: the job failed for good. */
export function markFailed(db: Db, id: number, error: string, nextAttemptAtIso: string | null, nowIso: string): void {
  statement(db,
    `UPDATE print_jobs SET state = 'failed', attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
       updated_at = ? WHERE id = ?`,
  ).run(error, nextAttemptAtIso, nowIso, id);
}

/**
 * Bytes may have reached the printer: the retry must carry the POSSIBLE DUPLICATE banner.
 * `nextAttemptAtIso` null means at once.
 */
export function markUncertain(
  db: Db,
  id: number,
  error: string,
  nextAttemptAtIso: string | null,
  nowIso: string,
): void {
  statement(db,
    `UPDATE print_jobs SET state = 'uncertain', possible_duplicate = 1, attempts = attempts + 1, last_error = ?,
       next_attempt_at = ?, updated_at = ? WHERE id = ?`,
  ).run(error, nextAttemptAtIso, nowIso, id);
}

export function markHeld(db: Db, id: number, reason: string, nowIso: string): void {
  statement(db, `UPDATE print_jobs SET state = 'held', last_error = ?, updated_at = ? WHERE id = ?`).run(
    reason,
    nowIso,
    id,
  );
}

/** The printer recovered: its held jobs go back to the queue. Returns how many were released. */
export function releaseHeld(db: Db, printerId: string, nowIso: string): number {
  return statement(db,
    `UPDATE print_jobs SET state = 'queued', next_attempt_at = NULL, updated_at = ?
     WHERE printer_id = ? AND state = 'held'`,
  ).run(nowIso, printerId).changes;
}

/** A job that will never be printed (e.g. its order was cancelled first); the reason stays visible. */
export function markSkipped(db: Db, id: number, reason: string, nowIso: string): void {
  statement(db, `UPDATE print_jobs SET state = 'skipped', last_error = ?, updated_at = ? WHERE id = ?`).run(
    reason,
    nowIso,
    id,
  );
}

/** Replaces a not-yet-printed job's payload, so the kitchen gets one ticket with the newest cart. */
/**
 * A newer version of a not-yet-printed ticket. A job that failed for good (its old payload could not
 * be rendered) goes back to the queue: the new payload deserves its own chance to print.
 */
export function replacePayload(db: Db, id: number, payload: JobPayload, nowIso: string): void {
  statement(db,
    `UPDATE print_jobs SET payload = ?, updated_at = ?,
       state = CASE WHEN state = 'failed' AND next_attempt_at IS NULL THEN 'queued' ELSE state END
     WHERE id = ?`,
  ).run(
    JSON.stringify(payload),
    nowIso,
    id,
  );
}

/**
 * At start-up nothing can be mid-send: a job left in 'sending' was interrupted by a crash, and its
 * bytes may or may not be on paper. Returns how many jobs were recovered.
 */
export function recoverInterrupted(db: Db, nowIso: string): number {
  return statement(db,
    `UPDATE print_jobs SET state = 'uncertain', possible_duplicate = 1, next_attempt_at = NULL,
       last_error = 'interrupted while sending', updated_at = ?
     WHERE state = 'sending'`,
  ).run(nowIso).changes;
}

export function jobsForOrder(db: Db, orderId: number): PrintJob[] {
  const rows = statement(db, 'SELECT * FROM print_jobs WHERE order_id = ? ORDER BY id').all(orderId) as JobRow[];
  return rows.map(toJob);
}

/** Jobs waiting or in flight, per printer (printers with none are absent). */
export function pendingCountByPrinter(db: Db): Record<string, number> {
  const rows = statement(db,
    `SELECT printer_id, COUNT(*) AS n FROM print_jobs WHERE (state = 'sending' OR ${WAITING_SQL}) GROUP BY printer_id`,
  ).all() as { printer_id: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.printer_id, r.n]));
}

export type ListJobsQuery = { states?: readonly JobState[]; printerId?: string; limit: number };

/** Newest first. */
export function listJobs(db: Db, query: ListJobsQuery): PrintJob[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.states && query.states.length > 0) {
    where.push(`state IN (${placeholders(query.states.length)})`);
    params.push(...query.states);
  }
  if (query.printerId !== undefined) {
    where.push('printer_id = ?');
    params.push(query.printerId);
  }
  const rows = statement(db,
    `SELECT * FROM print_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
  ).all(...params, query.limit) as JobRow[];
  return rows.map(toJob);
}

function uniqueVersion(db: Db, kind: JobKind, printerId: string, nowIso: string): string {
  const { n } = statement(db, 'SELECT COUNT(*) AS n FROM print_jobs WHERE kind = ? AND printer_id = ?')
    .get(kind, printerId) as { n: number };
  return `${kind}:${nowIso}:${n + 1}`;
}

/**
 * A deliberate reprint of the order's current body (the ticket carries a REPRINT banner). Returns the
 * job id, or null when the order is unknown.
 */
export function enqueueReprint(db: Db, orderId: number, printerId: string, nowIso: string): number | null {
  return db.transaction(() => {
    const order = statement(db, 'SELECT body FROM orders WHERE id = ?').get(orderId) as { body: string } | undefined;
    if (!order) return null;
    return enqueueJob(db, {
      orderId,
      printerId,
      kind: 'reprint',
      version: uniqueVersion(db, 'reprint', printerId, nowIso),
      payload: { order: JSON.parse(order.body) as unknown },
      now: nowIso,
    });
  })();
}

/** A test page for one printer, not tied to any order. */
export function enqueueTestPrint(db: Db, printerId: string, nowIso: string, note = 'test print'): number {
  return db.transaction(() => {
    const id = enqueueJob(db, {
      orderId: null,
      printerId,
      kind: 'test',
      version: uniqueVersion(db, 'test', printerId, nowIso),
      payload: { order: null, note },
      now: nowIso,
    });
    if (id === null) throw new Error('a test print version collided');
    return id;
  })();
}
