import type { OrderSummary } from '../../common/bridge-api.js';

// Which orders deserve a desktop notification: new and not yet seen, waiting for acceptance, or
// edited / cancelled after staff saw them; each situation once. The first look after start only
// remembers what is there (no burst of old alerts).

const situation = (o: OrderSummary): string | null => {
  if (o.waitingForAcceptance) return 'waiting';
  if (o.changedAfterSeen) return o.changedAfterSeen;
  return !o.acknowledged && !o.cancelled ? 'new' : null;
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
  if (order.changedAfterSeen === 'updated') return { title: `Order #${order.shortId} UPDATED`, body: `The customer changed the order: check the new ticket · ${what}` };
  if (order.changedAfterSeen === 'cancelled') return { title: `Order #${order.shortId} CANCELLED`, body: `Stop cooking it · ${what}` };
  return { title: `New order #${order.shortId}`, body: what };
}
