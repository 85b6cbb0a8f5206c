import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { bridgeMethods } from '../../../common/bridge-api.js';
import { createActionOutbox } from '../../../main/actions/outbox.js';
import { enqueueJob } from '../../../main/store/print-jobs.js';
import { createHarness, orderBody, seedOrder, type Harness } from './fakes.js';

// What the board needs to be trusted in a rush: what staff have not acknowledged (new, edited, VOID)
// and nothing for orders that left the board; what changed in an edit; customer and rider; every text
// capped so an absurd order cannot stall the window; and the state of actions not yet at klikit.

let h: Harness;
afterEach(() => h?.db.close());

const T = (m: number): string => new Date(Date.parse('2026-06-24T12:00:00.000Z') + m * 60_000).toISOString();
const summary = (id: number) => bridgeMethods.listOrders.result.parse(h.api.listOrders({ limit: 50 })).find((o) => o.id === id)!;
const line = (name: string, quantity: number, id: string) => ({ id, name, quantity, comment: '', modifier_groups: [] });
const unsent = async () => ({ ok: false as const, kind: 'network' as const, message: 'cannot reach klikit (ECONNREFUSED)' });

function withOutbox(): Harness {
  return createHarness({ withActions: (db, clock) =>
    createActionOutbox({ db, clock, random: () => 0.5, logger: pino({ level: 'silent' }), api: { patchOrderStatus: unsent, getOrder: unsent }, policy: { baseDelayMs: 1, minDelayMs: 1, maxDelayMs: 1 }, refresh: () => {} }),
  });
}

describe('what the board asks staff to acknowledge', () => {
  it('asks for a new order until a tap acknowledges it', () => {
    h = createHarness();
    seedOrder(h.db, 1, T(1), { status: 2 });
    expect(summary(1).attention).toBe('new');
    h.api.acknowledgeOrder(1);
    expect(summary(1).attention).toBeNull();
  });

  it('asks nothing for an auto-accepted order finished elsewhere and never opened', () => {
    h = createHarness();
    seedOrder(h.db, 2, T(1), { status: 4, auto_accept: true });
    expect(summary(2)).toMatchObject({ active: false, acknowledged: false, attention: null });
  });

  it('keeps a cancelled order the kitchen had a ticket for as VOID until acknowledged, then lets it go', () => {
    h = createHarness();
    seedOrder(h.db, 3, T(1), { status: 2 });
    enqueueJob(h.db, { orderId: 3, printerId: 'kitchen', kind: 'new', version: 'v1', payload: { order: orderBody(3, { status: 2 }) }, now: T(1) });
    h.now.value = Date.parse(T(2));
    h.api.acknowledgeOrder(3);
    seedOrder(h.db, 3, T(3), { status: 3, updated_at: T(3) });
    enqueueJob(h.db, { orderId: 3, printerId: 'kitchen', kind: 'cancel', version: 'v2', payload: { order: orderBody(3, { status: 3 }) }, now: T(3) });
    expect(summary(3)).toMatchObject({ active: false, cancelled: true, attention: 'void' });
    h.now.value = Date.parse(T(4));
    h.api.acknowledgeOrder(3);
    expect(summary(3)).toMatchObject({ active: false, attention: null });
  });

  it('lets a VOID nobody acknowledged go after a shift (an upgrade does not fill the board with old cancellations)', () => {
    h = createHarness();
    seedOrder(h.db, 13, T(1), { status: 3 });
    enqueueJob(h.db, { orderId: 13, printerId: 'kitchen', kind: 'cancel', version: 'v2', payload: { order: orderBody(13, { status: 3 }) }, now: T(1) });
    h.now.value = Date.parse(T(60 * 11));
    expect(summary(13).attention).toBe('void');
    h.now.value = Date.parse(T(60 * 13));
    expect(summary(13).attention).toBeNull();
  });

  it('shows no VOID for an order cancelled before its ticket printed (no cancel ticket)', () => {
    h = createHarness();
    seedOrder(h.db, 4, T(1), { status: 3 });
    expect(summary(4).attention).toBeNull();
  });
});

