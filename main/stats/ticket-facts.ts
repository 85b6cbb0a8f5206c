// One order's timestamps turned into the facts the day in numbers counts: per order (station '') and
// per station that cooks some of its lines, when the ticket printed, when it was done, whether that was
// after klikit's due time, and whether klikit cancelled it while it waited for someone to accept it.
// Pure: the stored history goes in, rows come out (main/stats/rollup.ts reads and writes them).

import type { TicketStatRow } from '../store/day-stats.js';

const PLACED = 1;
const ACCEPTED = 2;
const CANCELLED = 3;
/** READY, DELIVERED, PICKED UP: the kitchen's part is over. */
const DONE_STATUSES = new Set([4, 5, 9]);
const GONE_STATUSES = new Set([5, 9]);

export type StatusChange = { status: number; at: string };
export type ActionFact = { action: 'accepted' | 'rejected' | 'ready' | 'picked_up'; state: string; station: string | null; createdAt: string };
export type PrintFact = { printerId: string; sentAt: string };

export type OrderHistory = {
  orderId: number;
  receivedAt: string;
  provider: string;
  dueAt: string | null;
  /** The order's applied status changes, oldest first. */
  changes: readonly StatusChange[];
  actions: readonly ActionFact[];
  /** Kitchen tickets (kind `new`) that reached a printer. */
  prints: readonly PrintFact[];
  /** The stations (printers with routes) that cook lines of this order. */
  stations: readonly string[];
};

/**
 * One order's figures at one station ('' for the whole order): the ticket_stats row without its day.
 * ticketSeconds runs from the ticket (its first print, else the order's arrival) to done; null while not done.
 */
export type TicketFact = Omit<TicketStatRow, 'day'>;

/** Staff's action stands: not recalled, refused or given up, and past its undo time (held still can be undone). */
const STANDING = new Set(['pending', 'sent', 'local']);

const earliest = (...times: Array<string | null | undefined>): string | null =>
  times.filter((t): t is string => typeof t === 'string').sort()[0] ?? null;

/**
 * klikit cancelled the order while it waited for acceptance: its history goes from PLACED straight to
 * CANCELLED, it was never ACCEPTED, and nobody here rejected it. The one definition (the acceptance
 * alarm counts the same thing).
 */
export function missedAcceptance(changes: readonly StatusChange[], actions: readonly Pick<ActionFact, 'action' | 'state'>[]): boolean {
  if (actions.some((a) => a.action === 'rejected' && (STANDING.has(a.state) || a.state === 'held'))) return false;
  let previous: number | null = null;
  for (const change of changes) {
    if (change.status === ACCEPTED) return false;
    if (change.status === CANCELLED) return previous === PLACED;
    previous = change.status;
  }
  return false;
}

const secondsBetween = (from: string, to: string): number => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

export function ticketFacts(h: OrderHistory): TicketFact[] {
  const standing = h.actions.filter((a) => STANDING.has(a.state));
  const wholeOrder = standing.filter((a) => a.station === null);
  const statusAt = (match: (s: number) => boolean): string | null => earliest(...h.changes.filter((c) => match(c.status)).map((c) => c.at));
  const actionAt = (action: ActionFact['action']): string | null => earliest(...wholeOrder.filter((a) => a.action === action).map((a) => a.createdAt));
  const cancelled = h.changes.length > 0 && h.changes[h.changes.length - 1]!.status === CANCELLED;
  const acceptedAt = earliest(statusAt((s) => s === ACCEPTED), actionAt('accepted'));
  const readyAt = cancelled ? null : earliest(statusAt((s) => DONE_STATUSES.has(s)), actionAt('ready'));
  const pickedUpAt = cancelled ? null : earliest(statusAt((s) => GONE_STATUSES.has(s)), actionAt('picked_up'));
  const printedAt = earliest(...h.prints.map((p) => p.sentAt));

  const fact = (station: string, stationPrintedAt: string | null, doneAt: string | null): TicketFact => {
    const startedAt = stationPrintedAt ?? printedAt ?? h.receivedAt;
    const finished = doneAt !== null && !cancelled;
    return {
      orderId: h.orderId,
      station,
      provider: h.provider,
      receivedAt: h.receivedAt,
      printedAt: stationPrintedAt ?? printedAt,
      acceptedAt,
      doneAt: finished ? doneAt : null,
      readyAt,
      pickedUpAt,
      dueAt: h.dueAt,
      ticketSeconds: finished ? secondsBetween(startedAt, doneAt) : null,
      late: finished && h.dueAt !== null && doneAt > h.dueAt,
      cancelled,
      missedAcceptance: station === '' && missedAcceptance(h.changes, h.actions),
    };
  };

  const facts = [fact('', null, readyAt)];
  for (const station of h.stations) {
    const bump = earliest(...standing.filter((a) => a.station === station && a.action === 'ready').map((a) => a.createdAt));
    const printed = earliest(...h.prints.filter((p) => p.printerId === station).map((p) => p.sentAt));
    facts.push(fact(station, printed, bump ?? readyAt));
  }
  return facts;
}
