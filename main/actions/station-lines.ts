import { orderSchema, type Order } from '../klikit/schemas.js';
import { routeOrder, routingActive } from '../routing/route-order.js';
import type { StationPrinter } from '../routing/routes.js';
import { ticketLines } from '../tickets/order-lines.js';

/**
 * The stations (printers with routes) that print lines of this order: the ones whose bumps make it
 * READY under `readyWhen: "all-stations"`. Empty without routes or for a body that does not parse.
 */
export function stationsWithLines(orderBody: unknown, printers: readonly StationPrinter[]): string[] {
  if (!routingActive(printers)) return [];
  const parsed = orderSchema.safeParse(orderBody);
  return parsed.success ? stationsOfOrder(parsed.data, printers) : [];
}

/** stationsWithLines of an order already parsed (the day in numbers parses each body once). */
export function stationsOfOrder(order: Order, printers: readonly StationPrinter[]): string[] {
  if (!routingActive(printers)) return [];
  const routing = routeOrder({ type: order.type, providerId: order.provider_id }, ticketLines(order), printers);
  return routing.stations.filter((s) => !s.wholeOrder && s.lineKeys.size > 0).map((s) => s.printerId);
}
