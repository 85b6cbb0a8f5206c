import type { Random } from '../../ground/clock.js';
import type { SimOrder } from './order-generator.js';
import { picker } from './prng.js';
import type { Delivery } from './record.js';
import type { Scenarios } from './scenarios.js';

const OPEN_STATUSES = [2, 4, 7, 8];

/**
 * One step of a plausible live stream: mostly new orders, sometimes a status change, a cart edit,
 * a cancellation or a duplicate delivery of something already sent.
 */
export function createStream(scenarios: Scenarios, random: Random): { step(): Promise<Delivery> } {
  const p = picker(random);
  const open: SimOrder[] = [];
  let last: Delivery | undefined;

  async function step(): Promise<Delivery> {
    const roll = p.int(1, 100);
    const target = open.length > 0 ? p.int(0, open.length - 1) : -1;
    const order = open[target];
    let delivery: Delivery;
    if (order && roll <= 12) {
      const sent = await scenarios.status(order, p.pick(OPEN_STATUSES));
      open[target] = sent.order;
      delivery = sent.delivery;
    } else if (order && roll <= 17) {
      const sent = await scenarios.cartEdit(order);
      open[target] = sent.order;
      delivery = sent.delivery;
    } else if (order && roll <= 22) {
      delivery = (await scenarios.cancel(order)).delivery;
      open.splice(target, 1);
    } else if (last && roll <= 25) {
      delivery = await scenarios.resendSameEventId(last);
    } else {
      const sent = await scenarios.created();
      open.push(sent.order);
      if (open.length > 50) open.shift();
      delivery = sent.delivery;
    }
    last = delivery;
    return delivery;
  }

  return { step };
}
