import type { Db } from '../store/connection.js';
import { getOrder } from '../store/orders.js';
import { statusEntry, type StatusTable } from '../klikit/enums.js';
import type { Clock } from '../../ground/clock.js';
import type { OrderIndex } from '../poller/poller.js';

/** Orders older than this are not refreshed one by one: the kitchen is long done with them. */
const OPEN_ORDER_HORIZON_MS = 48 * 3_600_000;

/** The poller's view of the store: what version of an order it holds, and which orders are still open. */
export function createOrderIndex(db: Db, clock: Clock, statusTable: StatusTable): OrderIndex {
  const recent = db.prepare('SELECT id, status FROM orders WHERE first_seen_at >= ? ORDER BY first_seen_at DESC');
  return {
    known(id) {
      const order = getOrder(db, id);
      return order && { status: order.status, updatedAt: order.updatedAt };
    },
    openOrderIds() {
      const since = new Date(clock.now() - OPEN_ORDER_HORIZON_MS).toISOString();
      const rows = recent.all(since) as { id: number; status: number }[];
      return rows.filter((r) => ['open', 'scheduled'].includes(statusEntry(r.status, statusTable).kind)).map((r) => r.id);
    },
  };
}
