import { describe, expect, it } from 'vitest';
import { FailureLimiter } from '../../../relay/bridge/failure-limiter.js';
import { BodyBudget } from '../../../relay/http/body-budget.js';

describe('BodyBudget', () => {
  it('lets small bodies through always and large ones while the budget lasts; a release is counted once', () => {
    const budget = new BodyBudget(100, 10);
    expect(budget.reserve(10)).toBeDefined();
    const first = budget.reserve(60)!;
    expect(budget.reserve(50)).toBeUndefined();
    expect(budget.reserve(5)).toBeDefined();
    expect(budget.bytesInFlight).toBe(60);
    first();
    first();
    expect(budget.bytesInFlight).toBe(0);
    expect(budget.reserve(100)).toBeDefined();
  });
});

describe('FailureLimiter', () => {
  it('blocks an address at its limit until its window ends, and forgets ended windows', () => {
    let now = 0;
    const limiter = new FailureLimiter(2, 1000, { now: () => now });
    limiter.recordFailure('a');
    expect(limiter.blocked('a')).toBe(false);
    limiter.recordFailure('a');
    expect(limiter.blocked('a')).toBe(true);
    expect(limiter.blocked('b')).toBe(false);
    now = 999;
    expect(limiter.blocked('a')).toBe(true);
    now = 1000;
    expect(limiter.blocked('a')).toBe(false);
    limiter.recordFailure('c');
    expect(limiter.trackedAddresses).toBe(1);
    now = 2500;
    limiter.sweep();
    expect(limiter.trackedAddresses).toBe(0);
  });
});
