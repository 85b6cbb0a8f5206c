import type { OrderSummary } from '../common/bridge-api.js';
import { startedAt } from './order-timing.js';

// Which orders expo sees where: its kitchen column's station progress, and its hand-out column.

/** The routed stations this order's lines go to, in the order they first appear. */
export const stationsOf = (order: OrderSummary): string[] => [...new Set(order.lines.flatMap((l) => l.stations ?? []))];

/** As on the board and the pickup board: the order that came first, first. */
const oldestFirst = (a: OrderSummary, b: OrderSummary): number => startedAt(a).localeCompare(startedAt(b)) || a.id - b.id;

/** Waiting for a hand-out: ready at klikit or bumped, not picked up; oldest order first, as on the pickup board. */
export const readyToHandOut = (orders: readonly OrderSummary[]): OrderSummary[] => orders.filter((o) => o.awaitingPickup === true).sort(oldestFirst);
