import type { Logger } from 'pino';
import type { RelayClock } from '../clock.js';
import type { RelayDb } from '../store/connection.js';
import { markExpiredCursors, pruneEvents, pruneQuarantine, pruneTombstones } from '../store/prune.js';

export type PrunerOptions = {
  db: RelayDb;
  clock: RelayClock;
  logger: Logger;
  retentionMs: number;
  tombstoneRetentionMs: number;
  /** An event older than this is pruned even if a device has not acked it; that device is told so. */
  cursorExpiryMs: number;
  quarantineMaxRows: number;
  /** Rows deleted per step; steps yield to the event loop, so webhooks are answered in between. */
  batchRows: number;
  intervalMs: number;
};

/** Owns retention: a pass now and every interval, in small batches off the request path. */
export class Pruner {
  private readonly timer: NodeJS.Timeout;
  private running = false;
  private stopped = false;

  constructor(private readonly options: PrunerOptions) {
    this.timer = setInterval(() => this.pass(), options.intervalMs);
    this.pass();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private pass(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    const { db, clock, batchRows } = this.options;
    const now = clock.now();
    const totals = { events: 0, tombstones: 0, quarantine: 0 };
    const expireBefore = now - this.options.cursorExpiryMs;
    const expired = markExpiredCursors(db, expireBefore);
    if (expired > 0) this.options.logger.warn({ devices: expired }, 'device cursors expired: unacked events past the cursor expiry will be pruned');
    // Each table is pruned until a batch comes back short; a table already done is not queried again.
    let pending: Array<[keyof typeof totals, () => number]> = [
      ['events', () => pruneEvents(db, now - this.options.retentionMs, expireBefore, batchRows)],
      ['tombstones', () => pruneTombstones(db, now - this.options.tombstoneRetentionMs, batchRows)],
      ['quarantine', () => pruneQuarantine(db, now - this.options.retentionMs, this.options.quarantineMaxRows, batchRows)],
    ];
    const step = (): void => {
      if (this.stopped) return;
      pending = pending.filter(([table, prune]) => {
        const removed = prune();
        totals[table] += removed;
        return removed === batchRows;
      });
      if (pending.length > 0) {
        setImmediate(step);
        return;
      }
      this.running = false;
      if (totals.events + totals.tombstones + totals.quarantine > 0) this.options.logger.info(totals, 'pruned past retention');
    };
    step();
  }
}
