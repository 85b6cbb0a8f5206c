import { describe, expect, it } from 'vitest';
import type { ActionRow } from '../../../main/actions/action-store.js';
import { ACCEPT_GRACE_MS, giveUpAt, DEFAULT_ACTION_WINDOWS } from '../../../main/actions/deadline.js';
import { planLanes, type LaneRow } from '../../../main/actions/lanes.js';

// Which actions go out now: each order is a lane; only its oldest unanswered action may go, other
// orders never wait for it; and how long an action is worth retrying.

const NOW = Date.parse('2026-06-25T10:00:00.000Z');
const at = (s: number): string => new Date(NOW + s * 1000).toISOString();
let nextId = 1;
const row = (orderId: number, dueInS: number, state: ActionRow['state'] = 'pending', undoInS: number | null = null): LaneRow => ({
  id: nextId++,
  order_id: orderId,
  state,
  next_attempt_at: at(dueInS),
  undo_until: undoInS === null ? null : at(undoInS),
});

describe('lane selection', () => {
  it('sends every other order’s due action while one order backs off', () => {
    const failing = row(1, 20);
    const b = row(2, 0);
    const c = row(3, -5);
    const plan = planLanes([failing, b, c], NOW, new Set(), 4);
    expect(plan.due.map((r) => r.order_id)).toEqual([3, 2]);
    expect(plan.wakeAt).toBe(NOW + 20_000);
  });

  it('keeps an order’s own actions in order: its Ready waits behind its Accept', () => {
    const accept = row(1, 30);
    const ready = row(1, -10);
    expect(planLanes([accept, ready], NOW, new Set(), 4)).toEqual({ due: [], wakeAt: NOW + 30_000 });
    expect(planLanes([ready], NOW, new Set(), 4).due).toEqual([ready]);
  });

  it('never sends two actions of one order at once', () => {
    const first = row(1, -1);
    expect(planLanes([first, row(1, -1)], NOW, new Set([1]), 4)).toEqual({ due: [], wakeAt: null });
  });

  it('holds a bump until its undo time is over', () => {
    const held = row(1, 0, 'held', 8);
    expect(planLanes([held], NOW, new Set(), 4)).toEqual({ due: [], wakeAt: NOW + 8_000 });
    expect(planLanes([held], NOW + 8_000, new Set(), 4).due).toEqual([held]);
  });

  it('bounds how many go out at once, most overdue first', () => {
    const rows = [row(1, -1), row(2, -9), row(3, -5), row(4, -2)];
    expect(planLanes(rows, NOW, new Set([9]), 3).due.map((r) => r.order_id)).toEqual([2, 3]);
  });
});

describe('how long an action is retried', () => {
  const placed = at(-120);
  it('Accept and Reject until the order’s acceptance window is over', () => {
    expect(giveUpAt('accepted', placed, at(0), DEFAULT_ACTION_WINDOWS)).toBe(Date.parse(placed) + 15 * 60_000);
    expect(giveUpAt('rejected', null, at(0), DEFAULT_ACTION_WINDOWS)).toBe(NOW + 15 * 60_000);
  });

  it('gives an Accept made after the window (klikit still offered it) a short grace', () => {
    expect(giveUpAt('accepted', at(-3_600), at(0), DEFAULT_ACTION_WINDOWS)).toBe(NOW + ACCEPT_GRACE_MS);
    expect(giveUpAt('accepted', at(-3_600), at(0), { acceptWindowMs: 1_000, bumpWindowMs: 1 })).toBe(NOW + 1_000);
  });

  it('Ready and Picked up for hours after the bump', () => {
    expect(giveUpAt('ready', placed, at(0), DEFAULT_ACTION_WINDOWS)).toBe(NOW + 3 * 3_600_000);
    expect(giveUpAt('picked_up', placed, at(60), { acceptWindowMs: 1, bumpWindowMs: 1_000 })).toBe(NOW + 61_000);
  });
});
