import { describe, expect, it } from 'vitest';
import { quietMoment } from '../../../main/app/update-policy.js';
import { createTranslator } from '../../../common/i18n/translator.js';

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

describe('quietMoment in the window’s language', () => {
  it('says why it waits in Bahasa Indonesia and Thai', () => {
    const now = Date.parse('2026-12-07T12:00:00.000Z');
    expect(quietMoment({ pendingJobs: 2, lastOrderAt: null, now }, 10 * 60_000, createTranslator('id'))).toEqual({ quiet: false, reason: '2 tiket belum dicetak' });
    expect(quietMoment({ pendingJobs: 0, lastOrderAt: now - 4 * 60_000, now }, 10 * 60_000, createTranslator('th'))).toEqual({ quiet: false, reason: 'มีออเดอร์เข้ามาเมื่อ 4 นาทีก่อน รอให้ว่าง 10 นาที' });
  });
});
