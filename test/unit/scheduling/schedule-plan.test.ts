import { describe, expect, it } from 'vitest';
import { orderSchema } from '../../../main/klikit/schemas.js';
import { decideSchedule, isLate, kitchenDueAt } from '../../../main/scheduling/schedule-plan.js';

const NOW = Date.parse('2026-06-25T10:00:00Z');
const order = (patch: Record<string, unknown>) =>
  orderSchema.parse({ id: 1, status: 2, created_at: '2026-06-25T09:00:00Z', preparation_time: 15, ...patch });

describe('kitchenDueAt', () => {
  it('is scheduled time − preparation time − lead', () => {
    expect(kitchenDueAt(order({ scheduled_time: '2026-06-25T12:30:00Z' }), 10)).toBe('2026-06-25T12:05:00.000Z');
    expect(kitchenDueAt(order({ scheduled_time: '2026-06-25T12:30:00Z', preparation_time: null }), 0)).toBe('2026-06-25T12:30:00.000Z');
    expect(kitchenDueAt(order({}), 10)).toBeNull();
  });
});

type Case = [name: string, patch: Record<string, unknown>, firstSight: boolean, waiting: boolean, expected: ReturnType<typeof decideSchedule>];
const LATER = '2026-06-25T12:30:00Z';
const CASES: Case[] = [
  ['status SCHEDULED for later: start', { status: 6, scheduled_time: LATER }, true, false, { kind: 'start', dueAt: '2026-06-25T12:05:00.000Z' }],
  ['any status with a future scheduled_time: start', { status: 2, scheduled_time: LATER }, true, false, { kind: 'start', dueAt: '2026-06-25T12:05:00.000Z' }],
  ['due already (within preparation and lead): print now', { status: 6, scheduled_time: '2026-06-25T10:20:00Z' }, true, false, { kind: 'none' }],
  ['SCHEDULED without a time: print now', { status: 6 }, true, false, { kind: 'none' }],
  ['an ordinary order', { status: 2 }, true, false, { kind: 'none' }],
  ['cancelled on first sight', { status: 3, scheduled_time: LATER }, true, false, { kind: 'none' }],
  ['a later version of a waiting order moves the time', { status: 6, scheduled_time: '2026-06-25T13:30:00Z' }, false, true, { kind: 'hold', dueAt: '2026-06-25T13:05:00.000Z' }],
  ['a waiting order that lost its time is due now', { status: 2 }, false, true, { kind: 'hold', dueAt: '2026-06-25T10:00:00.000Z' }],
  ['cancelled while waiting', { status: 3, scheduled_time: LATER }, false, true, { kind: 'cancel' }],
  ['a version after the timer fired is ordinary', { status: 6, scheduled_time: LATER }, false, false, { kind: 'none' }],
];

describe('decideSchedule', () => {
  it.each(CASES)('%s', (_, patch, firstSight, waiting, expected) => {
    expect(decideSchedule({ order: order(patch), firstSight, waiting, nowMs: NOW, leadMinutes: 10 })).toEqual(expected);
  });

  it('calls a ticket late only past a grace period', () => {
    expect(isLate('2026-06-25T09:59:00Z', NOW)).toBe(false);
    expect(isLate('2026-06-25T09:50:00Z', NOW)).toBe(true);
  });
});
