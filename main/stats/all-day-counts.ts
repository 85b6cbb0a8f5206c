import type { AllDayCounts, AllDayItem, AllDayStation } from '../../common/day-numbers.js';

// What is still to cook across the open orders, per station: each item's portions and, among them,
// how many carry each modifier ("Nasi Goreng ×7: 3 Spice: Extra pedas"). Pure: the caller decides which
// orders are open and which stations each line goes to.

export type AllDayLine = {
  name: string;
  quantity: number;
  /** Each modifier as the kitchen reads it ("Spice: Extra pedas"). */
  modifiers: readonly string[];
  /** The stations that cook it; empty when none takes it (or when no printer has routes). */
  stations: readonly string[];
};

export type AllDayOrder = {
  lines: readonly AllDayLine[];
  /** Stations that bumped their lines of this order: nothing left for them to cook. */
  stationsDone: readonly string[];
};

export type AllDayStationName = { id: string; name: string };

type Tally = { count: number; modifiers: Map<string, number> };

const byCountThenName = <T extends { name: string; count: number }>(a: T, b: T): number => b.count - a.count || a.name.localeCompare(b.name);

function itemsOf(tallies: Map<string, Tally>): AllDayItem[] {
  return [...tallies]
    .map(([name, t]) => ({ name, count: t.count, modifiers: [...t.modifiers].map(([m, count]) => ({ name: m, count })).sort(byCountThenName) }))
    .filter((item) => item.count > 0)
    .sort(byCountThenName);
}

/**
 * `stations` in the order the window lists them (the printers with routes); lines no station takes
 * come last under `unroutedName`. Without stations every line counts once under `allName`.
 */
export function countAllDay(orders: readonly AllDayOrder[], stations: readonly AllDayStationName[], names: { all: string; unrouted: string }): AllDayCounts {
  const groups = new Map<string | null, Map<string, Tally>>();
  const add = (station: string | null, line: AllDayLine): void => {
    const items = groups.get(station) ?? new Map<string, Tally>();
    groups.set(station, items);
    const name = line.name.trim();
    const tally = items.get(name) ?? { count: 0, modifiers: new Map<string, number>() };
    items.set(name, tally);
    tally.count += line.quantity;
    for (const m of new Set(line.modifiers)) tally.modifiers.set(m, (tally.modifiers.get(m) ?? 0) + line.quantity);
  };
  const known = new Set(stations.map((s) => s.id));
  for (const order of orders) {
    const done = new Set(order.stationsDone);
    for (const line of order.lines) {
      if (line.quantity <= 0) continue;
      if (stations.length === 0) {
        add(null, line);
        continue;
      }
      const takers = line.stations.filter((s) => known.has(s));
      if (takers.length === 0) add(null, line);
      for (const s of takers) if (!done.has(s)) add(s, line);
    }
  }
  const result: AllDayStation[] = stations.map((s) => {
    const items = itemsOf(groups.get(s.id) ?? new Map());
    return { id: s.id, name: s.name, total: items.reduce((n, i) => n + i.count, 0), items };
  });
  const rest = itemsOf(groups.get(null) ?? new Map());
  if (stations.length === 0 || rest.length > 0) {
    result.push({ id: null, name: stations.length === 0 ? names.all : names.unrouted, total: rest.reduce((n, i) => n + i.count, 0), items: rest });
  }
  return { orders: orders.length, stations: result };
}
