import { orderSchema } from '../klikit/schemas.js';
import type { IncomingEvent, IngestResult } from '../ingest/ingest.js';
import { diffOrder } from '../poller/diff.js';
import type { Db } from '../store/connection.js';
import { getOrder } from '../store/orders.js';
import { isoAt, type Clock } from '../../ground/clock.js';

/**
 * Feeds klikit's answer to GET /orders/{id} to ingest exactly as the poller would: a version the store
 * already has (or a newer one) changes nothing, an invalid body is quarantined by ingest.
 */
export function createOrderRefresh(db: Db, clock: Clock, ingest: (event: IncomingEvent) => IngestResult): (raw: unknown) => void {
  return (raw) => {
    const parsed = orderSchema.safeParse(raw);
    if (!parsed.success) return;
    const order = parsed.data;
    const stored = getOrder(db, order.id);
    const event = diffOrder(order, stored && { status: stored.status, updatedAt: stored.updatedAt }, stored?.branchId ?? 0);
    if (event) ingest({ ...event, source: 'poll', receivedAt: isoAt(clock) });
  };
}
