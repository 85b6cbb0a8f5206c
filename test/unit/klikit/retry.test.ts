import { describe, expect, it } from 'vitest';
import { boundedDelayMs, DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelayMs } from '../../../main/klikit/retry.js';

// Every wait before a retry lies between a floor and a ceiling whatever klikit's Retry-After says:
// 0 or a date in the past would retry in a hot loop, a huge number would stop retrying for days.

const NOW = Date.parse('2026-06-25T09:00:00Z');
const clock = { now: () => NOW };
const policy = { baseDelayMs: 500, minDelayMs: 250, maxDelayMs: 30_000 };
const half = () => 0.5;

describe('retry bounds', () => {
  it('never waits less than the floor, for Retry-After 0 or a past date', () => {
    expect(retryDelayMs(0, parseRetryAfter('0', clock), policy, half)).toBe(250);
    expect(retryDelayMs(0, parseRetryAfter(new Date(NOW - 3_600_000).toUTCString(), clock), policy, half)).toBe(250);
    expect(retryDelayMs(0, undefined, policy, () => 0)).toBe(250);
  });

  it('never waits more than the ceiling, for a huge Retry-After or a far date', () => {
    expect(retryDelayMs(0, parseRetryAfter('99999999999', clock), policy, half)).toBe(30_000);
    expect(retryDelayMs(0, parseRetryAfter(new Date(NOW + 400 * 86_400_000).toUTCString(), clock), policy, half)).toBe(30_000);
    expect(retryDelayMs(1_000_000, undefined, policy, () => 1 - Number.EPSILON)).toBeLessThanOrEqual(30_000);
  });

  it('keeps a sane Retry-After as klikit asked', () => {
    expect(retryDelayMs(0, parseRetryAfter('5', clock), policy, half)).toBe(5_000);
  });

  it('treats a value that is not a finite number as the ceiling', () => {
    expect(boundedDelayMs(Number.NaN, policy)).toBe(30_000);
    expect(boundedDelayMs(Number.POSITIVE_INFINITY, policy)).toBe(30_000);
    expect(boundedDelayMs(-5, policy)).toBe(250);
  });

  it('lets the ceiling win over a floor set above it', () => {
    expect(boundedDelayMs(0, { minDelayMs: 5_000, maxDelayMs: 1_000 })).toBe(1_000);
    expect(DEFAULT_RETRY_POLICY.minDelayMs).toBeGreaterThan(0);
  });
});
