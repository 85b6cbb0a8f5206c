import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { bridgeMethods } from '../../../common/bridge-api.js';
import { seededRandom } from '../../../dev/simulator/prng.js';
import { createActionOutbox } from '../../../main/actions/outbox.js';
import { enqueueJob } from '../../../main/store/print-jobs.js';
import { createHarness, orderBody, seedOrder, type Harness } from './fakes.js';

// What a card, the acceptance alert and the Problems list get from the core: the action flags, the
// action's state, the marks for changes after staff saw the order, and orders named by their number.

let h: Harness;
afterEach(() => h?.db.close());

const T = (m: number): string => new Date(Date.parse('2026-06-24T12:00:00.000Z') + m * 60_000).toISOString();
const unsent = async () => ({ ok: false as const, kind: 'network' as const, message: 'offline' });

function withOutbox(withApi = true): Harness {
  return createHarness({ withActions: (db, clock) =>
    // Never started: actions stay "sending", as they would with the network down.
    createActionOutbox({
      db,
      clock,
      random: seededRandom(3),
      logger: pino({ level: 'silent' }),
      api: withApi ? { patchOrderStatus: unsent, getOrder: unsent } : undefined,
      policy: { baseDelayMs: 1, minDelayMs: 1, maxDelayMs: 1 },
      refresh: () => {},
    }),
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
    expect(h.api.orderAction({ orderId: 2, action: 'rejected', reasonCode: 'other' })).toMatchObject({ ok: false, message: expect.stringContaining('still on its way') });
  });

  it('refuses what klikit does not allow, and a rejection without a reason', () => {
    h = withOutbox();
    seedOrder(h.db, 3, T(1), { status: 2, can_accept: false, can_ready: true });
    expect(h.api.orderAction({ orderId: 3, action: 'accepted' })).toMatchObject({ ok: false });
    expect(bridgeMethods.orderAction.args.safeParse({ orderId: 3, action: 'rejected' }).success).toBe(false);
    expect(h.api.orderAction({ orderId: 404, action: 'ready' })).toMatchObject({ ok: false });
  });

  it('moves a bumped order off the board at once, and a recall within the undo time brings it back', () => {
    h = withOutbox();
    seedOrder(h.db, 4, T(1), { status: 2, can_ready: true });
    expect(summary(4).active).toBe(true);
    h.api.orderAction({ orderId: 4, action: 'ready' });
    const undoUntil = new Date(h.now.value + 10_000).toISOString();
    expect(summary(4)).toMatchObject({ active: false, actions: [], lastAction: { action: 'ready', state: 'held', undoUntil, nextAttemptAt: undoUntil } });
    expect(h.api.recallAction({ orderId: 4 })).toMatchObject({ ok: true });
    expect(summary(4)).toMatchObject({ active: true, lastAction: null, actions: ['ready'] });
    h.api.orderAction({ orderId: 4, action: 'ready' });
    h.now.value += 10_000;
    expect(h.api.recallAction({ orderId: 4 })).toMatchObject({ ok: false, message: expect.stringContaining('Too late') });
    expect(summary(4).active).toBe(false);
  });

  it('says the bridge must run before staff can act on orders', () => {
    h = createHarness();
    seedOrder(h.db, 5, T(1));
    expect(h.api.orderAction({ orderId: 5, action: 'accepted' })).toMatchObject({ ok: false, message: expect.stringContaining('settings') });
    expect(h.api.getHealth().klikit).toMatchObject({ state: 'none' });
  });

  it('bumps locally on a relay-only counter: no Accept or Reject, Ready marks the order done', () => {
    h = withOutbox(false);
    seedOrder(h.db, 5, T(1), { can_accept: true, can_cancel: true, auto_accept: false });
    expect(summary(5)).toMatchObject({ waitingForAcceptance: true, actions: ['ready'] });
    expect(h.api.orderAction({ orderId: 5, action: 'accepted' })).toMatchObject({ ok: false, message: expect.stringContaining('klikit tablet') });
    expect(h.api.orderAction({ orderId: 5, action: 'ready' })).toMatchObject({ ok: true });
    expect(summary(5)).toMatchObject({ active: false, waitingForAcceptance: false, actions: [], lastAction: { action: 'ready', state: 'local', message: '' } });
    expect(h.api.getHealth().klikit).toMatchObject({ state: 'none', waitingActions: 0 });
    expect(h.db.prepare(`SELECT count(*) AS n FROM order_actions WHERE state IN ('held', 'pending')`).get()).toEqual({ n: 0 });
    expect(h.api.recallAction({ orderId: 5 })).toMatchObject({ ok: true });
    expect(summary(5).active).toBe(true);
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
    h.db.prepare(`UPDATE order_actions SET state = 'refused', last_error = 'klikit says: Order already cancelled.', detail = 'klikit answered 409 (request_id r-1)'`).run();
    const problems = bridgeMethods.listProblems.result.parse(h.api.listProblems());
    expect(problems.find((p) => p.kind === 'duplicate')).toMatchObject({ orderId: 7, orderNumber: 'GF-77' });
    expect(problems.find((p) => p.kind === 'action')).toMatchObject({ orderId: 7, orderNumber: 'GF-77', reason: 'klikit says: Order already cancelled.' });
    expect(h.api.getOrder(7)!.history.find((e) => e.kind === 'action' && e.title === 'Staff pressed Accept')?.detail).toContain('request_id r-1');
    expect(summary(7).lastAction).toMatchObject({ state: 'refused', message: 'klikit says: Order already cancelled.' });
  });

  it('shows an action the bridge gave up on on the order and in Problems, and puts a bumped order back', () => {
    h = withOutbox();
    seedOrder(h.db, 8, T(1), { status: 2, can_ready: true });
    h.api.orderAction({ orderId: 8, action: 'ready' });
    h.db.prepare(`UPDATE order_actions SET state = 'failed', last_error = 'Not sent: klikit could not be reached for hours.'`).run();
    expect(summary(8)).toMatchObject({ active: true, lastAction: { state: 'failed', message: 'Not sent: klikit could not be reached for hours.', undoUntil: null } });
    expect(bridgeMethods.listProblems.result.parse(h.api.listProblems()).find((p) => p.kind === 'action')).toMatchObject({
      orderId: 8,
      title: 'Ready could not be sent to klikit',
    });
  });
});
