import type { Db } from './connection.js';
import { packOrderBody, parsePackedBody } from './order-body.js';
import { bodyDigest } from './orders.js';
import { statement } from './statements.js';

// The print outbox. Ingest writes jobs in the same transaction as the order change; the per-printer
// queue is the only writer of state transitions afterwards. Every transition stamps updated_at.
// A job references the order versions it prints (order_versions, one row per distinct body of an
// order) rather than carrying copies: the payload column keeps only the job's own fields (a note).

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
  /** What the cook will not see on the bytes last sent (boxes or stand-ins); empty when nothing. */
  warning: string;
  /** The backup printer whose queue owns the job since its own printer was held too long; null: its own. */
  backupPrinterId: string | null;
};

/** The schema version that indexes print jobs as their queries read them (main/store/migrations.ts). */
export const JOB_INDEXES_VERSION = 18;
/** The schema version that dropped print_jobs_pending (main/store/migrations.ts). */
export const PENDING_INDEX_DROPPED_VERSION = 19;

/**
 * Jobs waiting for the queue. A 'failed' job waits only while it has a next attempt: one with
 * next_attempt_at NULL failed for good (its ticket cannot be rendered) and stays visible as failed.
 * Word for word the WHERE of the partial index print_jobs_owner_waiting (migration 11): SQLite uses a
 * partial index only for a query that repeats its condition.
 */
const WAITING_SQL = `(state IN ('queued', 'uncertain', 'held') OR (state = 'failed' AND next_attempt_at IS NOT NULL))`;
/**
 * The printer whose queue owns a job: its own, or the backup it was handed to. Word for word the
 * expression of the index print_jobs_owner_waiting (migration 11), for the same reason.
 */
const OWNER_SQL = 'COALESCE(backup_printer_id, printer_id)';
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
  warning: string;
  backup_printer_id: string | null;
  order_body: Uint8Array | null;
  previous_body: Uint8Array | null;
};

/**
 * The packed body (order-body.ts) of the order version joined as `alias`: its own, or, for the order's
 * current version (NULL: stored once, in orders), the order's.
 */
export function versionBodySql(alias: string): string {
  return `COALESCE(${alias}.packed_body, (SELECT packed_body FROM orders WHERE orders.id = ${alias}.order_id AND ${alias}.packed_body IS NULL))`;
}

/** A job row with the bodies of the versions it references. */
const JOB_SELECT = `SELECT print_jobs.*, ${versionBodySql('v')} AS order_body, ${versionBodySql('p')} AS previous_body FROM print_jobs
  LEFT JOIN order_versions v ON v.id = print_jobs.order_version_id
  LEFT JOIN order_versions p ON p.id = print_jobs.previous_version_id`;

function payloadOf(row: JobRow): JobPayload {
  const own = JSON.parse(row.payload) as Omit<JobPayload, 'order' | 'previous'>;
  const order = row.order_body === null ? null : parsePackedBody(row.order_body);
  return row.previous_body === null ? { ...own, order } : { ...own, order, previous: parsePackedBody(row.previous_body) };
}

