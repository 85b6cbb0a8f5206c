// One order's lines across the printers: each line goes to every printer whose routes take it; a
// line nobody takes goes to the fallback printer (marked `fallback: true`, else the first) marked
// UNROUTED, never dropped.

import { printsWholeOrders, routesMatch, type RoutableLine, type RoutableOrder, type StationPrinter } from './routes.js';

export type Station = {
  printerId: string;
  printerName: string;
  wholeOrder: boolean;
  /** Keys of the lines this printer prints, unrouted ones included. */
  lineKeys: ReadonlySet<string>;
  /** Keys of the lines it prints only because no printer took them. */
  unroutedKeys: ReadonlySet<string>;
};

export type OrderRouting = {
  stations: Station[];
  /** Keys of lines no printer's routes took (printed at the fallback printer). */
  unroutedKeys: string[];
};

export function fallbackPrinter(printers: readonly StationPrinter[]): StationPrinter | undefined {
  return printers.find((p) => p.fallback === true) ?? printers[0];
}

export function routeOrder(order: RoutableOrder, lines: readonly RoutableLine[], printers: readonly StationPrinter[]): OrderRouting {
  const taken = new Map(printers.map((p) => [p.id, new Set<string>()]));
  const unroutedKeys: string[] = [];
  for (const line of lines) {
    const takers = printers.filter((p) => p.routes === undefined || routesMatch(p.routes, order, line));
    for (const p of takers) taken.get(p.id)!.add(line.key);
    if (takers.length === 0) unroutedKeys.push(line.key);
  }
  const fallback = fallbackPrinter(printers);
  for (const key of unroutedKeys) if (fallback) taken.get(fallback.id)!.add(key);
  const stations = printers.map((p) => ({
    printerId: p.id,
    printerName: p.name,
    wholeOrder: printsWholeOrders(p),
    lineKeys: taken.get(p.id)!,
    unroutedKeys: new Set(p.id === fallback?.id ? unroutedKeys : []),
  }));
  return { stations, unroutedKeys };
}

/** Whether any printer has routes: without any, every printer prints whole orders as before routing. */
export const routingActive = (printers: readonly StationPrinter[]): boolean => printers.some((p) => !printsWholeOrders(p));
