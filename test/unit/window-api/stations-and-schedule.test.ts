import { describe, expect, it } from 'vitest';
import { bridgeMethods } from '../../../common/bridge-api.js';
import { scheduleAt } from '../../../main/store/scheduled-prints.js';
import { createHarness, seedOrder } from './fakes.js';

// What the window's order list says about routing and scheduled orders.

const SEEN = '2026-06-24T12:00:00.000Z';

describe('order summaries', () => {
  it('say when a waiting scheduled order will print, and nothing once it fired', () => {
    const h = createHarness();
    seedOrder(h.db, 1, SEEN);
    seedOrder(h.db, 2, SEEN);
    scheduleAt(h.db, 2, '2026-06-24T14:05:00.000Z');
    const byId = () => new Map(bridgeMethods.listOrders.result.parse(h.api.listOrders({ limit: 10 })).map((o) => [o.id, o.printsAt]));
    expect(byId()).toEqual(new Map([[2, '2026-06-24T14:05:00.000Z'], [1, null]]));
    h.db.prepare(`UPDATE scheduled_prints SET state = 'fired' WHERE order_id = 2`).run();
    expect(byId().get(2)).toBeNull();
  });

  it('flag an order with lines no printer route takes', () => {
    let stations = [{ id: 'kitchen', name: 'Kitchen', routes: { categories: ['Mains'] } }];
    const h = createHarness({ stations: () => stations });
    seedOrder(h.db, 1, SEEN, {
      cart_v2: [
        { name: 'Ayam Bakar', quantity: 2, comment: '', klikit_category_name: 'Mains', modifier_groups: [] },
        { name: 'Es Teh', quantity: 1, comment: '', klikit_category_name: 'Drinks', modifier_groups: [] },
      ],
    });
    expect(h.api.listOrders({ limit: 10 })[0]!.unrouted).toBe(true);
    stations = [...stations, { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] } }];
    expect(h.api.listOrders({ limit: 10 })[0]!.unrouted).toBe(false);
  });
});
