import { describe, expect, it } from 'vitest';
import { bodyMinute } from '../../../relay/webhook/body-minute.js';

describe('bodyMinute', () => {
  it('reads the minute of an ISO stamp, whatever follows it', () => {
    const minute = Date.UTC(2026, 5, 25, 9, 16) / 60_000;
    expect(bodyMinute('2026-06-25T09:16:02Z')).toBe(minute);
    expect(bodyMinute('2026-06-25T09:16:59.999+07:00')).toBe(minute);
    expect(bodyMinute('2026-06-25 09:16')).toBe(minute);
  });

  it('is 0 for anything else, never an error', () => {
    for (const value of [undefined, null, 1_750_000_000, '', 'yesterday', '25/06/2026 09:16', '1969-12-31T23:59:00Z', '1970-01-01T00:00:00Z', ['2026-06-25T09:16:02Z']]) {
      expect(bodyMinute(value)).toBe(0);
    }
  });

  it('fits four bytes, even with every field at its largest', () => {
    expect(bodyMinute('9999-99-99T99:99:00Z')).toBeLessThan(2 ** 32);
  });

  it('rolls an out-of-range field over as Date.UTC does, the same on every run', () => {
    expect(bodyMinute('2026-13-40T25:61:00Z')).toBe(Date.UTC(2026, 12, 40, 25, 61) / 60_000);
  });
});
