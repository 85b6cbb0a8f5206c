import type { Db } from './connection.js';
import { statement } from './statements.js';

// Orders the platform cancelled while they still waited for someone to accept them ("missed"). A
// row is written in the ingest transaction that applies the cancellation, at most once per order,
// and never when staff rejected the order themselves (their Reject is on its way or was sent).

/** The schema version that created missed_orders (main/store/migrations.ts). */
export const MISSED_ORDERS_VERSION = 10;

export type MissedOrder = { orderId: number; providerId: number | null; missedAt: string };

/** Records the order as missed unless it already is, or staff rejected it; true when a row was written. */
export function recordMissed(db: Db, missed: MissedOrder): boolean {
  const result = statement(db,
    `INSERT OR IGNORE INTO missed_orders (order_id, provider_id, missed_at)
     SELECT @orderId, @providerId, @missedAt
      WHERE NOT EXISTS (SELECT 1 FROM order_actions WHERE order_id = @orderId AND action = 'rejected' AND state IN ('held', 'pending', 'sent'))`,
  ).run(missed);
  return result.changes > 0;
}

/** Missed orders since `sinceIso` (inclusive), oldest first. */
export function missedSince(db: Db, sinceIso: string): MissedOrder[] {
  return statement(db, 'SELECT order_id AS orderId, provider_id AS providerId, missed_at AS missedAt FROM missed_orders WHERE missed_at >= ? ORDER BY missed_at')
    .all(sinceIso) as MissedOrder[];
}
