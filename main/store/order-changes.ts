import type { Db } from './connection.js';
import { statement } from './statements.js';

// Every version of an order the bridge saw, applied or not: the order's history for the window and
// the evidence that a stale event was received and deliberately ignored.

export type OrderChange = {
  orderId: number;
  eventId: string;
  eventType: string;
  status: number;
  updatedAt: string;
  applied: boolean;
  note: string;
  at: string;
};

type OrderChangeRow = {
  order_id: number;
  event_id: string;
  event_type: string;
  status: number;
  updated_at: string;
  applied: number;
  note: string;
  at: string;
};

export function recordOrderChange(db: Db, change: OrderChange): void {
  statement(db,
    `INSERT INTO order_changes (order_id, event_id, event_type, status, updated_at, applied, note, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    change.orderId,
    change.eventId,
    change.eventType,
    change.status,
    change.updatedAt,
    change.applied ? 1 : 0,
    change.note,
    change.at,
  );
}

/** Oldest first, in the order the bridge received them. */
export function changesForOrder(db: Db, orderId: number): OrderChange[] {
  const rows = statement(db, 'SELECT * FROM order_changes WHERE order_id = ? ORDER BY id').all(orderId) as OrderChangeRow[];
  return rows.map((r) => ({
    orderId: r.order_id,
    eventId: r.event_id,
    eventType: r.event_type,
    status: r.status,
    updatedAt: r.updated_at,
    applied: r.applied === 1,
    note: r.note,
    at: r.at,
  }));
}
