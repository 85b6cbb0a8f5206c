import { alarmStage, countdownText, timeLeftMs } from '../../common/acceptance.js';
import type { OrderSummary } from '../../common/bridge-api.js';

// Which orders deserve a desktop notification: those on the board that ask for someone (waiting for
// acceptance, or new, edited or VOID and not acknowledged), each situation once, by the same rule as
// the window's chime: an order that left the board (done or cancelled elsewhere) announces nothing.
// The first look after start only remembers what is there (no burst of old alerts).

/** A waiting order in the last minutes before its platform cancels it: a second, sharper notification. */
export const aboutToBeCancelled = (o: OrderSummary, now: number): boolean => {
  if (!o.waitingForAcceptance || !o.acceptBy) return false;
  const stage = alarmStage(o.acceptBy, now);
  return stage === 'urgent' || stage === 'expired';
};

const situation = (o: OrderSummary, now: number): string | null => {
  if (!o.active && o.attention !== 'void') return null;
  if (o.waitingForAcceptance) return aboutToBeCancelled(o, now) ? 'urgent' : 'waiting';
  return o.attention;
};

export function createOrderAlerts() {
  const announced = new Set<string>();
  let primed = false;
  return {
    /** `now`: a waiting order entering its last minutes is news again (its second notification). */
    fresh(orders: readonly OrderSummary[], now = Date.now()): OrderSummary[] {
      const due = orders.filter((o) => {
        const what = situation(o, now);
        return what !== null && !announced.has(`${o.id}:${what}`);
      });
      for (const o of due) announced.add(`${o.id}:${situation(o, now)}`);
      if (!primed) {
        primed = true;
        return [];
      }
      return due;
    },
  };
}

export function notificationText(order: OrderSummary, now = Date.now()): { title: string; body: string } {
  const what = [order.provider, order.brands.join(' + '), order.orderType, `${order.itemCount} item(s)`].filter(Boolean).join(' · ');
  if (order.acceptBy && aboutToBeCancelled(order, now)) {
    return { title: `Order #${order.shortId} is cancelled in ${countdownText(timeLeftMs(order.acceptBy, now))}`, body: `Accept it now or ${order.provider} cancels it and counts a missed order · ${what}` };
  }
  if (order.waitingForAcceptance) return { title: `Accept order #${order.shortId}`, body: `klikit cancels it if nobody accepts · ${what}` };
  if (order.attention === 'updated') return { title: `Order #${order.shortId} UPDATED`, body: `The customer changed the order: check the new ticket · ${what}` };
  if (order.attention === 'void') return { title: `Order #${order.shortId} CANCELLED`, body: `Stop cooking it · ${what}` };
  return { title: `New order #${order.shortId}`, body: what };
}
