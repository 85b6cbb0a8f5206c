import { describe, expect, it } from 'vitest';
import { fullJitterDelay } from '../../../ground/backoff.js';

describe('fullJitterDelay', () => {
  it('draws from [0, min(cap, base * 2^attempt)] (relay reconnects: 250 ms, cap 10 s)', () => {
    const relay = { baseMs: 250, capMs: 10_000 };
    expect(fullJitterDelay(0, relay, () => 0.999)).toBe(249);
    expect(fullJitterDelay(3, relay, () => 0.5)).toBe(1_000);
    expect(fullJitterDelay(10, relay, () => 0.999)).toBe(9_990);
    expect(fullJitterDelay(100, relay, () => 0)).toBe(0);
  });

  it('is a uniform draw up to base * 2^attempts (print retries)', () => {
    const backoff = { baseMs: 100, capMs: 1_000 };
    expect(fullJitterDelay(0, backoff, () => 0.5)).toBe(50);
    expect(fullJitterDelay(2, backoff, () => 0.5)).toBe(200);
    expect(fullJitterDelay(2, backoff, () => 0)).toBe(0);
  });

  it('never exceeds the cap, however many attempts', () => {
    const backoff = { baseMs: 100, capMs: 1_000 };
    expect(fullJitterDelay(30, backoff, () => 0.999)).toBe(999);
    expect(fullJitterDelay(10_000, backoff, () => 0.5)).toBe(500);
  });

  it('stays a number with a zero base and a huge attempt count', () => {
    expect(fullJitterDelay(10_000, { baseMs: 0, capMs: 1_000 }, () => 0.5)).toBe(0);
  });
});
