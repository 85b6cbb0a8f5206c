import type { Db } from './connection.js';
import { statement } from './statements.js';

// The kitchen's recent orders with whether staff (or the bridge) ever acted on the whole order: what
// the auto-accept rule reads to know how busy the kitchen is and which waiting orders it may accept.

/** `packedBody`: unpack with order-body.ts, only for the orders that need it. */
export type RecentOrder = { id: number; status: number; packedBody: Uint8Array; firstSeenAt: string; acted: boolean };

export function recentOrdersWithActions(db: Db, sinceIso: string): RecentOrder[] {
  const rows = statement(db,
    `SELECT o.id, o.status, o.packed_body AS packedBody, o.first_seen_at AS firstSeenAt,
            EXISTS (SELECT 1 FROM order_actions a WHERE a.order_id = o.id AND a.station IS NULL) AS acted
       FROM orders o WHERE o.first_seen_at >= ? ORDER BY o.first_seen_at, o.id`,
  ).all(sinceIso) as Array<Omit<RecentOrder, 'acted'> & { acted: number }>;
  return rows.map((r) => ({ ...r, acted: r.acted === 1 }));
}
