import type { SimOrder } from './order-generator.js';

/** Why a delivery was sent: a genuine klikit event, or a deliberately broken one the bridge must reject. */
export type DeliveryIntent = 'valid' | 'bad-signature' | 'missing-headers' | 'malformed';
export type DeliveryAttempt = { at: number; status?: number; error?: string; responseBody?: string };
export type Delivery = {
  seq: number;
  eventId: string;
  eventType: string;
  body: string;
  signature: string;
  intent: DeliveryIntent;
  /** The order versions the body carries (empty for malformed bodies). */
  orders: SimOrder[];
  attempts: DeliveryAttempt[];
  outcome: 'pending' | 'delivered' | 'gave-up';
};

/**
 * The simulator's record of truth: what klikit knows (every published order version) and what it
 * told the relay (every delivery and its outcome). The chaos run checks the bridge against it, and the
 * partner API serves the latest published versions from it.
 */
export type SimulatorRecord = {
  /** klikit's state moved: a new version of an order exists (whether or not a webhook announces it). */
  publish(order: SimOrder): void;
  addDelivery(delivery: Delivery): void;
  /** The newest published version of every order, by updated_at. */
  orders(): SimOrder[];
  latest(orderId: number): SimOrder | undefined;
  /** Published versions of one order, in the order they were published. */
  history(orderId: number): SimOrder[];
  deliveries(): readonly Delivery[];
  /** Orders klikit really has: the bridge must end up with every one of them. */
  validOrderIds(): number[];
  /** Ids that appeared only in deliberately invalid deliveries: the bridge must never store or print them. */
  forgedOrderIds(): number[];
  /** Orders whose first valid delivery already said CANCELLED: the bridge must never print a kitchen ticket for them. */
  cancelledBeforeFirstDelivery(): number[];
};

const CANCELLED = 3;

export function createRecord(): SimulatorRecord {
  const versions = new Map<number, SimOrder[]>();
  const deliveries: Delivery[] = [];
  const newest = (list: SimOrder[]) => list.reduce((a, b) => (Date.parse(b.updated_at) >= Date.parse(a.updated_at) ? b : a));

  return {
    publish(order) {
      const list = versions.get(order.id);
      if (list) list.push(order);
      else versions.set(order.id, [order]);
    },
    addDelivery: (delivery) => void deliveries.push(delivery),
    orders: () => [...versions.values()].map(newest),
    latest: (orderId) => {
      const list = versions.get(orderId);
      return list ? newest(list) : undefined;
    },
    history: (orderId) => [...(versions.get(orderId) ?? [])],
    deliveries: () => deliveries,
    validOrderIds: () => [...versions.keys()],
    forgedOrderIds: () => {
      const ids = new Set(deliveries.filter((d) => d.intent !== 'valid').flatMap((d) => d.orders.map((o) => o.id)));
      return [...ids].filter((id) => !versions.has(id));
    },
    cancelledBeforeFirstDelivery: () => {
      const first = new Map<number, SimOrder>();
      for (const d of deliveries) {
        if (d.intent !== 'valid') continue;
        for (const o of d.orders) if (!first.has(o.id)) first.set(o.id, o);
      }
      return [...first.values()].filter((o) => o.status === CANCELLED).map((o) => o.id);
    },
  };
}
