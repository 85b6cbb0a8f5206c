import { describe, expect, it } from 'vitest';
import { countMissed, localDay } from '../../../main/acceptance/missed-count.js';
import { providerLabel } from '../../../main/klikit/enums.js';

const NOW = Date.parse('2026-12-07T20:00:00.000Z');

describe('missed orders per day and provider', () => {
  it('count on the kitchen’s calendar, newest day first, providers by count', () => {
    const rows = [
      { orderId: 1, providerId: 6, missedAt: '2026-12-07T16:59:00.000Z' }, // Jakarta: 23:59 on the 7th
      { orderId: 2, providerId: 6, missedAt: '2026-12-07T17:01:00.000Z' }, // Jakarta: 00:01 on the 8th
      { orderId: 3, providerId: 2, missedAt: '2026-12-07T18:00:00.000Z' },
      { orderId: 4, providerId: 6, missedAt: '2026-12-07T19:00:00.000Z' },
      { orderId: 5, providerId: null, missedAt: '2026-11-01T10:00:00.000Z' }, // too old: left out
    ];
    const counted = countMissed(rows, NOW, providerLabel, 'Asia/Jakarta');
    expect(counted).toEqual({
      today: 3,
      days: [
        { day: '2026-12-08', total: 3, byProvider: [{ providerId: 6, provider: 'GrabFood', count: 2 }, { providerId: 2, provider: 'Uber Eats', count: 1 }] },
        { day: '2026-12-07', total: 1, byProvider: [{ providerId: 6, provider: 'GrabFood', count: 1 }] },
      ],
    });
    expect(countMissed([], NOW, providerLabel, 'UTC')).toEqual({ today: 0, days: [] });
  });

  it('counts in the system’s zone when the configured one is unknown', () => {
    expect(localDay(NOW, 'Not/AZone')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
