import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { bridgeMethods } from '../../../common/bridge-api.js';
import { createActionOutbox } from '../../../main/actions/outbox.js';
import { enqueueJob } from '../../../main/store/print-jobs.js';
import { createHarness, orderBody, seedOrder, type Harness } from './fakes.js';

// What a card, the acceptance alert and the Problems list get from the core: the action flags, the
// action's state, the marks for changes after staff saw the order, and orders named by their number.

let h: Harness;
afterEach(() => h?.db.close());

const T = (m: number): string => new Date(Date.parse('2026-06-24T12:00:00.000Z') + m * 60_000).toISOString();
const unsent = async () => ({ ok: false as const, kind: 'network' as const, message: 'offline' });

function withOutbox(): Harness {
  return createHarness({ withActions: (db, clock) =>
    // Never started: actions stay "sending", as they would with the network down.
    createActionOutbox({ db, clock, random: () => 0.5, logger: pino({ level: 'silent' }), api: { patchOrderStatus: unsent, getOrder: unsent }, policy: { baseDelayMs: 1, maxDelayMs: 1 }, refresh: () => {} }),
  });
}
const summary = (id: number) => bridgeMethods.listOrders.result.parse(h.api.listOrders({ limit: 50 })).find((o) => o.id === id)!;

describe('the board’s view of an order', () => {
  it('shows a PLACED order as waiting for acceptance with Accept and Reject, items and modifiers, due time', () => {
    h = withOutbox();
    seedOrder(h.db, 1, T(1), {
      can_accept: true, can_cancel: true, auto_accept: false, estimated_pickup_at: '2026-06-24T12:20:00.000Z',
      cart_v2: [{ name: 'Ayam Bakar', quantity: 2, comment: 'no chili', modifier_groups: [{ name: 'Size', modifiers: [{ name: 'Large', quantity: 1, modifier_groups: [{ name: 'Extra', modifiers: [{ name: 'Egg', quantity: 2, modifier_groups: [] }] }] }] }] }],
    });
    expect(summary(1)).toMatchObject({
      waitingForAcceptance: true,
      actions: ['accepted', 'rejected'],
      active: true,
      dueAt: '2026-06-24T12:20:00.000Z',
      lines: [{ quantity: 2, name: 'Ayam Bakar', modifiers: ['Size: Large', 'Extra: 2× Egg'], comment: 'no chili' }],
      lastAction: null,
    });
  });

  it('stops waiting and shows "sending" as soon as staff accept, in the same commit as the acknowledgement', () => {
    h = withOutbox();
    seedOrder(h.db, 2, T(1), { can_accept: true });
    expect(h.api.orderAction({ orderId: 2, action: 'accepted' })).toMatchObject({ ok: true });
    expect(summary(2)).toMatchObject({ waitingForAcceptance: false, actions: [], acknowledged: true, lastAction: { action: 'accepted', state: 'sending' } });
    expect(h.api.orderAction({ orderId: 2, action: 'rejected', reasonCode: 'other' })).toMatchObject({ ok: false, message: expect.stringContaining('still being sent') });
  });

  it('refuses what klikit does not allow, and a rejection without a reason', () => {
    h = withOutbox();
    seedOrder(h.db, 3, T(1), { status: 2, can_accept: false, can_ready: true });
    expect(h.api.orderAction({ orderId: 3, action: 'accepted' })).toMatchObject({ ok: false });
    expect(bridgeMethods.orderAction.args.safeParse({ orderId: 3, action: 'rejected' }).success).toBe(false);
    expect(h.api.orderAction({ orderId: 404, action: 'ready' })).toMatchObject({ ok: false });
  });

  it('moves a bumped order off the board at once', () => {
    h = withOutbox();
    seedOrder(h.db, 4, T(1), { status: 2, can_ready: true });
    expect(summary(4).active).toBe(true);
    h.api.orderAction({ orderId: 4, action: 'ready' });
    expect(summary(4)).toMatchObject({ active: false, lastAction: { action: 'ready', state: 'sending' } });
  });

  it('says where actions need klikit credentials', () => {
    h = createHarness();
    seedOrder(h.db, 5, T(1));
    expect(h.api.orderAction({ orderId: 5, action: 'accepted' })).toMatchObject({ ok: false, message: expect.stringContaining('Settings') });
  });

  it('marks an order UPDATED when an update ticket came after staff saw it, until they look again', () => {
    h = withOutbox();
    seedOrder(h.db, 6, T(1), { status: 2 });
    h.now.value = Date.parse(T(2));
    h.api.acknowledgeOrder(6);
    expect(summary(6).changedAfterSeen).toBeNull();
    enqueueJob(h.db, { orderId: 6, printerId: 'kitchen', kind: 'update', version: 'v2', payload: { order: orderBody(6) }, now: T(3) });
    expect(summary(6).changedAfterSeen).toBe('updated');
    h.now.value = Date.parse(T(4));
    h.api.acknowledgeOrder(6);
    expect(summary(6).changedAfterSeen).toBeNull();
  });

  it('lists possible duplicates and refused actions in Problems by the number staff call', () => {
    h = withOutbox();
    seedOrder(h.db, 7, T(1), { short_id: 'GF-77', can_accept: true });
    const job = enqueueJob(h.db, { orderId: 7, printerId: 'kitchen', kind: 'new', version: 'v1', payload: { order: orderBody(7) }, now: T(2) })!;
    h.db.prepare('UPDATE print_jobs SET possible_duplicate = 1 WHERE id = ?').run(job);
    h.api.orderAction({ orderId: 7, action: 'accepted' });
    h.db.prepare(`UPDATE order_actions SET state = 'refused', last_error = 'Order already cancelled (HTTP 409)'`).run();
    const problems = bridgeMethods.listProblems.result.parse(h.api.listProblems());
    expect(problems.find((p) => p.kind === 'duplicate')).toMatchObject({ orderId: 7, orderNumber: 'GF-77' });
    expect(problems.find((p) => p.kind === 'action')).toMatchObject({ orderId: 7, orderNumber: 'GF-77', reason: 'Order already cancelled (HTTP 409)' });
    expect(h.api.getOrder(7)!.history.some((e) => e.kind === 'action' && e.title === 'Staff pressed Accept')).toBe(true);
  });
});
