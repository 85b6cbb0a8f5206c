import type { OrderAction } from '../../common/order-actions.js';

// How long an action is worth retrying. An Accept or Reject matters only while the aggregator still
// waits for an answer (it cancels an order nobody accepts, typically within 10-15 minutes of placing);
// a Ready or Picked up matters while the order is still being handed over (a few hours). After that
// the action is marked failed, with its reason, instead of being retried forever.

export type ActionWindows = {
  /** After the order was placed (or, when its time is unknown, after staff acted). */
  acceptWindowMs: number;
  /** After staff bumped the order. */
  bumpWindowMs: number;
};

export const DEFAULT_ACTION_WINDOWS: ActionWindows = { acceptWindowMs: 15 * 60_000, bumpWindowMs: 3 * 3_600_000 };

const ACCEPTANCE: ReadonlySet<OrderAction> = new Set(['accepted', 'rejected']);

/**
 * An Accept staff give late (klikit still offered it: a scheduled order, a slow aggregator) still gets
 * a few retries rather than failing on its first 502.
 */
export const ACCEPT_GRACE_MS = 2 * 60_000;

/** The moment (ms since the epoch) after which a failed attempt is the last: the action is marked failed. */
export function giveUpAt(action: OrderAction, orderPlacedAt: string | null, actionCreatedAt: string, windows: ActionWindows): number {
  const acted = Date.parse(actionCreatedAt);
  if (!ACCEPTANCE.has(action)) return acted + windows.bumpWindowMs;
  const placed = orderPlacedAt === null ? Number.NaN : Date.parse(orderPlacedAt);
  const windowEnd = (Number.isNaN(placed) ? acted : placed) + windows.acceptWindowMs;
  return Math.max(windowEnd, acted + Math.min(ACCEPT_GRACE_MS, windows.acceptWindowMs));
}
