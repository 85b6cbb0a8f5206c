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
  /** One batch now: what it removed and whether the pass has more to do. */
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

  function step(): PruneStep {
    const beforeIso = new Date(clock.now() - options.retentionDays * DAY_MS).toISOString();
    const orders = pruneOrders(db, { beforeIso, closedStatuses, limit: ORDER_BATCH, after: cursor });
    cursor = orders.next;
    const jobs = pruneOrderlessJobs(db, beforeIso, ROW_BATCH);
    const events = pruneEvents(db, beforeIso, relayCursor(db), ROW_BATCH);
    const stockMarks = pruneStockMarks(db, beforeIso, ROW_BATCH);
    const pagesReleased = releaseFreePages(db, RELEASE_PAGES);
    const more = cursor !== null || jobs === ROW_BATCH || events === ROW_BATCH || stockMarks === ROW_BATCH || pagesReleased === RELEASE_PAGES;
    return { orders: orders.pruned, jobs, events, stockMarks, pagesReleased, more };
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
      logger.warn({ err }, 'history not pruned: will try again at the next pass');
      cursor = null;
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
