import { describe, expect, it } from 'vitest';
import { nextDayStart, restoreAt } from '../../../main/availability/restore-time.js';
import { searchItems } from '../../../main/availability/item-search.js';

const at = (iso: string, zone?: string): string => new Date(nextDayStart(Date.parse(iso), zone)).toISOString();

describe('"until tomorrow"', () => {
  it('ends at the kitchen’s next 04:00 local time', () => {
    expect(at('2026-12-07T09:00:00Z', 'Asia/Jakarta')).toBe('2026-12-07T21:00:00.000Z');
    // Marked at 03:30 in a late-night kitchen: the end of tonight, not a day later.
    expect(at('2026-12-07T20:30:00Z', 'Asia/Jakarta')).toBe('2026-12-07T21:00:00.000Z');
    expect(at('2026-12-07T21:00:00Z', 'Asia/Jakarta')).toBe('2026-12-08T21:00:00.000Z');
    expect(at('2026-12-07T09:00:00Z', 'UTC')).toBe('2026-12-08T04:00:00.000Z');
  });

  it('keeps 04:00 on the wall clock across a daylight-saving change', () => {
    expect(at('2026-03-28T12:00:00Z', 'Europe/London')).toBe('2026-03-29T03:00:00.000Z');
    expect(at('2026-10-24T12:00:00Z', 'Europe/London')).toBe('2026-10-25T04:00:00.000Z');
  });

  it('gives "for 1 hour" an hour and "until I turn it back" no end', () => {
    const now = Date.parse('2026-12-07T09:00:00Z');
    expect(restoreAt('hour', now, 'Asia/Jakarta')).toBe(now + 3_600_000);
    expect(restoreAt('manual', now, 'Asia/Jakarta')).toBeNull();
  });
});

describe('the item search', () => {
  const order = (lines: Array<{ name: string; sku?: string }>) =>
    JSON.stringify({ id: 1, status: 1, created_at: '2026-12-07T09:00:00Z', brands: [{ id: 5, title: 'Phở Hà Nội' }], cart_v2: lines.map((l) => ({ ...l, quantity: 1, brand: { id: 5 }, ...(l.sku ? { klikit_sku_id: l.sku } : {}) })) });

  it('finds items by a few letters whatever the accents, once each, and says why one without a SKU cannot be marked', () => {
    const bodies = [order([{ name: 'Phở bò tái chín', sku: 'PH001' }, { name: 'Pho chay' }]), order([{ name: 'Phở bò tái chín', sku: 'PH001' }]), 'not json'];
    const found = searchItems(bodies, 'PHO', new Set(['PH001']));
    expect(found).toEqual([
      { sku: 'PH001', name: 'Phở bò tái chín', brand: 'Phở Hà Nội', outOfStock: true },
      { sku: null, name: 'Pho chay', brand: 'Phở Hà Nội', outOfStock: false, reason: expect.stringContaining('no klikit menu code') },
    ]);
    expect(searchItems(bodies, 'burger', new Set())).toEqual([]);
  });
});
