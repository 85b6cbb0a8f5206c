import { statusEntry, type StatusTable } from '../klikit/enums.js';
import { orderSchema, type Order } from '../klikit/schemas.js';
import { fallbackPrinter, routingActive } from '../routing/route-order.js';
import type { StationPrinter } from '../routing/routes.js';
import { PRINTED_STATES, UNPRINTED_STATES, type JobPayload, type PrintJob } from '../store/print-jobs.js';
import { stationLines } from '../tickets/station-view.js';

// Which tickets a new version of an order calls for. Pure: the caller reads the stored state and
// applies the actions in the same transaction as the order change (the outbox). With routed printers
// a printer only gets a ticket when it has lines of the order, and a cart edit only where its lines changed.

export type OrderVersionState = { status: number; cartHash: string };

export type JobAction =
  | { action: 'enqueue'; printerId: string; kind: 'new' | 'update' | 'cancel'; payload: JobPayload }
  | { action: 'replace-payload'; jobId: number; payload: JobPayload }
  | { action: 'skip'; jobId: number; reason: string };

export type PlanInput = {
  /** The stored version before this one; undefined on first sight of the order. */
  stored: OrderVersionState | undefined;
  /** The incoming version, already known to be newer than the stored one. */
  incoming: OrderVersionState;
  /** The incoming order body as klikit sent it. */
  body: unknown;
  /** The same body, validated. */
  order: Order;
  /** Every print job the order has so far, read only when the plan needs them (a status change never does). */
  jobs: () => readonly PrintJob[];
  printers: readonly StationPrinter[];
  statusTable?: StatusTable | undefined;
};

export const CANCELLED_BEFORE_PRINTING = 'order cancelled before printing';
export const NO_LINES_FOR_STATION = 'no lines for this station after a cart edit';

const isPrinted = (job: PrintJob): boolean => PRINTED_STATES.includes(job.state);
const isUnprinted = (job: PrintJob): boolean => UNPRINTED_STATES.includes(job.state);

/** The printers that take a version of the order: every printer without routing, else those with lines. */
function takers(order: Order, printers: readonly StationPrinter[]): Set<string> {
  if (!routingActive(printers)) return new Set(printers.map((p) => p.id));
  const lines = stationLines(order, printers);
  const ids = printers.filter((p) => (lines.get(p.id) ?? []).length > 0).map((p) => p.id);
  // An order without lines still reaches someone: the fallback printer says "(no items)".
  const fallback = fallbackPrinter(printers);
  return new Set(ids.length > 0 || !fallback ? ids : [fallback.id]);
}

export function planJobs(input: PlanInput): JobAction[] {
  const { stored, incoming, body, jobs, printers } = input;
  const cancelledNow = statusEntry(incoming.status, input.statusTable).kind === 'cancelled';
  const cancelledBefore = stored !== undefined && statusEntry(stored.status, input.statusTable).kind === 'cancelled';
  const ticketForEveryTaker = (): JobAction[] => {
    const ids = takers(input.order, printers);
    return printers.filter((p) => ids.has(p.id)).map((p) => ({ action: 'enqueue', printerId: p.id, kind: 'new', payload: { order: body } }));
  };

  // First sight of an open or scheduled order prints it. So does a 'done' one: an order found late
  // by polling may never have reached the kitchen, and a ticket too many beats a meal never made.
  if (stored === undefined) return cancelledNow ? [] : ticketForEveryTaker();
  if (cancelledNow) return cancelledBefore ? [] : planCancel(jobs(), printers, body);
  if (cancelledBefore) return ticketForEveryTaker();
  if (incoming.cartHash === stored.cartHash) return [];
  return routingActive(printers) ? planRoutedCartChange(input, jobs()) : planCartChange(jobs(), printers, body);
}

function planCancel(jobs: readonly PrintJob[], printers: readonly StationPrinter[], body: unknown): JobAction[] {
  const skips: JobAction[] = jobs
    .filter((job) => job.kind !== 'cancel' && isUnprinted(job))
    .map((job) => ({ action: 'skip', jobId: job.id, reason: CANCELLED_BEFORE_PRINTING }));
  const voids: JobAction[] = printers
    .filter((p) => jobs.some((job) => job.printerId === p.id && job.kind !== 'cancel' && isPrinted(job)))
    .map((p) => ({ action: 'enqueue', printerId: p.id, kind: 'cancel', payload: { order: body } }));
  return [...skips, ...voids];
}

const latestTicketAt = (jobs: readonly PrintJob[], printerId: string): PrintJob | undefined =>
  jobs.filter((job) => job.printerId === printerId && (job.kind === 'new' || job.kind === 'update') && job.state !== 'skipped').at(-1);

function planCartChange(jobs: readonly PrintJob[], printers: readonly StationPrinter[], body: unknown): JobAction[] {
  const actions: JobAction[] = [];
  for (const { id: printerId } of printers) {
    const latest = latestTicketAt(jobs, printerId);
    if (!latest) continue;
    if (isUnprinted(latest)) {
      // Never printed: the kitchen gets one ticket with the newest cart instead of a ticket and an update.
      actions.push({ action: 'replace-payload', jobId: latest.id, payload: { ...latest.payload, order: body } });
    } else {
      actions.push({ action: 'enqueue', printerId, kind: 'update', payload: { order: body, previous: latest.payload.order } });
    }
  }
  return actions;
}

const sameLines = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Only stations whose own lines changed hear about a cart edit. A station that gains its first line
 * gets it as an update when another station already printed the order, else as its first ticket.
 */
function planRoutedCartChange(input: PlanInput, jobs: readonly PrintJob[]): JobAction[] {
  const { printers, body, order } = input;
  const now = stationLines(order, printers);
  const printedBodies = jobs.filter((j) => (j.kind === 'new' || j.kind === 'update') && isPrinted(j)).map((j) => j.payload.order);
  const actions: JobAction[] = [];
  for (const { id: printerId } of printers) {
    const mine = now.get(printerId) ?? [];
    const latest = latestTicketAt(jobs, printerId);
    if (!latest) {
      const previous = printedBodies.at(-1);
      if (mine.length === 0) continue;
      actions.push(
        previous === undefined
          ? { action: 'enqueue', printerId, kind: 'new', payload: { order: body } }
          : { action: 'enqueue', printerId, kind: 'update', payload: { order: body, previous } },
      );
    } else if (isUnprinted(latest)) {
      actions.push(
        mine.length > 0
          ? { action: 'replace-payload', jobId: latest.id, payload: { ...latest.payload, order: body } }
          : { action: 'skip', jobId: latest.id, reason: NO_LINES_FOR_STATION },
      );
    } else {
      const previous = orderSchema.safeParse(latest.payload.order);
      const before = previous.success ? (stationLines(previous.data, printers).get(printerId) ?? []) : [];
      if (previous.success && sameLines(before, mine)) continue;
      actions.push({ action: 'enqueue', printerId, kind: 'update', payload: { order: body, previous: latest.payload.order } });
    }
  }
  return actions;
}
