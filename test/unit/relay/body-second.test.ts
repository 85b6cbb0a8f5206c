import { describe, expect, it } from 'vitest';
import { bodySecond } from '../../../relay/webhook/body-second.js';

describe('bodySecond', () => {
  it('reads the second of an ISO stamp, whatever follows it', () => {
    const second = Date.UTC(2026, 5, 25, 9, 16, 2) / 1000;
    expect(bodySecond('2026-06-25T09:16:02Z')).toBe(second);
    expect(bodySecond('2026-06-25T09:16:02.999+07:00')).toBe(second);
    expect(bodySecond('2026-06-25 09:16:02')).toBe(second);
    expect(bodySecond('2026-06-25T09:16Z')).toBe(second - 2);
  });

  it('is 0 for anything else, never an error', () => {
    for (const value of [undefined, null, 1_750_000_000, '', 'yesterday', '25/06/2026 09:16', '1969-12-31T23:59:00Z', '1970-01-01T00:00:00Z', ['2026-06-25T09:16:02Z']]) {
      expect(bodySecond(value)).toBe(0);
    }
  });

  it('is 0 past what four bytes of key hold (the year 2106)', () => {
    expect(bodySecond('2106-02-07T06:28:15Z')).toBe(2 ** 32 - 1);
    expect(bodySecond('2106-02-07T06:28:16Z')).toBe(0);
    expect(bodySecond('9999-99-99T99:99:99Z')).toBe(0);
  });

  it('rolls an out-of-range field over as Date.UTC does, the same on every run', () => {
    expect(bodySecond('2026-13-40T25:61:61Z')).toBe(Date.UTC(2026, 12, 40, 25, 61, 61) / 1000);
  });
});
