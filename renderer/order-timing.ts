import type { OrderSummary } from '../common/bridge-api.js';

// On time / due soon / late. Against klikit's due time when the order has one (estimated pickup or
// created + preparation time), else against how long a kitchen order usually takes.

export type Timing = 'on-time' | 'due-soon' | 'late';

const DUE_SOON_MS = 5 * 60_000;
const USUAL_SOON_MS = 10 * 60_000;
const USUAL_LATE_MS = 20 * 60_000;

export const startedAt = (o: OrderSummary): string => o.createdAt ?? o.firstSeenAt;

export function timing(o: OrderSummary, now: number): Timing {
  if (o.dueAt) {
    const left = Date.parse(o.dueAt) - now;
    return left < 0 ? 'late' : left < DUE_SOON_MS ? 'due-soon' : 'on-time';
  }
  const age = now - Date.parse(startedAt(o));
  return age >= USUAL_LATE_MS ? 'late' : age >= USUAL_SOON_MS ? 'due-soon' : 'on-time';
}
