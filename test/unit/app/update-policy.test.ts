import { describe, expect, it } from 'vitest';
import { quietMoment } from '../../../main/app/update-policy.js';

const MIN = 60_000;
const now = Date.UTC(2026, 11, 1, 15, 0);

describe('quietMoment', () => {
  it('never installs while a ticket is queued, printing or held', () => {
    expect(quietMoment({ pendingJobs: 1, lastOrderAt: null, now })).toEqual({ quiet: false, reason: '1 ticket still to print' });
    expect(quietMoment({ pendingJobs: 3, lastOrderAt: now - 60 * MIN, now })).toEqual({ quiet: false, reason: '3 tickets still to print' });
  });

  it('waits for N minutes without a new order', () => {
    expect(quietMoment({ pendingJobs: 0, lastOrderAt: now - 4 * MIN, now }, 10 * MIN)).toEqual({ quiet: false, reason: 'an order came in 4 min ago; waiting for 10 quiet minutes' });
    expect(quietMoment({ pendingJobs: 0, lastOrderAt: now - 10 * MIN, now }, 10 * MIN)).toEqual({ quiet: true });
  });

  it('is quiet on a bridge that has never had an order', () => {
    expect(quietMoment({ pendingJobs: 0, lastOrderAt: null, now })).toEqual({ quiet: true });
  });
});