describe('what changed in an edit, until acknowledged', () => {
  it('marks added lines, quantity changes and removed lines against the version staff saw', () => {
    h = createHarness();
    const before = [line('Ayam Bakar', 1, 'a'), line('Es Teh', 2, 'b'), line('Kerupuk', 1, 'd')];
    const after = [line('Ayam Bakar', 1, 'a'), line('Es Teh', 3, 'b'), line('Sate', 1, 'c')];
    seedOrder(h.db, 5, T(1), { status: 2, cart_v2: before });
    h.now.value = Date.parse(T(2));
    h.api.acknowledgeOrder(5);
    seedOrder(h.db, 5, T(3), { status: 2, cart_v2: after, updated_at: T(3) });
    enqueueJob(h.db, { orderId: 5, printerId: 'kitchen', kind: 'update', version: 'v2', payload: { order: orderBody(5, { cart_v2: after }), previous: orderBody(5, { cart_v2: before }) }, now: T(3) });
    const s = summary(5);
    expect(s.attention).toBe('updated');
    expect(s.lines.map((l) => [l.name, l.change ?? null, l.previousQuantity ?? null])).toEqual([
      ['Ayam Bakar', null, null],
      ['Es Teh', 'changed', 2],
      ['Sate', 'added', null],
    ]);
    expect(s.removedLines).toEqual([{ quantity: 1, name: 'Kerupuk' }]);
    h.now.value = Date.parse(T(4));
    h.api.acknowledgeOrder(5);
    expect(summary(5)).toMatchObject({ attention: null, removedLines: [] });
    expect(summary(5).lines.some((l) => l.change !== undefined)).toBe(false);
  });
});

describe('who and what the card names', () => {
  it('gives the customer’s first name for pickup and dine-in only', () => {
    h = createHarness();
    seedOrder(h.db, 6, T(1), { type: 1, user_first_name: 'Budi', user_phone: '+62 811 000' });
    seedOrder(h.db, 7, T(1), { type: 2, user_first_name: 'Sari' });
    expect(summary(6).customerName).toBe('Budi');
    expect(summary(7).customerName).toBe('');
    expect(JSON.stringify(summary(6))).not.toContain('+62');
  });

  it('tells the rider’s state from status 7/8 or fulfillment_status_id', () => {
    h = createHarness();
    seedOrder(h.db, 8, T(1), { status: 7 });
    seedOrder(h.db, 9, T(1), { status: 4, fulfillment_status_id: 8 });
    seedOrder(h.db, 10, T(1), { status: 2 });
    expect([summary(8).rider, summary(9).rider, summary(10).rider]).toEqual(['assigned', 'arrived', null]);
  });

  it('caps a 1 MB note and a 300-line cart, and says so', () => {
    h = createHarness();
    const cart = Array.from({ length: 300 }, (_, i) => ({ ...line(`Item ${i} ${'x'.repeat(500)}`, 1, `l${i}`), comment: 'c'.repeat(5000) }));
    const brands = Array.from({ length: 50 }, (_, i) => ({ id: i + 1, title: `Brand ${i} ${'b'.repeat(10_000)}` }));
    seedOrder(h.db, 11, T(1), { order_comment: `ALLERGY: no peanuts ${'n'.repeat(1024 * 1024)}`, cart_v2: cart, brands, table_no: 't'.repeat(100_000) });
    const s = summary(11);
    expect(s.orderComment.startsWith('ALLERGY: no peanuts')).toBe(true);
    expect(s.orderComment.endsWith('… see ticket')).toBe(true);
    expect(s.orderComment.length).toBeLessThan(500);
    expect(s.lines).toHaveLength(80);
    expect(s.moreLines).toBe(220);
    expect(s.lines[0]!.name.endsWith('… see ticket')).toBe(true);
    expect(s.lines[0]!.comment.length).toBeLessThan(250);
    expect(s.brands).toHaveLength(8);
    expect(s.tableNo.endsWith('… see ticket')).toBe(true);
    expect(JSON.stringify(s).length).toBeLessThan(64 * 1024);
  });
});

describe('actions not yet at klikit', () => {
  // The header's "klikit unreachable" is the outbox's own state: test/integration/actions/lanes-and-limits.test.ts.
  it('shows a failed attempt in the core\'s words with its next try', () => {
    h = withOutbox();
    seedOrder(h.db, 12, T(1), { status: 2, can_ready: false, can_accept: true });
    h.api.orderAction({ orderId: 12, action: 'accepted' });
    const words = 'klikit is having trouble right now. The bridge keeps trying by itself.';
    h.db.prepare(`UPDATE order_actions SET attempts = 1, last_error = ?, detail = 'klikit answered 502 (request_id r-9)', next_attempt_at = ?`).run(words, T(9));
    expect(summary(12).lastAction).toMatchObject({ action: 'accepted', state: 'sending', message: words, nextAttemptAt: T(9), undoUntil: null });
    expect(h.api.getOrder(12)!.history.find((e) => e.kind === 'action')?.detail).toContain('request_id r-9');
  });

  it('says bumping is local without klikit credentials', () => {
    h = createHarness();
    expect(h.api.getHealth().klikit).toMatchObject({ state: 'none', waitingActions: 0 });
  });
});
