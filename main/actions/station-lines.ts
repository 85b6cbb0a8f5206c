import { orderSchema } from '../klikit/schemas.js';
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
  if (!parsed.success) return [];
  const order = parsed.data;
  const routing = routeOrder({ type: order.type, providerId: order.provider_id }, ticketLines(order), printers);
  return routing.stations.filter((s) => !s.wholeOrder && s.lineKeys.size > 0).map((s) => s.printerId);
}
