import { describe, expect, it } from 'vitest';
import { bridgeMethods } from '../../../common/bridge-api.js';
import { scheduleAt } from '../../../main/store/scheduled-prints.js';
import { createHarness, seedOrder } from './fakes.js';

// Which orders the window's all-day counts take: the ones in the kitchen's hands with a ticket out.

const SEEN = '2026-06-24T12:00:00.000Z';
const counts = (h: ReturnType<typeof createHarness>) => bridgeMethods.allDayCounts.result.parse(h.api.allDayCounts());

describe('the window’s all-day counts', () => {
  it('leave out scheduled orders still waiting for their time, cancelled and ready ones, and count every line of a huge order', () => {
    const h = createHarness();
    seedOrder(h.db, 1, SEEN);
    seedOrder(h.db, 2, SEEN);
    scheduleAt(h.db, 2, '2026-06-24T18:00:00.000Z');
    seedOrder(h.db, 3, SEEN, { status: 3 });
    seedOrder(h.db, 4, SEEN, { status: 4 });
    // More lines than a card carries: the counts are not capped like the card.
    seedOrder(h.db, 5, SEEN, { cart_v2: Array.from({ length: 120 }, (_, i) => ({ name: `Dish ${i % 3}`, quantity: 1, comment: '', modifier_groups: [] })) });
    const value = counts(h);
    expect(value.orders).toBe(2);
    expect(value.stations).toEqual([
      {
        id: null,
        name: 'Every station',
        total: 123,
        items: [
          { name: 'Dish 0', count: 40, modifiers: [] },
          { name: 'Dish 1', count: 40, modifiers: [] },
          { name: 'Dish 2', count: 40, modifiers: [] },
          { name: 'Ayam Bakar', count: 2, modifiers: [] },
          { name: 'Es Teh', count: 1, modifiers: [] },
        ],
      },
    ]);
  });
});