function toJob(row: JobRow): PrintJob {
  return {
    id: row.id,
    orderId: row.order_id,
    printerId: row.printer_id,
    kind: row.kind,
    version: row.version,
    state: row.state,
    payload: payloadOf(row),
    possibleDuplicate: row.possible_duplicate === 1,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
    warning: row.warning,
    backupPrinterId: row.backup_printer_id,
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
  /** The order_versions id of `payload.order` when the caller just stored it (upsertOrder): spares hashing it again. */
  orderVersionId?: number;
};

/** Runs `write` in a transaction of its own, or in the caller's: a savepoint per row is a cost ingest pays per job. */
function atomically<T>(db: Db, write: () => T): T {
  return db.inTransaction ? write() : db.transaction(write)();
}

/** The id of the stored version with this body, stored now if it is new; null for no body. */
function versionId(db: Db, orderId: number | null, body: unknown): number | null {
  if (body == null) return null;
  const text = JSON.stringify(body);
  const digest = bodyDigest(text);
  const found = statement(db, 'SELECT id FROM order_versions WHERE order_id IS ? AND digest = ?').get(orderId, digest) as
    | { id: number }
    | undefined;
  if (found) return found.id;
  const row = statement(db, 'INSERT INTO order_versions (order_id, digest, packed_body) VALUES (?, ?, ?) RETURNING id').get(
    orderId,
    digest,
    packOrderBody(text),
  ) as { id: number };
  return row.id;
}

/** The payload split into its version references and the job's own fields. */
function storedPayload(db: Db, orderId: number | null, payload: JobPayload, orderVersionId?: number): [string, number | null, number | null] {
  const { order, previous, ...own } = payload;
  return [JSON.stringify(own), orderVersionId ?? versionId(db, orderId, order), versionId(db, orderId, previous)];
}

/** Returns the new job's id, or null when the same (order, kind, version, printer) already exists. */
export function enqueueJob(db: Db, job: NewJob): number | null {
  return atomically(db, () => {
    // run() and the rowid rather than RETURNING, which SQLite serves through a temporary table.
    const result = statement(db,
      `INSERT INTO print_jobs (order_id, printer_id, kind, version, state, payload, order_version_id,
                               previous_version_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)
       ON CONFLICT (order_id, kind, version, printer_id) DO NOTHING`,
    ).run(job.orderId, job.printerId, job.kind, job.version, ...storedPayload(db, job.orderId, job.payload, job.orderVersionId), job.now, job.now);
    return result.changes === 1 ? Number(result.lastInsertRowid) : null;
  });
}

export function getJob(db: Db, id: number): PrintJob | undefined {
  const row = statement(db, `${JOB_SELECT} WHERE print_jobs.id = ?`).get(id) as JobRow | undefined;
  return row && toJob(row);
}

/**
 * The head job of a printer's queue: the oldest one it owns still to be printed, due or not. Tickets
 * print in order, so the queue waits for the head's `nextAttemptAt` rather than let a later ticket
 * overtake it. Held jobs are included: the queue decides when the printer is back.
 */
export function headJobFor(db: Db, printerId: string): PrintJob | undefined {
  const row = statement(db,
    `${JOB_SELECT} WHERE print_jobs.id = (
       SELECT id FROM print_jobs INDEXED BY print_jobs_owner_waiting WHERE ${OWNER_SQL} = ? AND ${WAITING_SQL} ORDER BY id LIMIT 1)`,
  ).get(printerId) as JobRow | undefined;
  return row && toJob(row);
}

/** The bytes leave now; `warning` says what of them the cook will not see ('' for nothing). */
export function markSending(db: Db, id: number, nowIso: string, warning = ''): void {
  statement(db, `UPDATE print_jobs SET state = 'sending', next_attempt_at = NULL, warning = ?, updated_at = ? WHERE id = ?`).run(
    warning,
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

/** The printer recovered: the held jobs its queue owns go back to the queue. Returns how many were released. */
export function releaseHeld(db: Db, printerId: string, nowIso: string): number {
  return statement(db,
    `UPDATE print_jobs SET state = 'queued', next_attempt_at = NULL, updated_at = ?
     WHERE ${OWNER_SQL} = ? AND state = 'held'`,
  ).run(nowIso, printerId).changes;
}

/**
 * A printer held too long gives every waiting job its queue owns, except its own test prints, to the
 * backup's queue, in one statement: a job is owned by one queue before and by the other after, never
 * by both or neither. A job in flight ('sending') is not waiting and stays; one whose outcome was
 * unknown keeps its POSSIBLE DUPLICATE mark. Held and failed jobs are due at once on the backup.
 * Returns the ids handed over.
 */
export function handOverWaiting(db: Db, fromPrinterId: string, toPrinterId: string, nowIso: string): number[] {
  const rows = statement(db,
    `UPDATE print_jobs SET backup_printer_id = CASE WHEN printer_id = ? THEN NULL ELSE ? END,
       state = CASE WHEN state IN ('held', 'failed') THEN 'queued' ELSE state END,
       next_attempt_at = NULL, updated_at = ?
     WHERE ${OWNER_SQL} = ? AND kind != 'test' AND ${WAITING_SQL}
     RETURNING id`,
  ).all(toPrinterId, toPrinterId, nowIso, fromPrinterId) as { id: number }[];
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** A job that will never be printed (e.g. its order was cancelled first); the reason stays visible. */
export function markSkipped(db: Db, id: number, reason: string, nowIso: string): void {
  statement(db, `UPDATE print_jobs SET state = 'skipped', last_error = ?, updated_at = ? WHERE id = ?`).run(
    reason,
    nowIso,
    id,
  );
}

/**
 * A newer version of a not-yet-printed ticket. A job that failed for good (its old payload could not
 * be rendered) goes back to the queue: the new payload deserves its own chance to print.
 */
export function replacePayload(db: Db, id: number, payload: JobPayload, nowIso: string, orderVersionId?: number): void {
  atomically(db, () => {
    const job = statement(db, 'SELECT order_id FROM print_jobs WHERE id = ?').get(id) as { order_id: number | null } | undefined;
    if (!job) return;
    statement(db,
      `UPDATE print_jobs SET payload = ?, order_version_id = ?, previous_version_id = ?, updated_at = ?,
         state = CASE WHEN state = 'failed' AND next_attempt_at IS NULL THEN 'queued' ELSE state END
       WHERE id = ?`,
    ).run(...storedPayload(db, job.order_id, payload, orderVersionId), nowIso, id);
  });
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
  const rows = statement(db, `${JOB_SELECT} WHERE print_jobs.order_id = ? ORDER BY print_jobs.id`).all(orderId) as JobRow[];
  return rows.map(toJob);
}

/**
 * At start-up: waiting jobs handed to a backup that is no longer configured go back to their own
 * printer's queue, which would otherwise never print them. Returns their ids.
 */
export function reclaimFromRemovedBackups(db: Db, printerIds: readonly string[], nowIso: string): number[] {
  const rows = statement(db,
    `UPDATE print_jobs SET backup_printer_id = NULL, updated_at = ?
     WHERE backup_printer_id IS NOT NULL AND backup_printer_id NOT IN (SELECT value FROM json_each(?)) AND ${WAITING_SQL}
     RETURNING id`,
  ).all(nowIso, JSON.stringify(printerIds)) as { id: number }[];
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** Jobs waiting or in flight, per printer whose queue owns them (printers with none are absent). */
export function pendingCountByPrinter(db: Db): Record<string, number> {
  const rows = statement(db,
    `SELECT ${OWNER_SQL} AS owner, COUNT(*) AS n FROM print_jobs WHERE (state = 'sending' OR ${WAITING_SQL}) GROUP BY owner`,
  ).all() as { owner: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.owner, r.n]));
}

export type ListJobsQuery = { states?: readonly JobState[]; printerId?: string; limit: number };

/** Newest first. */
export function listJobs(db: Db, query: ListJobsQuery): PrintJob[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.states && query.states.length > 0) {
    where.push(`print_jobs.state IN (${placeholders(query.states.length)})`);
    params.push(...query.states);
  }
  if (query.printerId !== undefined) {
    where.push('print_jobs.printer_id = ?');
    params.push(query.printerId);
  }
  const rows = statement(db,
    `${JOB_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY print_jobs.id DESC LIMIT ?`,
  ).all(...params, query.limit) as JobRow[];
  return rows.map(toJob);
}

/** A version no job has yet: the next job id is unique, and read from the end of the table without an index. */
function uniqueVersion(db: Db, kind: JobKind, nowIso: string): string {
  const { next } = statement(db, 'SELECT COALESCE(MAX(id), 0) + 1 AS next FROM print_jobs').get() as { next: number };
  return `${kind}:${nowIso}:${next}`;
}

/**
 * A deliberate reprint of the order's current body (the ticket carries a REPRINT banner). Returns the
 * job id, or null when the order is unknown.
 */
export function enqueueReprint(db: Db, orderId: number, printerId: string, nowIso: string): number | null {
  return db.transaction(() => {
    const order = statement(db, 'SELECT packed_body FROM orders WHERE id = ?').get(orderId) as { packed_body: Uint8Array } | undefined;
    if (!order) return null;
    return enqueueJob(db, {
      orderId,
      printerId,
      kind: 'reprint',
      version: uniqueVersion(db, 'reprint', nowIso),
      payload: { order: parsePackedBody(order.packed_body) },
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
      version: uniqueVersion(db, 'test', nowIso),
      payload: { order: null, note },
      now: nowIso,
    });
    if (id === null) throw new Error('a test print version collided');
    return id;
  })();
}
