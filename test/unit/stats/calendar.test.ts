import { afterEach, describe, expect, it } from 'vitest';
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

  describe('in the computer’s own zone (no zone given)', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it.each(['Asia/Jakarta', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham'])('are the days of %s when the computer is set to it', (zone) => {
      process.env.TZ = zone;
      for (const at of ['2026-03-08T06:59:00Z', '2026-03-28T23:30:00Z', '2026-04-04T15:15:00Z', '2026-10-04T13:45:00Z', '2026-11-01T05:30:00Z', '2026-12-31T23:59:59Z']) {
        const ms = Date.parse(at);
        expect(dayOf(ms)).toBe(dayOf(ms, zone));
        expect(periodStart(ms, 7)).toBe(periodStart(ms, 7, zone));
        const day = dayOf(ms, zone);
        expect(dayStartMs(day)).toBe(dayStartMs(day, zone));
      }
      for (const day of ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-27', '2026-10-04', '2026-11-01']) expect(dayStartMs(day)).toBe(dayStartMs(day, zone));
    });
  });
});
