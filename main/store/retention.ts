import type { Db } from './connection.js';
import { statement } from './statements.js';

// Old history leaves the file in small batches, each its own short transaction, so the printer queues
// and the window never wait long for the write lock. Never pruned: an order still open, an order with
// a print job not done, an action not yet sent or a ticket still scheduled, and the relay events the
// cursor still needs (those after it, and the newest one, which dates a gap in the stream).
// An order goes with what only describes it (its versions, jobs, history, actions, schedule, and its
// missed-acceptance mark: the day in numbers keeps its own figures apart from the orders). An "86" mark
// goes once it has ended before the retention and before every order still kept was first seen (a
// mark flags the orders that arrived while it was open, so no kept card or reprint can lose its flag),
// with its writes to klikit, unless one is still on its way.

/** Nothing more will happen to a job in these states: printed, skipped, or failed for good. */
const DONE_JOB_SQL = `(state IN ('sent', 'confirmed', 'skipped') OR (state = 'failed' AND next_attempt_at IS NULL))`;

/** Where the last batch of orders stopped: the next one scans on from there instead of rescanning kept orders. */
export type OrderScanCursor = { firstSeenAt: string; id: number };

export type PruneOrdersRequest = {
  /** Orders first seen and last changed before this instant (ISO) may go. */
  beforeIso: string;
  /** Status codes of orders that are over (done or cancelled). */
  closedStatuses: readonly number[];
  /** Orders looked at in one batch (kept ones included): bounds the transaction. */
  limit: number;
  after?: OrderScanCursor | null;
};

export type PruneOrdersResult = { pruned: number; next: OrderScanCursor | null };

/** One batch: deletes the prunable orders among the next `limit` old ones. `next` is null when the pass is over. */
export function pruneOrders(db: Db, request: PruneOrdersRequest): PruneOrdersResult {
  return db.transaction((): PruneOrdersResult => {
    const scanned = statement(db,
      `SELECT id, first_seen_at AS firstSeenAt FROM orders
       WHERE first_seen_at < @before AND (@afterAt IS NULL OR (first_seen_at, id) > (@afterAt, @afterId))
       ORDER BY first_seen_at, id LIMIT @limit`,
    ).all({ before: request.beforeIso, afterAt: request.after?.firstSeenAt ?? null, afterId: request.after?.id ?? null, limit: request.limit }) as OrderScanCursor[];
    if (scanned.length === 0) return { pruned: 0, next: null };
    const prunable = statement(db,
      `SELECT json_group_array(o.id) AS ids FROM orders o
       WHERE o.id IN (SELECT value FROM json_each(@scanned))
         AND o.last_event_at < @before
         AND o.status IN (SELECT value FROM json_each(@closed))
         AND NOT EXISTS (SELECT 1 FROM print_jobs j WHERE j.order_id = o.id AND NOT ${DONE_JOB_SQL})
         AND NOT EXISTS (SELECT 1 FROM order_actions a WHERE a.order_id = o.id AND a.state IN ('held', 'pending'))
         AND NOT EXISTS (SELECT 1 FROM scheduled_prints s WHERE s.order_id = o.id AND s.state = 'waiting')`,
    ).get({ scanned: JSON.stringify(scanned.map((o) => o.id)), before: request.beforeIso, closed: JSON.stringify(request.closedStatuses) }) as { ids: string };
    const ids = prunable.ids;
    for (const sql of [
      'DELETE FROM print_jobs WHERE order_id IN (SELECT value FROM json_each(?))',
      'DELETE FROM order_versions WHERE order_id IN (SELECT value FROM json_each(?))',
      'DELETE FROM order_changes WHERE order_id IN (SELECT value FROM json_each(?))',
      'DELETE FROM order_actions WHERE order_id IN (SELECT value FROM json_each(?))',
      'DELETE FROM scheduled_prints WHERE order_id IN (SELECT value FROM json_each(?))',
      'DELETE FROM missed_orders WHERE order_id IN (SELECT value FROM json_each(?))',
    ]) {
      statement(db, sql).run(ids);
    }
    const pruned = statement(db, 'DELETE FROM orders WHERE id IN (SELECT value FROM json_each(?))').run(ids).changes;
    return { pruned, next: scanned.length < request.limit ? null : scanned.at(-1)! };
  })();
}

/** One batch of done print jobs that belong to no order (test prints) last touched before `beforeIso`. */
export function pruneOrderlessJobs(db: Db, beforeIso: string, limit: number): number {
  return statement(db,
    `DELETE FROM print_jobs WHERE id IN (
       SELECT id FROM print_jobs WHERE order_id IS NULL AND updated_at < ? AND ${DONE_JOB_SQL} LIMIT ?)`,
  ).run(beforeIso, limit).changes;
}

/**
 * One batch of events received before `beforeIso`. A relay event at or before the cursor is done
 * with (the relay was acked for it); the newest relay event stays, since it dates a gap in the stream.
 */
export function pruneEvents(db: Db, beforeIso: string, relayCursor: number, limit: number): number {
  return statement(db,
    `DELETE FROM events WHERE id IN (
       SELECT id FROM events WHERE received_at < @before
         AND (seq IS NULL OR (seq <= @cursor AND seq < (SELECT max(seq) FROM events)))
       LIMIT @limit)`,
  ).run({ before: beforeIso, cursor: relayCursor, limit }).changes;
}

/** One batch of "86" marks ended before `beforeIso` and before any kept order arrived, with their writes to klikit. */
export function pruneStockMarks(db: Db, beforeIso: string, limit: number): number {
  return db.transaction((): number => {
    const { ids } = statement(db,
      `SELECT json_group_array(id) AS ids FROM (
         SELECT m.id FROM stock_marks m
         WHERE m.ended_at IS NOT NULL AND m.ended_at < @before
           AND m.ended_at <= coalesce((SELECT min(first_seen_at) FROM orders), m.ended_at)
           AND NOT EXISTS (SELECT 1 FROM stock_writes w WHERE w.mark_id = m.id AND w.state = 'pending')
         ORDER BY m.id LIMIT @limit)`,
    ).get({ before: beforeIso, limit }) as { ids: string };
    statement(db, 'DELETE FROM stock_writes WHERE mark_id IN (SELECT value FROM json_each(?))').run(ids);
    return statement(db, 'DELETE FROM stock_marks WHERE id IN (SELECT value FROM json_each(?))').run(ids).changes;
  })();
}

/**
 * Gives up to `pages` free pages back to the file system, in a file created with incremental
 * auto-vacuum; elsewhere free pages are simply reused by the next writes. Returns the pages freed.
 */
export function releaseFreePages(db: Db, pages: number): number {
  if (db.pragma('auto_vacuum', { simple: true }) !== 2) return 0;
  const before = db.pragma('freelist_count', { simple: true }) as number;
  if (before === 0) return 0;
  db.pragma(`incremental_vacuum(${pages})`);
  return before - (db.pragma('freelist_count', { simple: true }) as number);
}
