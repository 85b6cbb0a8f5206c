import { describe, expect, it } from 'vitest';
import { createAcceptanceExpiry } from '../../../dev/simulator/acceptance-expiry.js';
import type { SimOrder } from '../../../dev/simulator/order-generator.js';

// The simulator cancels what a platform would: an order still PLACED once its provider's deadline has
// passed since it was placed, each once, and nothing that was accepted or auto-accepted.

const PLACED = Date.parse('2026-12-07T10:00:00.000Z');
const order = (id: number, providerId: number, extra: Partial<SimOrder> & Record<string, unknown> = {}): SimOrder =>
  ({ id, provider_id: providerId, status: 1, created_at: new Date(PLACED).toISOString().replace('.000Z', 'Z'), ...extra }) as SimOrder;

describe('the simulator cancels unaccepted orders at their deadline', () => {
  it('per provider: the given figure, the published one, else the default', async () => {
    let now = PLACED;
    const orders = new Map<number, SimOrder>([
      [1, order(1, 6)],
      [2, order(2, 2)],
      [3, order(3, 9)],
      [4, order(4, 6, { status: 2 })],
      [5, order(5, 6, { auto_accept: true })],
    ]);
    const cancelled: number[] = [];
    const expiry = createAcceptanceExpiry({
      clock: { now: () => now },
      orders: () => [...orders.values()],
      cancel: async (o) => {
        cancelled.push(o.id);
        const next = { ...o, status: 3 };
        orders.set(o.id, next);
        return { order: next };
      },
      options: { deadlineMinutes: { 6: 5 }, otherMinutes: 8 },
    });
    now = PLACED + 5 * 60_000 - 1;
    expect(await expiry.expireUnaccepted()).toEqual([]);
    now = PLACED + 5 * 60_000;
    expect((await expiry.expireUnaccepted()).map((o) => o.id)).toEqual([1]);
    expect(await expiry.expireUnaccepted()).toEqual([]);
    now = PLACED + 8 * 60_000;
    expect((await expiry.expireUnaccepted()).map((o) => o.id)).toEqual([3]);
    now = PLACED + 11.5 * 60_000;
    expect((await expiry.expireUnaccepted()).map((o) => o.id)).toEqual([2]);
    expect(cancelled).toEqual([1, 3, 2]);
    expiry.stop();
  });
});
