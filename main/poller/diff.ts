import { orderVersion, type Order } from '../klikit/schemas.js';

// What a fallback poll feeds to ingest for one order read from klikit's API, decided by diffing
// against what the store already holds. The poll cannot tell a cart edit from a status move, so a
// known order that changed goes in as `status.updated` and ingest compares the cart itself.

export type KnownOrder = { status: number; updatedAt: string };

export type PollEvent = {
  eventId: string;
  eventType: 'klikit.order.created.v2' | 'klikit.order.status.updated';
  body: { brand_id: number; branch_id: number; orders: [Order] };
};

export function pollEventId(order: Order): string {
  return `poll:${order.id}:${orderVersion(order)}`;
}

/** The event to ingest for `order`, or null when the store already has this version (or a newer one). */
export function diffOrder(order: Order, known: KnownOrder | undefined, branchId: number): PollEvent | null {
  const version = orderVersion(order);
  if (known) {
    const knownVersion = new Date(known.updatedAt).toISOString();
    if (version < knownVersion) return null;
    if (version === knownVersion && order.status === known.status) return null;
  }
  return {
    eventId: pollEventId(order),
    eventType: known ? 'klikit.order.status.updated' : 'klikit.order.created.v2',
    body: {
      brand_id: order.brand_id ?? order.brands[0]?.id ?? 0,
      branch_id: order.branch_id ?? branchId,
      orders: [order],
    },
  };
}
