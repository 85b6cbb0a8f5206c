import type { AllDayOrder } from '../stats/all-day-counts.js';
import { routeOrder, routingActive } from '../routing/route-order.js';
import type { StationPrinter } from '../routing/routes.js';
import { ticketLines } from '../tickets/order-lines.js';
import { modifierNames, parseBody } from './order-summary.js';

/**
 * One open order as the all-day counts take it: every line (uncapped, unlike the card's), its
 * modifiers as the card reads them, and the stations (printers with routes) that cook it.
 */
export function allDayOrderOf(body: string, stations: readonly StationPrinter[], stationsDone: readonly string[]): AllDayOrder {
  const order = parseBody(body);
  if (!order) return { lines: [], stationsDone };
  const lines = ticketLines(order);
  const routing = routingActive(stations) ? routeOrder({ type: order.type, providerId: order.provider_id }, lines, stations) : null;
  const routed = routing?.stations.filter((s) => !s.wholeOrder) ?? [];
  return {
    lines: lines.map((l) => ({
      name: l.name,
      quantity: l.quantity,
      modifiers: modifierNames(l.groups),
      stations: routed.filter((s) => s.lineKeys.has(l.key)).map((s) => s.printerId),
    })),
    stationsDone,
  };
}
