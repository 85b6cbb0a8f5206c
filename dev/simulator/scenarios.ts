import type { Delivery } from './record.js';
import type { SimulatorRecord } from './record.js';
import type { OrderGenerator, OrderOverrides, SimOrder } from './order-generator.js';
import type { WebhookSender } from './webhook-sender.js';
import { signBody } from './signature.js';

export const EVENT_CREATED = 'klikit.order.created.v2';
export const EVENT_STATUS = 'klikit.order.status.updated';
export const EVENT_CART = 'klikit.order.cart.updated';
const CANCELLED = 3;

export type Sent = { order: SimOrder; delivery: Delivery };

export type Scenarios = ReturnType<typeof createScenarios>;

export const envelopeOf = (orders: SimOrder[]) => {
  const first = orders[0];
  if (!first) throw new Error('an envelope needs at least one order');
  return { brand_id: first.brand_id, branch_id: first.branch_id, orders };
};

/**
 * The situations the bridge must survive, each one publishing to the record of truth what klikit
 * would know and sending what klikit (or an attacker, or a broken proxy) would send.
 */
export function createScenarios({ generator, sender, record }: { generator: OrderGenerator; sender: WebhookSender; record: SimulatorRecord }) {
  const deliver = (eventType: string, orders: SimOrder[], extra: { eventId?: string } = {}) =>
    sender.send({ eventType, body: envelopeOf(orders), orders, ...extra });

  async function publishAndSend(eventType: string, order: SimOrder): Promise<Sent> {
    record.publish(order);
    return { order, delivery: await deliver(eventType, [order]) };
  }

  return {
    /** A new order, announced by klikit.order.created.v2. */
    created: (overrides?: OrderOverrides) => publishAndSend(EVENT_CREATED, generator.next(overrides)),
    status: (order: SimOrder, status: number) => publishAndSend(EVENT_STATUS, generator.withStatus(order, status)),
    cancel: (order: SimOrder) => publishAndSend(EVENT_STATUS, generator.withStatus(order, CANCELLED)),
    /** A full replacement cart with updated_at bumped. */
    cartEdit: (order: SimOrder) => publishAndSend(EVENT_CART, generator.withEditedCart(order)),

    /** Several orders of one tick in one envelope (same branch and brand). */
    async batch(count: number, overrides: OrderOverrides = {}): Promise<{ orders: SimOrder[]; delivery: Delivery }> {
      const first = generator.next(overrides);
      const orders = [first];
      while (orders.length < count) orders.push(generator.next({ ...overrides, branchId: first.branch_id, brandIds: [first.brand_id] }));
      orders.forEach((o) => record.publish(o));
      return { orders, delivery: await deliver(EVENT_CREATED, orders) };
    },

    /** An order klikit has but never announces (a lost webhook): only polling can find it. */
    silent(overrides?: OrderOverrides): SimOrder {
      const order = generator.next(overrides);
      record.publish(order);
      return order;
    },

    /** Created and cancelled at klikit before any webhook got through: only the CANCELLED version arrives. */
    async cancelledBeforeDelivery(overrides?: OrderOverrides): Promise<Sent> {
      const created = generator.next(overrides);
      record.publish(created);
      return publishAndSend(EVENT_STATUS, generator.withStatus(created, CANCELLED));
    },

    /** The same event again, same id and bytes (klikit's retry under the "stable id" reading). */
    resendSameEventId: (d: Delivery) => sender.send({ eventType: d.eventType, body: d.body, eventId: d.eventId, orders: d.orders }),
    /** The same bytes under a fresh event id (the "unique per attempt" reading). */
    resendNewEventId: (d: Delivery) => sender.send({ eventType: d.eventType, body: d.body, orders: d.orders }),

    /** Two status changes delivered newest first: the older one must not move the order backwards. */
    async outOfOrderStatus(order: SimOrder, older: number, newer: number): Promise<{ versions: [SimOrder, SimOrder]; deliveries: [Delivery, Delivery] }> {
      const first = generator.withStatus(order, older);
      const second = generator.withStatus(first, newer);
      record.publish(first);
      record.publish(second);
      const newerDelivery = await deliver(EVENT_STATUS, [second]);
      const olderDelivery = await deliver(EVENT_STATUS, [first]);
      return { versions: [first, second], deliveries: [newerDelivery, olderDelivery] };
    },

    /** An old published version sent again as a status update, long after newer ones. */
    async staleStatus(orderId: number): Promise<Delivery> {
      const oldest = record.history(orderId)[0];
      if (!oldest) throw new Error(`order ${orderId} was never published`);
      return deliver(EVENT_STATUS, [oldest]);
    },

    /** A forged order signed with the wrong secret: never published, must never print. */
    badSignature(overrides?: OrderOverrides, maxAttempts = 1): Promise<Delivery> {
      const order = generator.next(overrides);
      const body = JSON.stringify(envelopeOf([order]));
      return sender.send({ eventType: EVENT_CREATED, body, signature: signBody('not-the-webhook-secret', body), intent: 'bad-signature', orders: [order], maxAttempts });
    },

    /** A forged order whose `x-klikit-*` headers a proxy stripped: never published, must never print. */
    missingHeaders(headers: string[] = ['x-klikit-signature', 'x-klikit-event-id'], maxAttempts = 1): Promise<Delivery> {
      const order = generator.next();
      return sender.send({ eventType: EVENT_CREATED, body: envelopeOf([order]), intent: 'missing-headers', orders: [order], omitHeaders: headers, maxAttempts });
    },

    /** Correctly signed but unusable bodies: not JSON, the wrong shape, an empty envelope, a 2 MB envelope. */
    malformed(kind: 'not-json' | 'wrong-shape' | 'empty-orders' | 'huge', maxAttempts = 1): Promise<Delivery> {
      const bodies = {
        'not-json': () => '{"brand_id": 5297, "orders": [',
        'wrong-shape': () => JSON.stringify({ brand_id: 'five', branch_id: 1, orders: [{ id: 'x', status: 'new' }] }),
        'empty-orders': () => JSON.stringify({ brand_id: 1, branch_id: 1, orders: [] }),
        huge: () => JSON.stringify({ ...envelopeOf([generator.next()]), padding: 'x'.repeat(2 * 1024 * 1024) }),
      };
      return sender.send({ eventType: EVENT_CREATED, body: bodies[kind](), intent: 'malformed', maxAttempts });
    },
  };
}
