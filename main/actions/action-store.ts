import type { OrderAction } from '../../common/order-actions.js';
import type { Db } from '../store/connection.js';
import { statement } from '../store/statements.js';

// The order_actions table: the durable outbox of staff's actions on orders (migration "order actions").

export type ActionRow = {
  id: number;
  order_id: number;
  action: OrderAction;
  reason_code: string | null;
  idempotency_key: string;
  state: 'pending' | 'sent' | 'refused';
  attempts: number;
  last_error: string;
  next_attempt_at: string;
  created_at: string;
  updated_at: string;
};

export type NewAction = { orderId: number; action: OrderAction; reasonCode: string | null; idempotencyKey: string; at: string };

export function insertAction(db: Db, a: NewAction): number {
  const result = statement(
    db,
    `INSERT INTO order_actions (order_id, action, reason_code, idempotency_key, state, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`,
  ).run(a.orderId, a.action, a.reasonCode, a.idempotencyKey, a.at, a.at, a.at);
  return Number(result.lastInsertRowid);
}

export function pendingActionOf(db: Db, orderId: number): ActionRow | undefined {
  return statement(db, `SELECT * FROM order_actions WHERE order_id = ? AND state = 'pending' ORDER BY id LIMIT 1`).get(orderId) as ActionRow | undefined;
}

/** The oldest pending action, whether due or not: actions go out one at a time, in the order staff made them. */
export function nextPendingAction(db: Db): ActionRow | undefined {
  return statement(db, `SELECT * FROM order_actions WHERE state = 'pending' ORDER BY id LIMIT 1`).get() as ActionRow | undefined;
}

export function latestActionsOf(db: Db, orderIds: readonly number[]): ActionRow[] {
  if (orderIds.length === 0) return [];
  return statement(
    db,
    `SELECT * FROM order_actions WHERE id IN (SELECT max(id) FROM order_actions WHERE order_id IN (SELECT value FROM json_each(?)) GROUP BY order_id)`,
  ).all(JSON.stringify(orderIds)) as ActionRow[];
}

export function refusedActions(db: Db, limit: number): ActionRow[] {
  return statement(db, `SELECT * FROM order_actions WHERE state = 'refused' ORDER BY id DESC LIMIT ?`).all(limit) as ActionRow[];
}

export function markSent(db: Db, id: number, at: string): void {
  statement(db, `UPDATE order_actions SET state = 'sent', attempts = attempts + 1, last_error = '', updated_at = ? WHERE id = ?`).run(at, id);
}

export function markRefused(db: Db, id: number, error: string, at: string): void {
  statement(db, `UPDATE order_actions SET state = 'refused', attempts = attempts + 1, last_error = ?, updated_at = ? WHERE id = ?`).run(error, at, id);
}

export function markRetry(db: Db, id: number, error: string, nextAttemptAt: string, at: string): void {
  statement(db, `UPDATE order_actions SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?`).run(error, nextAttemptAt, at, id);
}

/** A paused action (credentials refused) keeps its attempt count: it has not been answered yet. */
export function notePaused(db: Db, id: number, error: string, at: string): void {
  statement(db, `UPDATE order_actions SET last_error = ?, updated_at = ? WHERE id = ?`).run(error, at, id);
}

export function makeDue(db: Db, id: number, at: string): void {
  statement(db, 'UPDATE order_actions SET next_attempt_at = ? WHERE id = ?').run(at, id);
}

export function actionsOf(db: Db, orderId: number): ActionRow[] {
  return statement(db, 'SELECT * FROM order_actions WHERE order_id = ? ORDER BY id').all(orderId) as ActionRow[];
}
