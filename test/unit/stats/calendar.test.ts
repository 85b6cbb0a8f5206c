import { describe, expect, it } from 'vitest';
import { dayOf, dayStartMs, daysBetween, periodStart } from '../../../main/stats/calendar.js';

describe('the kitchen’s days', () => {
  it('are days of the bridge’s time zone', () => {
    expect(dayOf(Date.parse('2026-06-24T17:30:00Z'), 'Asia/Jakarta')).toBe('2026-06-25');
    expect(dayOf(Date.parse('2026-06-24T17:30:00Z'), 'UTC')).toBe('2026-06-24');
    expect(new Date(dayStartMs('2026-06-25', 'Asia/Jakarta')).toISOString()).toBe('2026-06-24T17:00:00.000Z');
  });

  it('start at local midnight also on the days the clocks change', () => {
    expect(new Date(dayStartMs('2026-03-29', 'Europe/Berlin')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(dayStartMs('2026-03-30', 'Europe/Berlin')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('make periods that end today', () => {
    expect(periodStart(Date.parse('2026-03-02T10:00:00Z'), 3, 'UTC')).toBe('2026-02-28');
    expect(daysBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
});
