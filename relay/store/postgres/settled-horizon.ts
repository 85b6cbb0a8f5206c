import type pg from 'pg';
import type { AppendNotice } from '../relay-store.js';

/**
 * The application name of the connections that send append notices: their transactions draw no seq, so
 * the settled horizon does not wait for them; counted, each held every node's readers back for a round.
 */
export const NOTICES_APPLICATION_NAME = 'klikit-relay-notices';

/**
 * The highest seq below which the log can no longer change: every transaction that drew a seq up to it
 * has committed or rolled back. Seqs come from a sequence (`relay_event_seq`), so appends of several
 * nodes commit concurrently and may commit out of seq order; a reader that delivered a later seq before
 * an earlier one committed would make a bridge's cursor skip it. Readers therefore deliver only up to
 * this horizon, and append notices are held until it has passed them.
 *
 * How it is known, one round trip per sample (two statements, the second run after the first):
 *   1. `last_value` of the sequence: L, the highest seq handed out so far;
 *   2. the transaction ids of every transaction running now (`backend_xid` of pg_stat_get_activity,
 *      read live from the server's process array). The function, not the pg_stat_activity view over it:
 *      the same rows, but the view's joins cost the server four times the CPU per round (400 against
 *      110 µs measured), and a busy node runs one round per append round trip (see `pace`). Every role
 *      sees every session's backend_xid (PostgreSQL hides only a session's query, state and client from
 *      other roles without pg_read_all_stats), so nodes connecting as different roles see each other's appends.
 * An append, one statement, takes its transaction id before it draws its seqs (append.ts), so it has
 * an id before it holds a seq: every transaction holding a seq ≤ L either had ended by step 2 or is in
 * that list. Once none of the listed ids is running any more (transaction ids are not reused), the
 * events up to L are final, and any snapshot taken after sees all of them that committed. Each sample
 * is kept until a later round finds its list ended; an idle database settles a sample at once.
 * (A snapshot's xmin/xmax cannot serve: a snapshot ignores running ids above the newest completed
 * one, so a young transaction that already holds a seq would go unseen.)
 * The nodes' notice statements (`pg_notify` takes a transaction id at commit) are left out of the list by
 * their connections' name (NOTICES_APPLICATION_NAME).
 */
export class SettledHorizon {
  private settledSeq = 0;
  private samples: Array<{ last: number; running: readonly string[] }> = [];
  private running: Promise<number> | undefined;
  private queued: Promise<number> | undefined;
  private held: AppendNotice[] = [];
  private retry: NodeJS.Timeout | undefined;
  private retryMs: number;
  private lastRoundAt = -Infinity;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: {
      onSettled: (notice: AppendNotice) => void;
      onError: (err: unknown) => void;
      /** Rounds started for held notices are at least this far apart (ms): under load, one round settles many batches. */
      minRetryMs?: number;
      maxRetryMs?: number;
      /**
       * How long this node's appends take to commit now (ms): rounds for held notices are at least this
       * far apart too (up to maxRetryMs). What holds a notice back is mostly an append still in flight,
       * which takes about that long to end, so sooner rounds find the same list still running; and each
       * round costs the server a read of every backend's state, whatever it settles.
       */
      pace?: () => number;
    },
  ) {
    this.retryMs = options.minRetryMs ?? 5;
  }

  get settled(): number {
    return this.settledSeq;
  }

  /**
   * A fresh horizon: a sample taken after this call, settled as far as the database allows right now.
   * Concurrent callers share the round that starts after the one in flight.
   */
  refresh(): Promise<number> {
    if (!this.running) return this.start();
    this.queued ??= this.running.then(
      () => this.startQueued(),
      () => this.startQueued(),
    );
    return this.queued;
  }

  /** Passes the notice on once the horizon has reached its seq (at once if it already has). */
  hold(notice: AppendNotice): void {
    if (this.closed) return;
    if (notice.seq <= this.settledSeq) {
      this.options.onSettled(notice);
      return;
    }
    this.held.push(notice);
    this.scheduleRetry();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.held = [];
  }

  private startQueued(): Promise<number> {
    this.queued = undefined;
    return this.start();
  }

  private start(): Promise<number> {
    this.lastRoundAt = performance.now();
    const round = this.round().finally(() => {
      if (this.running === round) this.running = undefined;
    });
    this.running = round;
    return round;
  }

  private async round(): Promise<number> {
    const [sequence, activity] = (await this.pool.query(
      // Two statements in one round trip (the simple protocol, which takes no parameters): the name is a constant.
      `SELECT last_value, is_called FROM relay_event_seq;
       SELECT backend_xid::text AS xid FROM pg_stat_get_activity(NULL) WHERE backend_xid IS NOT NULL AND application_name IS DISTINCT FROM '${NOTICES_APPLICATION_NAME}'`,
    )) as unknown as [pg.QueryResult<{ last_value: number; is_called: boolean }>, pg.QueryResult<{ xid: string }>];
    const seqRow = sequence.rows[0]!;
    const running = new Set(activity.rows.map((r) => r.xid));
    this.samples.push({ last: seqRow.is_called ? Number(seqRow.last_value) : 0, running: [...running] });
    const open: typeof this.samples = [];
    for (const sample of this.samples) {
      if (!sample.running.some((xid) => running.has(xid))) this.settledSeq = Math.max(this.settledSeq, sample.last);
      else if (sample.last > this.settledSeq) open.push(sample);
    }
    // Settling waits for the newest sample's list: only the transactions still running can hold it back.
    this.samples = open.map((sample) => ({ last: sample.last, running: sample.running.filter((xid) => running.has(xid)) }));
    this.release();
    return this.settledSeq;
  }

  private release(): void {
    const ready = this.held.filter((n) => n.seq <= this.settledSeq).sort((a, b) => a.seq - b.seq);
    if (ready.length > 0) {
      this.held = this.held.filter((n) => n.seq > this.settledSeq);
      this.retryMs = this.options.minRetryMs ?? 5;
      for (const notice of ready) this.options.onSettled(notice);
    }
    // Nothing else may come to settle what is held (the last appends of a burst): look again, backing off.
    if (this.held.length > 0) this.scheduleRetry(true);
  }

  /**
   * One round for everything held meanwhile: at once after a quiet spell, else no sooner than the
   * spacing after the previous round (doubling while nothing settles), so a busy node reads the
   * horizon a few hundred times a second at most, not once per batch.
   */
  private scheduleRetry(backOff = false): void {
    if (this.retry || this.closed) return;
    const spacing = Math.max(this.retryMs, Math.min(this.options.pace?.() ?? 0, this.options.maxRetryMs ?? 100));
    const delay = Math.max(0, this.lastRoundAt + spacing - performance.now());
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.refresh().catch(this.options.onError);
    }, delay);
    this.retry.unref();
    if (backOff) this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? 100);
  }
}
