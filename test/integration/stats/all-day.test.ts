import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { bridgeMethods } from '../../../common/bridge-api.js';
import { seededRandom } from '../../../dev/simulator/prng.js';
import { createActionOutbox } from '../../../main/actions/outbox.js';
import { stationsWithLines } from '../../../main/actions/station-lines.js';
import { createIngest } from '../../../main/ingest/ingest.js';
import { openTempDb } from '../../unit/store/temp-db.js';
import { createHarness, orderBody } from '../../unit/window-api/fakes.js';

// The all-day counts through the real store, ingest and outbox: a scripted service of new orders, an
// edit, a cancellation, a station's bump, a whole-order Ready and its undo, the counts checked after each.

const STATIONS = [
  { id: 'wok', name: 'Wok', routes: { categories: ['Mains'] } },
  { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] } },
  { id: 'expo', name: 'Expo' },
];
const PEDAS = [{ name: 'Spice', modifiers: [{ name: 'Extra pedas', quantity: 1 }] }];
const main = (name: string, quantity: number, modifier_groups: unknown[] = [], id?: number) => ({ ...(id ? { id } : {}), name, quantity, comment: '', klikit_category_name: 'Mains', modifier_groups });
const drink = (name: string, quantity: number) => ({ name, quantity, comment: '', klikit_category_name: 'Drinks', modifier_groups: [] });

describe('all-day counts', () => {
  it('follow orders, edits, cancellations and bumps exactly', () => {
    const temp = openTempDb();
    try {
      const h = createHarness({
        db: temp.db,
        stations: () => STATIONS,
        withActions: (db, clock) =>
          createActionOutbox({
            db,
            clock,
            random: seededRandom(3),
            logger: pino({ level: 'silent' }),
            policy: { baseDelayMs: 1, minDelayMs: 1, maxDelayMs: 1 },
            stationsOf: (body) => stationsWithLines(body, STATIONS),
            refresh: () => {},
          }),
      });
      const ingest = createIngest({ db: temp.db, clock: { now: () => h.now.value }, printerIds: () => STATIONS.map((s) => s.id), stations: () => STATIONS });
      let n = 0;
      const send = (eventType: string, id: number, extra: Record<string, unknown>): void => {
        n += 1;
        const updatedAt = new Date(Date.parse('2026-06-24T12:00:00.000Z') + n * 1000).toISOString();
        const order = orderBody(id, { status: 2, updated_at: updatedAt, ...extra });
        expect(ingest({ eventId: `e${n}`, source: 'manual', eventType, receivedAt: updatedAt, body: { brand_id: 1, branch_id: 2, orders: [order] } }).outcome).toBe('applied');
      };
      const counts = () => {
        const value = bridgeMethods.allDayCounts.result.parse(h.api.allDayCounts());
        return Object.fromEntries(value.stations.map((s) => [s.id ?? '-', s.items.map((i) => `${i.name} ×${i.count}${i.modifiers.map((m) => `: ${m.count} ${m.name}`).join('')}`)]));
      };

      send('klikit.order.created.v2', 1, { cart_v2: [main('Nasi Goreng', 2, PEDAS, 11), drink('Es Teh', 1)] });
      expect(counts()).toEqual({ wok: ['Nasi Goreng ×2: 2 Spice: Extra pedas'], bar: ['Es Teh ×1'] });

      send('klikit.order.created.v2', 2, { cart_v2: [main('Nasi Goreng', 4), drink('Es Jeruk', 2)] });
      expect(counts()).toEqual({ wok: ['Nasi Goreng ×6: 2 Spice: Extra pedas'], bar: ['Es Jeruk ×2', 'Es Teh ×1'] });

      // The customer makes it three spicy ones.
      send('klikit.order.cart.updated', 1, { cart_v2: [main('Nasi Goreng', 3, PEDAS, 11), drink('Es Teh', 1)] });
      expect(counts()).toEqual({ wok: ['Nasi Goreng ×7: 3 Spice: Extra pedas'], bar: ['Es Jeruk ×2', 'Es Teh ×1'] });

      send('klikit.order.created.v2', 3, { cart_v2: [main('Sate Ayam', 5)] });
      expect(counts().wok).toEqual(['Nasi Goreng ×7: 3 Spice: Extra pedas', 'Sate Ayam ×5']);
      send('klikit.order.status.updated', 3, { status: 3, cart_v2: [main('Sate Ayam', 5)] });
      expect(counts().wok).toEqual(['Nasi Goreng ×7: 3 Spice: Extra pedas']);

      // The bar finishes order 2's drinks.
      expect(h.api.orderAction({ orderId: 2, action: 'ready', station: 'bar' })).toMatchObject({ ok: true });
      expect(counts()).toEqual({ wok: ['Nasi Goreng ×7: 3 Spice: Extra pedas'], bar: ['Es Teh ×1'] });

      // Order 1 goes out whole, then the tap is undone.
      expect(h.api.orderAction({ orderId: 1, action: 'ready' })).toMatchObject({ ok: true });
      expect(counts()).toEqual({ wok: ['Nasi Goreng ×4'], bar: [] });
      expect(h.api.recallAction({ orderId: 1 })).toMatchObject({ ok: true });
      expect(counts()).toEqual({ wok: ['Nasi Goreng ×7: 3 Spice: Extra pedas'], bar: ['Es Teh ×1'] });

      // klikit marks order 2 ready.
      send('klikit.order.status.updated', 2, { status: 4, cart_v2: [main('Nasi Goreng', 4), drink('Es Jeruk', 2)] });
      expect(counts()).toEqual({ wok: ['Nasi Goreng ×3: 3 Spice: Extra pedas'], bar: ['Es Teh ×1'] });
      expect(h.api.allDayCounts().orders).toBe(1);
    } finally {
      temp.dispose();
    }
  });
});
