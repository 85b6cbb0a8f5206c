import type { ActionRow } from './action-store.js';

// Each order is its own lane: only the oldest unanswered action of an order may go out, so an order's
// Ready never overtakes its Accept, while one order that keeps failing backs off alone and every
// other order's actions go out at once.

export type LaneRow = Pick<ActionRow, 'id' | 'order_id' | 'state' | 'next_attempt_at' | 'undo_until'>;

export type LanePlan<T> = {
  /** Lane heads to send now, most overdue first, no more than the free slots. */
  due: T[];
  /** When the next lane head not sent now becomes due (ms since the epoch), or null when none waits. */
  wakeAt: number | null;
};

/** A held bump goes out when its undo time is over; a pending action at its next attempt. */
export function dueAtOf(row: LaneRow): number {
  return Date.parse(row.state === 'held' && row.undo_until !== null ? row.undo_until : row.next_attempt_at);
}

/**
 * Which actions to send now. `open` holds every held or pending action in id order; `busy` the orders
 * whose action is being sent at this moment; `slots` how many sends may run at once in all.
 */
export function planLanes<T extends LaneRow>(open: readonly T[], now: number, busy: ReadonlySet<number>, slots: number): LanePlan<T> {
  const heads = new Map<number, T>();
  for (const row of open) if (!heads.has(row.order_id)) heads.set(row.order_id, row);
  const ready: T[] = [];
  let wakeAt: number | null = null;
  for (const head of heads.values()) {
    if (busy.has(head.order_id)) continue;
    const at = dueAtOf(head);
    if (at <= now) ready.push(head);
    else wakeAt = wakeAt === null ? at : Math.min(wakeAt, at);
  }
  ready.sort((a, b) => dueAtOf(a) - dueAtOf(b) || a.id - b.id);
  const free = Math.max(0, slots - busy.size);
  // Heads left over for want of a slot go out when a running send finishes (it plans again).
  return { due: ready.slice(0, free), wakeAt };
}
