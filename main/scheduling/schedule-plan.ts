// What a version of an order means for its scheduled kitchen ticket. Pure: the clock's reading and the
// stored timer come in as values.

import { statusEntry, type StatusTable } from '../klikit/enums.js';
import type { Order } from '../klikit/schemas.js';

/** A ticket fired this long after it was due carries a LATE mark: the bridge was off or asleep. */
const LATE_AFTER_MS = 2 * 60_000;

export type ScheduleDecision =
  /** Not (or no longer) a scheduled order: its tickets are planned as usual. */
  | { kind: 'none' }
  /** First sight of an order for later: start the timer and print the short SCHEDULED slip. */
  | { kind: 'start'; dueAt: string }
  /** The timer is still waiting: keep (or move) it; the ticket will print the newest cart. */
  | { kind: 'hold'; dueAt: string }
  /** Cancelled while waiting: stop the timer; a printed slip is voided as usual. */
  | { kind: 'cancel' };

/** When the kitchen ticket is due: scheduled time − preparation time − lead, or null without a scheduled time. */
export function kitchenDueAt(order: Order, leadMinutes: number): string | null {
  if (!order.scheduled_time) return null;
  const minutes = Math.max(0, order.preparation_time ?? 0) + leadMinutes;
  return new Date(Date.parse(order.scheduled_time) - minutes * 60_000).toISOString();
}

function isScheduledOrder(order: Order, nowMs: number, statusTable?: StatusTable): boolean {
  if (statusEntry(order.status, statusTable).kind === 'scheduled') return true;
  return order.scheduled_time != null && Date.parse(order.scheduled_time) > nowMs;
}

export type ScheduleInput = {
  order: Order;
  firstSight: boolean;
  /** Whether the order's timer is waiting. */
  waiting: boolean;
  nowMs: number;
  leadMinutes: number;
  statusTable?: StatusTable | undefined;
};

export function decideSchedule(input: ScheduleInput): ScheduleDecision {
  const { order, nowMs } = input;
  const cancelled = statusEntry(order.status, input.statusTable).kind === 'cancelled';
  const dueAt = kitchenDueAt(order, input.leadMinutes);
  if (input.waiting) {
    if (cancelled) return { kind: 'cancel' };
    // klikit dropped the scheduled time: the order is due now, and the timer fires on its next tick.
    return { kind: 'hold', dueAt: dueAt ?? new Date(nowMs).toISOString() };
  }
  if (input.firstSight && !cancelled && dueAt !== null && Date.parse(dueAt) > nowMs && isScheduledOrder(order, nowMs, input.statusTable)) {
    return { kind: 'start', dueAt };
  }
  return { kind: 'none' };
}

export const isLate = (dueAt: string, nowMs: number): boolean => nowMs - Date.parse(dueAt) > LATE_AFTER_MS;
