import type { Order } from '../klikit/schemas.js';

/** An order created this long before it reaches the bridge is shown in Problems, not printed. */
export const DEFAULT_STALE_ORDER_MS = 24 * 3_600_000;

const HOUR_MS = 3_600_000;

function span(ms: number): string {
  if (ms < 2 * HOUR_MS) return `${Math.floor(ms / 60_000)} minutes`;
  const hours = Math.floor(ms / HOUR_MS);
  if (hours < 48) return `${hours} hours`;
  return `${Math.floor(hours / 24)} days`;
}

/**
 * Why an order the bridge has never seen must not print on arrival, or null when it may. An order
 * created long before it arrives is a captured body replayed after the relay forgot it, or news from a
 * bridge that was off for a day: either way the kitchen must not cook it unasked. An order scheduled
 * for a time still within the limit is on time, however early it was placed.
 */
export function lateArrival(order: Order, nowMs: number, staleOrderMs: number): string | null {
  if (!order.created_at) return null;
  const ageMs = nowMs - Date.parse(order.created_at);
  if (!(ageMs > staleOrderMs)) return null;
  if (order.scheduled_time && Date.parse(order.scheduled_time) > nowMs - staleOrderMs) return null;
  const number = order.short_id ? `#${order.short_id}` : `${order.id}`;
  return (
    `Order ${number} was placed ${span(ageMs)} before it reached this bridge (the limit is ${span(staleOrderMs)}), ` +
    'so it was not printed. If the kitchen still needs it, check it in klikit and make it by hand.'
  );
}
