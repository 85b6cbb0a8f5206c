import type { OrderSummary } from '../../common/bridge-api.js';

// Which orders deserve a desktop notification: those on the board that ask for someone (waiting for
// acceptance, or new, edited or VOID and not acknowledged), each situation once, by the same rule as
// the window's chime: an order that left the board (done or cancelled elsewhere) announces nothing.
// The first look after start only remembers what is there (no burst of old alerts).

const situation = (o: OrderSummary): string | null => {
  if (!o.active && o.attention !== 'void') return null;
  if (o.waitingForAcceptance) return 'waiting';
  return o.attention;
};

export function createOrderAlerts() {
  const announced = new Set<string>();
  let primed = false;
  return {
    fresh(orders: readonly OrderSummary[]): OrderSummary[] {
      const due = orders.filter((o) => {
        const what = situation(o);
        return what !== null && !announced.has(`${o.id}:${what}`);
      });
      for (const o of due) announced.add(`${o.id}:${situation(o)}`);
      if (!primed) {
        primed = true;
        return [];
      }
      return due;
    },
  };
}

export function notificationText(order: OrderSummary): { title: string; body: string } {
  const what = [order.provider, order.brands.join(' + '), order.orderType, `${order.itemCount} item(s)`].filter(Boolean).join(' · ');
  if (order.waitingForAcceptance) return { title: `Accept order #${order.shortId}`, body: `klikit cancels it if nobody accepts · ${what}` };
  if (order.attention === 'updated') return { title: `Order #${order.shortId} UPDATED`, body: `The customer changed the order: check the new ticket · ${what}` };
  if (order.attention === 'void') return { title: `Order #${order.shortId} CANCELLED`, body: `Stop cooking it · ${what}` };
  return { title: `New order #${order.shortId}`, body: what };
}
