import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../ground/clock.js';
import { createOrderGenerator, type SimOrder } from '../../dev/simulator/order-generator.js';

// Orders as large as klikit's: the simulator's varied carts with the fields of a real klikit order
// (shared/fixtures/klikit) the simulator does not generate (fees, payment, status history, flags),
// so a bench stores bodies of the size a branch really receives (about 3–4 KB).

const FIXTURE = fileURLToPath(new URL('../../../shared/fixtures/klikit/created-v2.single-order.envelope.json', import.meta.url));

export type RealisticOrders = { next(): SimOrder & Record<string, unknown>; withStatus(order: SimOrder, status: number): SimOrder & Record<string, unknown> };

export function realisticOrders(seed: number, clock: Clock, firstOrderId = 80_000_001): RealisticOrders {
  const fixture = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { orders: Record<string, unknown>[] }).orders[0]!;
  const generator = createOrderGenerator({ seed, clock, branchIds: [1293], brandIds: [5297, 5301, 5310], firstOrderId });
  const klikitFields = (order: SimOrder) => Object.fromEntries(Object.entries(fixture).filter(([key]) => !(key in order) && key !== 'cart'));
  return {
    next() {
      const order = generator.next();
      return { ...klikitFields(order), ...order };
    },
    withStatus(order, status) {
      return { ...order, ...generator.withStatus(order, status) };
    },
  };
}
