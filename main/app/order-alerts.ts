import { alarmStage, countdownText, timeLeftMs } from '../../common/acceptance.js';
import type { OrderSummary } from '../../common/bridge-api.js';
import type { Translator } from '../../common/i18n/translator.js';

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

/** The notification for an order, in the window's language; order numbers, brands and platforms as klikit sends them. */
export function notificationText(order: OrderSummary, words: Translator, now = Date.now()): { title: string; body: string } {
  const { t } = words;
  // The facts of the order, each a name or a count, listed with the separator the board uses.
  const what = [order.provider, order.brands.join(' + '), order.orderType, t('core.notify.items', { count: order.itemCount })].filter(Boolean).join(' · ');
  // In a right-to-left language an order number or a countdown among the words keeps its own order
  // (the isolates an Arabic board wraps them in: renderer/bidi.ts).
  const ltr = (value: string): string => (words.dir === 'rtl' ? `\u2066${value}\u2069` : value);
  const values = { order: ltr(order.shortId), what };
  if (order.acceptBy && aboutToBeCancelled(order, now)) {
    return { title: t('core.notify.cancelSoon.title', { ...values, left: ltr(countdownText(timeLeftMs(order.acceptBy, now))) }), body: t('core.notify.cancelSoon.body', { ...values, provider: order.provider }) };
  }
  if (order.waitingForAcceptance) return { title: t('core.notify.waiting.title', values), body: t('core.notify.waiting.body', values) };
  if (order.attention === 'updated') return { title: t('core.notify.updated.title', values), body: t('core.notify.updated.body', values) };
  if (order.attention === 'void') return { title: t('core.notify.void.title', values), body: t('core.notify.void.body', values) };
  return { title: t('core.notify.new.title', values), body: what };
}
