import type { OrderAction } from '../../common/order-actions.js';
import type { Db } from '../store/connection.js';
import { statement } from '../store/statements.js';

// The order_actions table: the durable outbox of staff's actions on orders (migrations "order actions"
// and "order actions that can wait, give up, be recalled or stay local").

/**
 * held: a bump waiting out its undo time; pending: on its way to klikit; sent / refused: klikit's
 * answer; failed: given up once it could no longer matter; recalled: undone before it was sent;
 * local: nothing to send (no klikit credentials, or one station's share of a bump).
 */
export type ActionRowState = 'held' | 'pending' | 'sent' | 'refused' | 'failed' | 'recalled' | 'local';

export type ActionRow = {
  id: number;
  order_id: number;
  action: OrderAction;
  reason_code: string | null;
  idempotency_key: string;
  state: ActionRowState;
  /** The station whose lines this bump marks done; null for a bump of the whole order. */
  station: string | null;
  attempts: number;
  /** Words for staff: what happened and what to do. */
  last_error: string;
  /** Codes and request ids, for the order's history and support. */
  detail: string;
  next_attempt_at: string;
  undo_until: string | null;
  created_at: string;
  updated_at: string;
};

export type NewAction = {
  orderId: number;
  action: OrderAction;
  reasonCode: string | null;
  idempotencyKey: string;
  at: string;
  state?: 'held' | 'pending' | 'local';
  station?: string | null;
  undoUntil?: string | null;
  message?: string;
};

