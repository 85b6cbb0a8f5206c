import type { OrderSummary } from '../../common/bridge-api.js';
import type { PickupBoard, PickupEntry } from '../../common/pickup-board.js';

// The pickup board's answer, built from the board's own summaries so that "ready" means the same on
// every screen, then stripped to the number, the provider and the state: the board hangs where
// customers stand, so nothing that names a person or what they ate may leave the core for it.

/** An order ready but never marked picked up (klikit not told, a rider who never came) leaves the board after this. */
export const PICKUP_BOARD_HOURS = 4;

const isPreparing = (o: OrderSummary): boolean =>
  o.active && !o.cancelled && !o.waitingForAcceptance && o.attention !== 'void' && !o.printsAt;

/** `orders`: the newest summaries (any order); `now` in ms. */
export function pickupBoardOf(orders: readonly OrderSummary[], now: number): PickupBoard {
  const since = new Date(now - PICKUP_BOARD_HOURS * 3_600_000).toISOString();
  const recent = orders.filter((o) => o.firstSeenAt >= since);
  const oldestFirst = (a: OrderSummary, b: OrderSummary): number => a.firstSeenAt.localeCompare(b.firstSeenAt) || a.id - b.id;
  const entry = (o: OrderSummary, state: PickupEntry['state']): PickupEntry => ({ number: o.shortId, provider: o.provider, state });
  // In the order they came in, not the order they became ready: a number never moves while people read it.
  const ready = recent.filter((o) => o.awaitingPickup === true).sort(oldestFirst);
  const preparing = recent.filter(isPreparing).sort(oldestFirst);
  return { orders: [...ready.map((o) => entry(o, 'ready')), ...preparing.map((o) => entry(o, 'preparing'))] };
}
