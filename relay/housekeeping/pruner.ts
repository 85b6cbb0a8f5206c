import type { Logger } from 'pino';
import { errorText } from '../../common/error-text.js';
import type { Clock } from '../../ground/clock.js';
import type { RelayStore } from '../store/relay-store.js';

/**
 * How far past this node's clock an event's stamp must be to count as received while the clock ran
 * ahead (see RelayStore.pruneEvents): relay nodes sharing a PostgreSQL store differ by milliseconds.
 */
export const CLOCK_AHEAD_GRACE_MS = 60_000;

export type PrunerOptions = {
  store: RelayStore;
  clock: Clock;
  logger: Logger;
  retentionMs: number;
  tombstoneRetentionMs: number;
  /** An event older than this is pruned even if a device has not acked it; that device is told so. */
  cursorExpiryMs: number;
  quarantineMaxRows: number;
  /** Rows deleted per step; each step is its own short statement, so webhooks are answered in between. */
  batchRows: number;
  intervalMs: number;
};

/**
 * Owns retention: a pass now and every interval, in small batches off the request path. With several
 * relay nodes on one PostgreSQL store each node prunes; the deletes are idempotent and batched, so two
 * passes at once only share the work.
 */
export class Pruner {
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: PrunerOptions) {
    this.timer = setInterval(() => this.start(), options.intervalMs);
    this.start();
  }

  /** Stops the timer and resolves once a pass under way has finished its current batch. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private start(): void {
    if (this.running || this.stopped) return;
    this.running = this.pass()
      .catch((err: unknown) => this.options.logger.error({ err: errorText(err) }, 'prune pass failed; retried next interval'))
      .finally(() => {
        this.running = undefined;
      });
  }

  private async pass(): Promise<void> {
    const { store, clock, batchRows } = this.options;
    const now = clock.now();
    const totals = { events: 0, tombstones: 0, quarantine: 0 };
    const expireBefore = now - this.options.cursorExpiryMs;
    const expired = await store.markExpiredCursors(expireBefore);
    if (expired > 0) this.options.logger.warn({ devices: expired }, 'device cursors expired: unacked events past the cursor expiry will be pruned');
    // Each table is pruned until a batch comes back short; a table already done is not queried again.
    let pending: Array<[keyof typeof totals, () => Promise<number>]> = [
      ['events', () => store.pruneEvents(now - this.options.retentionMs, expireBefore, batchRows, now + CLOCK_AHEAD_GRACE_MS)],
      ['tombstones', () => store.pruneTombstones(now - this.options.tombstoneRetentionMs, batchRows)],
      ['quarantine', () => store.pruneQuarantine(now - this.options.retentionMs, this.options.quarantineMaxRows, batchRows)],
    ];
    while (pending.length > 0 && !this.stopped) {
      const next: typeof pending = [];
      for (const entry of pending) {
        const removed = await entry[1]();
        totals[entry[0]] += removed;
        if (removed === batchRows) next.push(entry);
      }
      pending = next;
      // SQLite answers synchronously: yield so webhooks are answered between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (totals.events + totals.tombstones + totals.quarantine > 0) this.options.logger.info(totals, 'pruned past retention');
  }
}
