import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { bridgeMethods } from '../../../common/bridge-api.js';
import { scheduleAt } from '../../../main/store/scheduled-prints.js';
import { seededRandom } from '../../../dev/simulator/prng.js';
import { createActionOutbox } from '../../../main/actions/outbox.js';
import { stationsWithLines } from '../../../main/actions/station-lines.js';
import { createHarness, seedOrder } from './fakes.js';

const unsent = async () => ({ ok: false as const, kind: 'network' as const, message: 'offline' });

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

  describe('with a kitchen for mains, a bar for drinks and an expo printing everything', () => {
    const STATIONS = [
      { id: 'kitchen', name: 'Kitchen', routes: { categories: ['Mains'] } },
      { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] } },
      { id: 'expo', name: 'Expo' },
    ];
    const cart = (...categories: string[]) => ({
      cart_v2: categories.map((c, i) => ({ name: `${c} ${i}`, quantity: 1, comment: '', klikit_category_name: c, modifier_groups: [] })),
    });

    it('give each card line the stations that print it, whole-order printers left out', () => {
      const h = createHarness({ stations: () => STATIONS });
      seedOrder(h.db, 1, SEEN, cart('Mains', 'Drinks', 'Mains'));
      const [order] = bridgeMethods.listOrders.result.parse(h.api.listOrders({ limit: 10 }));
      expect(order!.lines.map((l) => [l.name, l.stations, l.unrouted])).toEqual([
        ['Mains 0', ['kitchen'], false],
        ['Drinks 1', ['bar'], false],
        ['Mains 2', ['kitchen'], false],
      ]);
    });

    it('mark the lines no station takes, and name the station they fell back to', () => {
      const h = createHarness({ stations: () => [{ ...STATIONS[0]!, fallback: true }, STATIONS[1]!] });
      seedOrder(h.db, 1, SEEN, cart('Mains', 'Desserts'));
      const [order] = h.api.listOrders({ limit: 10 });
      expect(order!.unrouted).toBe(true);
      expect(order!.lines.map((l) => [l.stations, l.unrouted])).toEqual([[['kitchen'], false], [['kitchen'], true]]);
    });

    it('leave card lines without stations while no printer has routes', () => {
      const h = createHarness({ stations: () => [{ id: 'kitchen', name: 'Kitchen' }] });
      seedOrder(h.db, 1, SEEN, cart('Mains'));
      const line = h.api.listOrders({ limit: 10 })[0]!.lines[0]!;
      expect(line.stations).toBeUndefined();
      expect(line.unrouted).toBeUndefined();
    });

    it('mark a station’s lines done on its bump, and the order done once every station with lines bumped', () => {
      const h = createHarness({
        stations: () => STATIONS,
        withActions: (db, clock) =>
          createActionOutbox({
            db,
            clock,
            random: seededRandom(2),
            logger: pino({ level: 'silent' }),
            api: { patchOrderStatus: unsent, getOrder: unsent },
            policy: { baseDelayMs: 1, minDelayMs: 1, maxDelayMs: 1 },
            stationsOf: (body) => stationsWithLines(body, STATIONS),
            refresh: () => {},
          }),
      });
      seedOrder(h.db, 1, SEEN, { status: 2, ...cart('Mains', 'Drinks') });
      const order = () => bridgeMethods.listOrders.result.parse(h.api.listOrders({ limit: 10 }))[0]!;
      expect(order().stationsDone).toEqual([]);
      expect(h.api.orderAction({ orderId: 1, action: 'ready', station: 'kitchen' })).toMatchObject({ ok: true });
      expect(order()).toMatchObject({ stationsDone: ['kitchen'], active: true, lastAction: null });
      expect(h.api.orderAction({ orderId: 1, action: 'ready', station: 'expo' })).toMatchObject({ ok: false });
      expect(h.api.orderAction({ orderId: 1, action: 'ready', station: 'bar' })).toMatchObject({ ok: true });
      expect(order()).toMatchObject({ stationsDone: ['bar', 'kitchen'], active: false, lastAction: { action: 'ready', state: 'held' } });
      expect(h.api.recallAction({ orderId: 1 })).toMatchObject({ ok: true });
      expect(order()).toMatchObject({ stationsDone: ['kitchen'], active: true, lastAction: null });

      // One station's screen undoes its own bump only, and with it the Ready that bump released.
      expect(h.api.orderAction({ orderId: 1, action: 'ready', station: 'bar' })).toMatchObject({ ok: true });
      expect(h.api.recallAction({ orderId: 1, station: 'grill' })).toMatchObject({ ok: false });
      expect(order()).toMatchObject({ stationsDone: ['bar', 'kitchen'], active: false });
      expect(h.api.recallAction({ orderId: 1, station: 'kitchen' })).toMatchObject({ ok: true });
      expect(order()).toMatchObject({ stationsDone: ['bar'], active: true, lastAction: null });
      expect(h.api.recallAction({ orderId: 1, station: 'kitchen' })).toMatchObject({ ok: false });
      expect(h.api.recallAction({ orderId: 1, station: 'bar' })).toMatchObject({ ok: true });
      expect(order()).toMatchObject({ stationsDone: [], active: true });
    });

    it('tell the window which printers are stations', () => {
      const h = createHarness({ stations: () => STATIONS });
      const health = bridgeMethods.getHealth.result.parse(h.api.getHealth());
      expect(health.printers.map((p) => [p.id, p.routed ?? false])).toEqual([['kitchen', true], ['bar', true]]);
    });
  });
});

describe('problems', () => {
  it('list active orders with unrouted lines by the number staff see, and drop them once done', () => {
    const h = createHarness({ stations: () => [{ id: 'kitchen', name: 'Kitchen', routes: { categories: ['Mains'] } }, { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] } }] });
    seedOrder(h.db, 1, SEEN, { short_id: 'AB12', cart_v2: [{ name: 'Kue Lapis', quantity: 2, comment: '', klikit_category_name: 'Desserts', modifier_groups: [] }] });
    seedOrder(h.db, 2, SEEN, { cart_v2: [{ name: 'Es Teh', quantity: 1, comment: '', klikit_category_name: 'Drinks', modifier_groups: [] }] });
    const unrouted = () => bridgeMethods.listProblems.result.parse(h.api.listProblems()).filter((p) => p.kind === 'unrouted');
    expect(unrouted()).toEqual([
      {
        kind: 'unrouted',
        id: 1,
        at: SEEN,
        title: 'Lines no station takes printed at Kitchen, marked UNROUTED',
        reason: '2× Kue Lapis: give a printer a route that takes them',
        orderId: 1,
        orderNumber: 'AB12',
      },
    ]);
    h.db.prepare('UPDATE orders SET status = 4 WHERE id = 1').run();
    expect(unrouted()).toEqual([]);
  });
});