export function insertAction(db: Db, a: NewAction): number {
  const undoUntil = a.undoUntil ?? null;
  const result = statement(
    db,
    `INSERT INTO order_actions (order_id, action, reason_code, idempotency_key, state, station, last_error, next_attempt_at, undo_until, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(a.orderId, a.action, a.reasonCode, a.idempotencyKey, a.state ?? 'pending', a.station ?? null, a.message ?? '', undoUntil ?? a.at, undoUntil, a.at, a.at);
  return Number(result.lastInsertRowid);
}

/** The order's first action not yet answered (held or pending): the head of its lane. */
export function pendingActionOf(db: Db, orderId: number): ActionRow | undefined {
  return statement(db, `SELECT * FROM order_actions WHERE order_id = ? AND state IN ('held', 'pending') ORDER BY id LIMIT 1`).get(orderId) as ActionRow | undefined;
}

/** Every action not yet answered, oldest first: a few rows at most (partial index). */
export function openActions(db: Db): ActionRow[] {
  return statement(db, `SELECT * FROM order_actions WHERE state IN ('held', 'pending') ORDER BY id`).all() as ActionRow[];
}

/** Each order's latest whole-order action that was not recalled: what the order's card shows. */
export function latestActionsOf(db: Db, orderIds: readonly number[]): ActionRow[] {
  if (orderIds.length === 0) return [];
  return statement(
    db,
    `SELECT * FROM order_actions WHERE id IN (
       SELECT max(id) FROM order_actions
       WHERE order_id IN (SELECT value FROM json_each(?)) AND station IS NULL AND state != 'recalled'
       GROUP BY order_id)`,
  ).all(JSON.stringify(orderIds)) as ActionRow[];
}

/** The stations whose lines of each order are bumped (not recalled). */
export function stationsDoneOf(db: Db, orderIds: readonly number[]): Map<number, string[]> {
  const done = new Map<number, string[]>();
  if (orderIds.length === 0) return done;
  const rows = statement(
    db,
    `SELECT DISTINCT order_id, station FROM order_actions
     WHERE order_id IN (SELECT value FROM json_each(?)) AND station IS NOT NULL AND state = 'local' ORDER BY order_id, station`,
  ).all(JSON.stringify(orderIds)) as { order_id: number; station: string }[];
  for (const r of rows) done.set(r.order_id, [...(done.get(r.order_id) ?? []), r.station]);
  return done;
}

/** Actions klikit refused or the bridge gave up on, newest first (the Problems list). */
export function unsentActions(db: Db, limit: number): ActionRow[] {
  return statement(db, `SELECT * FROM order_actions WHERE state IN ('refused', 'failed') ORDER BY id DESC LIMIT ?`).all(limit) as ActionRow[];
}

/** How many actions still wait for klikit (held or pending). */
export function waitingActionCount(db: Db): number {
  return (statement(db, `SELECT count(*) AS n FROM order_actions WHERE state IN ('held', 'pending')`).get() as { n: number }).n;
}

/** A held bump whose undo time is over becomes pending (it can no longer be recalled). */
export function release(db: Db, id: number, at: string): boolean {
  return statement(db, `UPDATE order_actions SET state = 'pending', last_error = '', updated_at = ? WHERE id = ? AND state = 'held'`).run(at, id).changes === 1;
}

/** A Ready released by a station's bump: inserted right after it, in the same commit. */
const releasedBy = (bump: ActionRow, ready: ActionRow | undefined): ready is ActionRow =>
  ready !== undefined && ready.station === null && bump.station !== null && ready.id === bump.id + 1 && ready.created_at === bump.created_at;

/**
 * Recalls a bump of the order still inside its undo time: the one a screen made with `station` (null:
 * the whole order) and, when it says so, `undoUntil` (the time its answer gave); without it, the
 * newest with that station. A station's bump goes back with the whole-order bumps made since (they
 * stood on it); a whole-order Ready a station's bump released goes back with that bump. Never another
 * station's bump, nor a whole-order Undo a later station's: each screen undoes its own work.
 * Returns how many rows it recalled.
 */
export function recallBump(db: Db, orderId: number, now: string, station: string | null = null, undoUntil?: string): number {
  const recallable = statement(
    db,
    `SELECT * FROM order_actions WHERE order_id = ? AND state IN ('held', 'local') AND undo_until IS NOT NULL AND undo_until > ? ORDER BY id DESC`,
  ).all(orderId, now) as ActionRow[];
  const bump = recallable.find((row) => row.station === station && (undoUntil === undefined || row.undo_until === undoUntil));
  if (!bump) return 0;
  let ids: number[];
  if (station === null) {
    const releaser = recallable.find((row) => row.id === bump.id - 1);
    ids = releaser !== undefined && releasedBy(releaser, bump) ? [bump.id, releaser.id] : [bump.id];
  } else {
    // A whole-order bump made since (the Ready this or a later station's bump released) stood on this
    // station being done: it goes back too.
    ids = [bump.id, ...recallable.filter((row) => row.station === null && row.id > bump.id).map((row) => row.id)];
  }
  return statement(db, `UPDATE order_actions SET state = 'recalled', last_error = '', updated_at = ? WHERE id IN (SELECT value FROM json_each(?))`).run(now, JSON.stringify(ids)).changes;
}

export function markSent(db: Db, id: number, at: string, detail = ''): void {
  statement(db, `UPDATE order_actions SET state = 'sent', attempts = attempts + 1, last_error = '', detail = ?, updated_at = ? WHERE id = ?`).run(detail, at, id);
}

export function markRefused(db: Db, id: number, words: string, detail: string, at: string): void {
  statement(db, `UPDATE order_actions SET state = 'refused', attempts = attempts + 1, last_error = ?, detail = ?, updated_at = ? WHERE id = ?`).run(words, detail, at, id);
}

export function markFailed(db: Db, id: number, words: string, detail: string, at: string): void {
  statement(db, `UPDATE order_actions SET state = 'failed', attempts = attempts + 1, last_error = ?, detail = ?, updated_at = ? WHERE id = ?`).run(words, detail, at, id);
}

export function markRetry(db: Db, id: number, words: string, detail: string, nextAttemptAt: string, at: string): void {
  statement(db, `UPDATE order_actions SET attempts = attempts + 1, last_error = ?, detail = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?`).run(words, detail, nextAttemptAt, at, id);
}

/** A paused action (credentials refused) keeps its attempt count: it has not been answered yet. */
export function notePaused(db: Db, id: number, words: string, detail: string, at: string): void {
  statement(db, `UPDATE order_actions SET last_error = ?, detail = ?, updated_at = ? WHERE id = ?`).run(words, detail, at, id);
}

/** Pending actions that wait only for the network: due now. */
export function makeAllDue(db: Db, at: string): void {
  statement(db, `UPDATE order_actions SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?`).run(at, at);
}

export function actionsOf(db: Db, orderId: number): ActionRow[] {
  return statement(db, 'SELECT * FROM order_actions WHERE order_id = ? ORDER BY id').all(orderId) as ActionRow[];
}
