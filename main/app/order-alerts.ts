import type { OrderSummary } from '../../common/bridge-api.js';

// Which orders deserve a desktop notification: unacknowledged, not cancelled, and not announced
// before. The first look after start only remembers what is there (no burst of old alerts).

export function createOrderAlerts() {
  const announced = new Set<number>();
  let primed = false;
  return {
    fresh(orders: readonly OrderSummary[]): OrderSummary[] {
      const waiting = orders.filter((o) => !o.acknowledged && !o.cancelled && !announced.has(o.id));
      for (const o of waiting) announced.add(o.id);
      if (!primed) {
        primed = true;
        return [];
      }
      return waiting;
    },
  };
}

export function notificationText(order: OrderSummary): { title: string; body: string } {
  return {
    title: `New order #${order.shortId}`,
    body: [order.provider, order.brands.join(' + '), order.orderType, `${order.itemCount} item(s)`].filter(Boolean).join(' · '),
  };
}
