import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { envelopeSchema, orderSchema, type ModifierGroup } from '../../../main/klikit/schemas.js';
import type { Clock } from '../../../ground/clock.js';
import { createOrderGenerator, type SimOrder } from '../../../dev/simulator/order-generator.js';
import { envelopeOf } from '../../../dev/simulator/scenarios.js';

const START = Date.parse('2026-06-25T09:00:00Z');
const tickingClock = (stepMs = 7_000): Clock => {
  let t = START;
  return { now: () => (t += stepMs) };
};
const generator = (seed: number, clock: Clock = tickingClock()) =>
  createOrderGenerator({ seed, clock, branchIds: [1293, 1294], brandIds: [5297, 5301, 5302, 5303, 5304, 5305] });

const depth = (groups: ModifierGroup[]): number => (groups.length === 0 ? 0 : 1 + Math.max(...groups.flatMap((g) => g.modifiers.map((m) => depth(m.modifier_groups)))));

describe('order generator', () => {
  it('is deterministic for a seed', () => {
    const a = generator(42);
    const b = generator(42);
    const fromA = Array.from({ length: 20 }, () => a.next());
    const fromB = Array.from({ length: 20 }, () => b.next());
    expect(fromB).toEqual(fromA);
    expect(generator(43).next()).not.toEqual(fromA[0]);
  });

  it('produces orders, status versions and cart edits that parse with orderSchema, over many seeds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const g = generator(seed);
        let previousId = 0;
        for (let i = 0; i < 2; i++) {
          const order = g.next();
          if (order.id <= previousId) return false;
          previousId = order.id;
          const edited = g.withEditedCart(order);
          const cancelled = g.withStatus(edited, 3);
          if (Date.parse(edited.updated_at) <= Date.parse(order.updated_at)) return false;
          if (Date.parse(cancelled.updated_at) <= Date.parse(edited.updated_at)) return false;
          envelopeSchema.parse(JSON.parse(JSON.stringify(envelopeOf([order, edited, cancelled]))));
        }
        return true;
      }),
      { numRuns: 1500 },
    );
  });

  it('bumps updated_at even when the clock stands still', () => {
    const g = generator(7, { now: () => START });
    const order = g.next();
    const v2 = g.withStatus(order, 4);
    const v3 = g.withEditedCart(v2);
    expect(order.updated_at).toBe('2026-06-25T09:00:00Z');
    expect(v2.updated_at).toBe('2026-06-25T09:00:01Z');
    expect(v3.updated_at).toBe('2026-06-25T09:00:02Z');
    expect(v3.created_at).toBe(order.created_at);
  });

  it('covers the shapes the bridge must handle', () => {
    const g = generator(1);
    const orders: SimOrder[] = Array.from({ length: 600 }, () => g.next());
    expect(new Set(orders.map((o) => o.type))).toEqual(new Set([1, 2, 3]));
    for (const provider of [1, 6, 7, 9, 14]) expect(orders.some((o) => o.provider_id === provider)).toBe(true);
    const driveThru = orders.filter((o) => o.pickup_type === 2);
    expect(driveThru.length).toBeGreaterThan(0);
    for (const o of driveThru) expect(o.additional_info.vehicle_info).toHaveProperty('plate_number');
    for (const o of orders.filter((x) => x.type === 3)) expect(o.table_no).not.toBe('');
    const scheduled = orders.filter((o) => o.status === 6);
    expect(scheduled.length).toBeGreaterThan(0);
    for (const o of scheduled) expect(Date.parse(o.scheduled_time ?? '')).toBeGreaterThan(Date.parse(o.created_at));
    expect(orders.some((o) => o.brands.length >= 2 && new Set(o.cart_v2.map((l) => l.brand.id)).size >= 2)).toBe(true);
    const depths = orders.flatMap((o) => (orderSchema.parse(o).cart_v2 ?? []).map((l) => depth(l.modifier_groups)));
    expect(Math.max(...depths)).toBeGreaterThanOrEqual(3);
    expect(orders.some((o) => o.cart_v2.some((l) => l.comment !== ''))).toBe(true);
    expect(orders.some((o) => o.order_comment !== '') && orders.some((o) => o.klikit_comment !== '')).toBe(true);
    const names = orders.flatMap((o) => o.cart_v2.map((l) => l.name));
    expect(names.some((n) => /[\u0E00-\u0E7F]/.test(n))).toBe(true);
    expect(names.some((n) => /[\u4E00-\u9FFF]/.test(n))).toBe(true);
    expect(names.some((n) => /[ạ-ỹ]|ở|ì/.test(n))).toBe(true);
    expect(names.some((n) => n.length > 48)).toBe(true);
  });
});
