import { afterEach, describe, expect, it } from 'vitest';
import { startStack, classifyTicket, type Stack } from './stack.js';
import { waitFor, waitForPrinted } from '../helpers/wait.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('webhook → relay → bridge → printer', () => {
  it('prints the kitchen ticket of a webhook posted to the relay', async () => {
    stack = await startStack();
    const bridge = await stack.startBridge();
    await waitFor('relay link live', () => bridge.state().mode === 'live');
    const { order, delivery } = await stack.sim.scenarios.created();
    expect(delivery.outcome).toBe('delivered');
    const [ticket] = await waitForPrinted(stack.printer, 1, { idleMs: 10_000 });
    expect(classifyTicket(ticket!, [order])).toEqual({ orderId: order.id, kind: 'new' });
    for (const line of order.cart_v2) expect(ticket!.text).toContain(line.name);
    const row = bridge.db.prepare('SELECT status, short_id FROM orders WHERE id = ?').get(order.id);
    expect(row).toEqual({ status: order.status, short_id: order.short_id });
    await waitFor('the job marked printed', () => bridge.health().queueDepth.kitchen === undefined);
    expect(bridge.health().lastOrder?.id).toBe(order.id);
  });

  it('prints a VOID slip for a cancel, an UPDATED ticket for a cart edit, and nothing for a duplicate or a stale update', async () => {
    stack = await startStack();
    const bridge = await stack.startBridge();
    await waitFor('relay link live', () => bridge.state().mode === 'live');
    const { order: a, delivery } = await stack.sim.scenarios.created();
    const { order: b } = await stack.sim.scenarios.created();
    await waitForPrinted(stack.printer, 2, { idleMs: 10_000 });
    await stack.sim.scenarios.resendSameEventId(delivery);
    await stack.sim.scenarios.resendNewEventId(delivery);
    const { order: edited } = await stack.sim.scenarios.cartEdit(b);
    await stack.sim.scenarios.outOfOrderStatus(edited, 2, 4);
    await stack.sim.scenarios.cancel(a);
    const tickets = await waitForPrinted(stack.printer, 4, { idleMs: 10_000 });
    const kinds = tickets.map((t) => classifyTicket(t, [a, b]));
    expect(kinds).toEqual([
      { orderId: a.id, kind: 'new' },
      { orderId: b.id, kind: 'new' },
      { orderId: b.id, kind: 'update' },
      { orderId: a.id, kind: 'cancel' },
    ]);
    const status = bridge.db.prepare('SELECT status FROM orders WHERE id = ?').get(b.id) as { status: number };
    expect(status.status).toBe(4);
  });
});
