import { statusEntry, type StatusTable } from '../klikit/enums.js';
import { PRINTED_STATES, UNPRINTED_STATES, type JobPayload, type PrintJob } from '../store/print-jobs.js';

// Which tickets a new version of an order calls for. Pure: the caller reads the stored state and
// applies the actions in the same transaction as the order change (the outbox).

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
  /** Every print job the order has so far. */
  jobs: readonly PrintJob[];
  printerIds: readonly string[];
  statusTable?: StatusTable | undefined;
};

export const CANCELLED_BEFORE_PRINTING = 'order cancelled before printing';

const isPrinted = (job: PrintJob): boolean => PRINTED_STATES.includes(job.state);
const isUnprinted = (job: PrintJob): boolean => UNPRINTED_STATES.includes(job.state);

export function planJobs(input: PlanInput): JobAction[] {
  const { stored, incoming, body, jobs, printerIds } = input;
  const cancelledNow = statusEntry(incoming.status, input.statusTable).kind === 'cancelled';
  const cancelledBefore = stored !== undefined && statusEntry(stored.status, input.statusTable).kind === 'cancelled';
  const ticketForEveryPrinter = (): JobAction[] =>
    printerIds.map((printerId) => ({ action: 'enqueue', printerId, kind: 'new', payload: { order: body } }));

  // First sight of an open or scheduled order prints it. So does a 'done' one: an order found late
  // by polling may never have reached the kitchen, and a ticket too many beats a meal never made.
  if (stored === undefined) return cancelledNow ? [] : ticketForEveryPrinter();
  if (cancelledNow) return cancelledBefore ? [] : planCancel(jobs, printerIds, body);
  if (cancelledBefore) return ticketForEveryPrinter();
  if (incoming.cartHash === stored.cartHash) return [];
  return planCartChange(jobs, printerIds, body);
}

function planCancel(jobs: readonly PrintJob[], printerIds: readonly string[], body: unknown): JobAction[] {
  const skips: JobAction[] = jobs
    .filter((job) => job.kind !== 'cancel' && isUnprinted(job))
    .map((job) => ({ action: 'skip', jobId: job.id, reason: CANCELLED_BEFORE_PRINTING }));
  const voids: JobAction[] = printerIds
    .filter((printerId) => jobs.some((job) => job.printerId === printerId && job.kind !== 'cancel' && isPrinted(job)))
    .map((printerId) => ({ action: 'enqueue', printerId, kind: 'cancel', payload: { order: body } }));
  return [...skips, ...voids];
}

function planCartChange(jobs: readonly PrintJob[], printerIds: readonly string[], body: unknown): JobAction[] {
  const actions: JobAction[] = [];
  for (const printerId of printerIds) {
    const latest = jobs
      .filter((job) => job.printerId === printerId && (job.kind === 'new' || job.kind === 'update'))
      .filter((job) => job.state !== 'skipped')
      .at(-1);
    if (!latest) continue;
    if (isUnprinted(latest)) {
      // Never printed: the kitchen gets one ticket with the newest cart instead of a ticket and an update.
      actions.push({ action: 'replace-payload', jobId: latest.id, payload: { ...latest.payload, order: body } });
    } else {
      actions.push({
        action: 'enqueue',
        printerId,
        kind: 'update',
        payload: { order: body, previous: latest.payload.order },
      });
    }
  }
  return actions;
}
