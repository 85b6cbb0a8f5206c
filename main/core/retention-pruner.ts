import type { Logger } from 'pino';
import { relayCursor } from '../ingest/ingest.js';
import type { StatusTable } from '../klikit/enums.js';
import type { Db } from '../store/connection.js';
import { pruneEvents, pruneOrderlessJobs, pruneOrders, pruneStockMarks, releaseFreePages, type OrderScanCursor } from '../store/retention.js';
import type { Clock } from '../../ground/clock.js';

// The one owner of history pruning: small batches in the background (each a transaction of a few
// milliseconds), one batch every `stepMs` while there is work, then a rest until the next pass.

// Per batch, each its own transaction of a few milliseconds on a counter PC (bench/bridge-storage-year.ts).
/** Orders looked at per batch (each goes with its versions, jobs and history). */
export const ORDER_BATCH = 20;
/** Events or orderless jobs per batch. */
export const ROW_BATCH = 200;
/** Free pages handed back per batch, in files with incremental auto-vacuum. */
const RELEASE_PAGES = 32;
const DAY_MS = 86_400_000;
/** The kinds of row a pass prunes, in order: orders first, so their freed pages are released in the same pass. */
const PHASES = ['orders', 'jobs', 'events', 'stockMarks', 'pages'] as const;

export type RetentionPrunerOptions = {
  db: Db;
  clock: Clock;
  logger: Logger;
  retentionDays: number;
  statusTable: StatusTable;
  /** Between two batches of one pass. */
  stepMs: number;
  /** Between two passes. */
  restMs: number;
};

export type PruneStep = { orders: number; jobs: number; events: number; stockMarks: number; pagesReleased: number; more: boolean };

export type RetentionPruner = {
  start(): void;
  stop(): void;
  /** One batch of one kind of row now: what it removed and whether the pass has more to do. */
  step(): PruneStep;
};

export function createRetentionPruner(options: RetentionPrunerOptions): RetentionPruner {
  const { db, clock, logger } = options;
  const closedStatuses = Object.entries(options.statusTable)
    .filter(([, entry]) => entry.kind === 'done' || entry.kind === 'cancelled')
    .map(([code]) => Number(code));
  let cursor: OrderScanCursor | null = null;
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  // One kind of row per batch, so the core's thread is held for one short transaction at a time,
  // never for all of them back to back.
  let phase = 0;
  function runPhase(beforeIso: string): { removed: Partial<PruneStep>; full: boolean } {
    switch (PHASES[phase]!) {
      case 'orders': {
        const orders = pruneOrders(db, { beforeIso, closedStatuses, limit: ORDER_BATCH, after: cursor });
        cursor = orders.next;
        return { removed: { orders: orders.pruned }, full: cursor !== null };
      }
      case 'jobs': {
        const jobs = pruneOrderlessJobs(db, beforeIso, ROW_BATCH);
        return { removed: { jobs }, full: jobs === ROW_BATCH };
      }
      case 'events': {
        const events = pruneEvents(db, beforeIso, relayCursor(db), ROW_BATCH);
        return { removed: { events }, full: events === ROW_BATCH };
      }
      case 'stockMarks': {
        const stockMarks = pruneStockMarks(db, beforeIso, ROW_BATCH);
        return { removed: { stockMarks }, full: stockMarks === ROW_BATCH };
      }
      case 'pages': {
        const pagesReleased = releaseFreePages(db, RELEASE_PAGES);
        return { removed: { pagesReleased }, full: pagesReleased === RELEASE_PAGES };
      }
    }
  }

  function step(): PruneStep {
    const beforeIso = new Date(clock.now() - options.retentionDays * DAY_MS).toISOString();
    const kind = PHASES[phase]!;
    let removed: Partial<PruneStep> = {};
    let full = false;
    try {
      ({ removed, full } = runPhase(beforeIso));
    } catch (err) {
      // One kind that keeps failing (a damaged row, a full disk) must not hold back the others: the pass
      // goes on to the next kind, and this one is tried again at the next pass.
      logger.warn({ err, kind }, 'history of one kind not pruned: will try again at the next pass');
      if (kind === 'orders') cursor = null;
    }
    // A full batch leaves more of its kind; otherwise the pass goes on to the next kind, and is over after the last.
    if (!full) phase = (phase + 1) % PHASES.length;
    return { orders: 0, jobs: 0, events: 0, stockMarks: 0, pagesReleased: 0, ...removed, more: full || phase !== 0 };
  }

  function schedule(ms: number): void {
    if (!running) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  }

  function tick(): void {
    try {
      const done = step();
      if (done.orders + done.jobs + done.events + done.stockMarks > 0) logger.debug(done, 'pruned history older than %d days', options.retentionDays);
      schedule(done.more ? options.stepMs : options.restMs);
    } catch (err) {
      // Outside any one kind (the clock or the retention gave no date): pruning must go on, not stop for good.
      logger.warn({ err }, 'history not pruned: will try again at the next pass');
      schedule(options.restMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(options.stepMs);
    },
    stop() {
      running = false;
      clearTimeout(timer);
    },
    step,
  };
}
