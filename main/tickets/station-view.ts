// What one station's ticket shows when printers are routed: its own lines (unrouted ones marked) and
// which other stations have the rest. Null when the ticket is a whole-order ticket.

import type { Order } from '../klikit/schemas.js';
import { routeOrder, routingActive, type OrderRouting } from '../routing/route-order.js';
import type { StationPrinter } from '../routing/routes.js';
import { itemCount, ticketLines, type TicketLine } from './order-lines.js';

export type StationView = {
  lines: TicketLine[];
  unroutedKeys: ReadonlySet<string>;
  /** Routed stations that print lines this ticket does not show, with their item counts. */
  also: Array<{ name: string; items: number }>;
};

/** The order's lines and where each printer's routes send them. */
function routedLines(order: Order, printers: readonly StationPrinter[]): { all: TicketLine[]; routing: OrderRouting } {
  const all = ticketLines(order);
  return { all, routing: routeOrder({ type: order.type, providerId: order.provider_id }, all, printers) };
}

/** Each printer's lines of the order (whole-order printers get every line). */
export function stationLines(order: Order, printers: readonly StationPrinter[]): Map<string, TicketLine[]> {
  const { all, routing } = routedLines(order, printers);
  return new Map(routing.stations.map((s) => [s.printerId, all.filter((l) => s.lineKeys.has(l.key))]));
}

export function stationView(order: Order, station: { printerId: string; printers: readonly StationPrinter[] } | undefined): StationView | null {
  if (!station || !routingActive(station.printers)) return null;
  const { all, routing } = routedLines(order, station.printers);
  const mine = routing.stations.find((s) => s.printerId === station.printerId);
  if (!mine || mine.wholeOrder) return null;
  const lines = all.filter((l) => mine.lineKeys.has(l.key));
  const also = routing.stations
    .filter((s) => s !== mine && !s.wholeOrder)
    .map((s) => ({ name: s.printerName, items: itemCount(all.filter((l) => s.lineKeys.has(l.key) && !mine.lineKeys.has(l.key))) }))
    .filter((s) => s.items > 0);
  return { lines, unroutedKeys: mine.unroutedKeys, also };
}
