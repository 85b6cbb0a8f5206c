import type { Db } from './connection.js';
import { statement } from './statements.js';

// The durable timers of scheduled orders: when each one's kitchen ticket is due, and whether it fired.
// A row leaves 'waiting' exactly once, in the same transaction that enqueues the tickets.

export type ScheduleState = 'waiting' | 'fired' | 'cancelled';
export type ScheduledPrint = { orderId: number; dueAt: string; state: ScheduleState; firedAt: string | null; late: boolean };

type Row = { order_id: number; due_at: string; state: ScheduleState; fired_at: string | null; late: number };
const toSchedule = (r: Row): ScheduledPrint => ({ orderId: r.order_id, dueAt: r.due_at, state: r.state, firedAt: r.fired_at, late: r.late === 1 });

export function getSchedule(db: Db, orderId: number): ScheduledPrint | undefined {
  const row = statement(db, 'SELECT * FROM scheduled_prints WHERE order_id = ?').get(orderId) as Row | undefined;
  return row && toSchedule(row);
}

/** Starts the timer, or moves a waiting one to a new time (klikit changed the scheduled time). */
export function scheduleAt(db: Db, orderId: number, dueAt: string): void {
  statement(db,
    `INSERT INTO scheduled_prints (order_id, due_at, state) VALUES (?, ?, 'waiting')
     ON CONFLICT (order_id) DO UPDATE SET due_at = excluded.due_at WHERE state = 'waiting'`,
  ).run(orderId, dueAt);
}

export function cancelSchedule(db: Db, orderId: number): void {
  statement(db, `UPDATE scheduled_prints SET state = 'cancelled' WHERE order_id = ? AND state = 'waiting'`).run(orderId);
}

/** Waiting timers due at or before `nowIso`, oldest first. */
export function dueSchedules(db: Db, nowIso: string): ScheduledPrint[] {
  const rows = statement(db, `SELECT * FROM scheduled_prints WHERE state = 'waiting' AND due_at <= ? ORDER BY due_at, order_id`).all(nowIso) as Row[];
  return rows.map(toSchedule);
}

/** Returns false when the timer already fired or was cancelled: the caller must then enqueue nothing. */
export function markScheduleFired(db: Db, orderId: number, nowIso: string, late: boolean): boolean {
  return (
    statement(db, `UPDATE scheduled_prints SET state = 'fired', fired_at = ?, late = ? WHERE order_id = ? AND state = 'waiting'`).run(
      nowIso,
      late ? 1 : 0,
      orderId,
    ).changes === 1
  );
}
