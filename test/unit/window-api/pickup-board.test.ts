import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { bridgeMethods } from '../../../common/bridge-api.js';
import { seededRandom } from '../../../dev/simulator/prng.js';
import { createActionOutbox } from '../../../main/actions/outbox.js';
import { stationsWithLines } from '../../../main/actions/station-lines.js';
import { createHarness, seedOrder } from './fakes.js';

// The pickup board's answer: ready and preparing numbers with their provider, and nothing that names a
// customer or what they ordered, whatever the orders carry.

const SEEN = '2026-06-24T12:00:00.000Z';
const STATIONS = [
  { id: 'grill', name: 'Grill', routes: { categories: ['Mains'] } },
  { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] } },
];
const unsent = async () => ({ ok: false as const, kind: 'network' as const, message: 'offline' });

/** A pickup order with everything private a body can carry: name, phone, items, notes. */
const privateBits = (name: string) => ({
  type: 1,
  provider_id: 6,
  user_first_name: name,
  user_last_name: 'Kusuma',
  user_phone: '+62811111111',
  order_comment: 'Ring the bell twice',
  cart_v2: [
    { name: 'Ayam Bakar Madu', quantity: 2, comment: 'no peanuts', klikit_category_name: 'Mains', modifier_groups: [] },
    { name: 'Es Jeruk Nipis', quantity: 1, comment: 'less ice', klikit_category_name: 'Drinks', modifier_groups: [] },
  ],
});

function kitchen() {
  return createHarness({
    stations: () => STATIONS,
    withActions: (db, clock) =>
      createActionOutbox({
        db,
        clock,
        random: seededRandom(3),
        logger: pino({ level: 'silent' }),
        api: { patchOrderStatus: unsent, getOrder: unsent },
        policy: { baseDelayMs: 1, minDelayMs: 1, maxDelayMs: 1 },
        stationsOf: (body) => stationsWithLines(body, STATIONS),
        refresh: () => {},
      }),
  });
}

describe('the pickup board', () => {
  it('lists ready orders, then the ones being prepared, by number and provider only', () => {
    const h = kitchen();
    seedOrder(h.db, 1, SEEN, { short_id: 'GF-101', status: 2, ...privateBits('Wulandari') });
    seedOrder(h.db, 2, '2026-06-24T12:01:00.000Z', { short_id: 'GF-102', status: 4, ...privateBits('Bambang') });
    seedOrder(h.db, 3, SEEN, { short_id: 'GF-103', status: 1, ...privateBits('Citra') });
    seedOrder(h.db, 4, SEEN, { short_id: 'GF-104', status: 9, ...privateBits('Dewi') });
    seedOrder(h.db, 5, SEEN, { short_id: 'GF-105', status: 3, ...privateBits('Eko') });
    seedOrder(h.db, 6, '2026-06-24T07:00:00.000Z', { short_id: 'GF-106', status: 4, ...privateBits('Fajar') });
    seedOrder(h.db, 7, SEEN, { short_id: 'GF-107', status: 2, ...privateBits('Gita'), provider_id: 9 });

    const board = bridgeMethods.pickupBoard.result.parse(h.api.pickupBoard());
    expect(board.orders).toEqual([
      { number: 'GF-102', provider: 'GrabFood', state: 'ready' },
      { number: 'GF-101', provider: 'GrabFood', state: 'preparing' },
      { number: 'GF-107', provider: 'GoFood', state: 'preparing' },
    ]);
  });

  it('shows an order ready once every station bumped its lines, and drops it once picked up', () => {
    const h = kitchen();
    seedOrder(h.db, 1, SEEN, { short_id: 'GF-201', status: 2, ...privateBits('Wulandari') });
    seedOrder(h.db, 2, SEEN, { short_id: 'GF-202', status: 4, ...privateBits('Bambang') });
    const states = () => bridgeMethods.pickupBoard.result.parse(h.api.pickupBoard()).orders.map((o) => `${o.number} ${o.state}`);
    expect(states()).toEqual(['GF-202 ready', 'GF-201 preparing']);

    expect(h.api.orderAction({ orderId: 1, action: 'ready', station: 'grill' })).toMatchObject({ ok: true });
    expect(states()).toEqual(['GF-202 ready', 'GF-201 preparing']);
    expect(h.api.orderAction({ orderId: 1, action: 'ready', station: 'bar' })).toMatchObject({ ok: true });
    // In the order they came in, however they became ready: a number never moves while people read it.
    expect(states()).toEqual(['GF-201 ready', 'GF-202 ready']);

    expect(h.api.orderAction({ orderId: 2, action: 'picked_up' })).toMatchObject({ ok: true });
    expect(states()).toEqual(['GF-201 ready']);
    // Undone before it went out: back on the board as being prepared.
    expect(h.api.recallAction({ orderId: 1 })).toMatchObject({ ok: true });
    expect(states()).toEqual(['GF-201 preparing']);
  });

  it('never carries a customer’s name, phone, items or notes, and refuses any field beyond number, provider and state', () => {
    const h = kitchen();
    seedOrder(h.db, 1, SEEN, { short_id: 'GF-301', status: 4, ...privateBits('Wulandari') });
    seedOrder(h.db, 2, SEEN, { short_id: 'GF-302', status: 2, ...privateBits('Bambang') });
    const text = JSON.stringify(h.api.pickupBoard());
    for (const secret of ['Wulandari', 'Bambang', 'Kusuma', '+62811111111', 'Ayam Bakar', 'Es Jeruk', 'peanuts', 'less ice', 'Ring the bell']) expect(text).not.toContain(secret);
    expect(Object.keys(h.api.pickupBoard().orders[0]!).sort()).toEqual(['number', 'provider', 'state']);
    const leaky = { orders: [{ number: 'GF-301', provider: 'GrabFood', state: 'ready', customerName: 'Wulandari' }] };
    expect(bridgeMethods.pickupBoard.result.safeParse(leaky).success).toBe(false);
  });
});
