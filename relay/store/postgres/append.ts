import type pg from 'pg';
import type { InsertOutcome, NewEvent } from '../events.js';
import { inTransaction, isLockTimeout } from './connection.js';

/** The channel other nodes LISTEN on; a payload is `nodeId:branchId:seq`. */
export const APPEND_CHANNEL = 'relay_events';

type Pending = { event: NewEvent; resolve: (outcome: InsertOutcome) => void; reject: (err: Error) => void };

/**
 * How long an append waits for the counter row (held by another node's append, or by an admin's
 * `SELECT … FOR UPDATE` in psql) before its webhooks are answered with an error that klikit retries. A
 * webhook may wait for the batch in flight and then its own: twice this stays well inside klikit's 10 s.
 */
export const DEFAULT_APPEND_LOCK_TIMEOUT_MS = 2000;

export type AppenderOptions = {
  nodeId: string;
  /** See DEFAULT_APPEND_LOCK_TIMEOUT_MS. */
  lockTimeoutMs?: number;
  /** Test-only: runs inside each append transaction just before COMMIT, with the seqs taken and locks held. */
  beforeCommit?: () => Promise<void>;
};

/**
 * Group commit for PostgreSQL: the appends requested while no batch is in flight (one turn of the event
 * loop, or everything that arrived during the previous batch) go into one transaction; one batch in
 * flight at a time; each caller is resolved after COMMIT. A batch that fails is retried one event per
 * transaction, so one webhook PostgreSQL refuses does not fail the others that shared its transaction
 * (SQLite's group commit gets the same from savepoints). Had the batch in fact committed (the answer to
 * COMMIT lost with the connection), the retry finds its tombstones and answers duplicate: stored either way.
 */
export class PostgresAppender {
  private pending: Pending[] = [];
  private scheduled = false;
  private inFlight = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: AppenderOptions,
  ) {}

  append(event: NewEvent): Promise<InsertOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ event, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.inFlight = true;
    try {
      await this.settle(batch);
    } finally {
      this.inFlight = false;
      this.schedule();
    }
  }

  private async settle(batch: Pending[]): Promise<void> {
    let outcomes: InsertOutcome[];
    try {
      outcomes = await this.commit(batch.map((p) => p.event));
    } catch (err) {
      // A lock wait that timed out is no body's fault: retrying one by one would make each wait again.
      if (batch.length === 1 || isLockTimeout(err)) for (const p of batch) p.reject(err as Error);
      else for (const p of batch) await this.settle([p]);
      return;
    }
    batch.forEach((p, i) => p.resolve(outcomes[i]!));
  }

  /**
   * One transaction for the batch. The cursor-ordering scheme: the 'events' counter row is locked FIRST,
   * before anything else is written, and held until COMMIT; every seq of the batch is taken from it under
   * that lock. A second appender (this node or another) blocks on the row until this transaction has
   * committed, and PostgreSQL makes a commit visible before it releases the transaction's locks, so
   * seqs become visible in seq order across all nodes: a reader that saw seq N has seen everything
   * below N, and a reader resuming after N can never skip an event committed later with a smaller seq.
   * Seqs are consumed only by stored events, and since the counter never goes down, a seq is never
   * reused even after the newest events are pruned.
   */
  private commit(events: NewEvent[]): Promise<InsertOutcome[]> {
    return inTransaction(this.pool, async (client) => {
      const counter = await client.query<{ value: number }>("SELECT value FROM relay_counters WHERE name = 'events' FOR UPDATE");
      const outcomes = await this.insert(client, events, counter.rows[0]!.value);
      await this.options.beforeCommit?.();
      return outcomes;
    }, { lockTimeoutMs: this.options.lockTimeoutMs ?? DEFAULT_APPEND_LOCK_TIMEOUT_MS });
  }

  private async insert(client: pg.PoolClient, events: NewEvent[], lastSeq: number): Promise<InsertOutcome[]> {
    // Within the batch the first of two identical bodies is the original, as if they came one by one.
    const firstOfBody = new Map<string, number>();
    events.forEach((e, i) => {
      const key = e.bodySha256.toString('hex');
      if (!firstOfBody.has(key)) firstOfBody.set(key, i);
    });
    const candidates = [...firstOfBody.values()].map((i) => events[i]!);
    const fresh = await client.query<{ sha256: Buffer }>(
      `INSERT INTO body_tombstones (sha256, seen_ms) SELECT * FROM unnest($1::bytea[], $2::bigint[])
       ON CONFLICT DO NOTHING RETURNING sha256`,
      [candidates.map((e) => e.bodySha256), candidates.map((e) => e.receivedMs)],
    );
    const freshBodies = new Set(fresh.rows.map((r) => r.sha256.toString('hex')));
    const storedIndexes = [...firstOfBody].filter(([key]) => freshBodies.has(key)).map(([, i]) => i);
    const outcomes: InsertOutcome[] = events.map(() => ({ kind: 'duplicate' }));
    if (storedIndexes.length === 0) return outcomes;

    const stored = storedIndexes.map((i) => events[i]!);
    const seqs = stored.map((_, n) => lastSeq + n + 1);
    const known = await client.query<{ event_id: string }>('SELECT DISTINCT event_id FROM events WHERE event_id = ANY($1::text[])', [
      stored.map((e) => e.eventId),
    ]);
    const usedIds = new Set(known.rows.map((r) => r.event_id));
    storedIndexes.forEach((i, n) => {
      outcomes[i] = { kind: 'stored', seq: seqs[n]!, idReused: usedIds.has(events[i]!.eventId) };
      usedIds.add(events[i]!.eventId);
    });
    await client.query("UPDATE relay_counters SET value = value + $1 WHERE name = 'events'", [stored.length]);
    await client.query(
      `INSERT INTO events (seq, event_id, event_type, brand_id, branch_id, received_at, received_ms, body)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::bigint[], $8::bytea[])`,
      [
        seqs, stored.map((e) => e.eventId), stored.map((e) => e.eventType), stored.map((e) => e.brandId),
        stored.map((e) => e.branchId), stored.map((e) => e.receivedAt), stored.map((e) => e.receivedMs), stored.map((e) => e.body),
      ],
    );
    await client.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [
      APPEND_CHANNEL,
      stored.map((e, n) => `${this.options.nodeId}:${e.branchId}:${seqs[n]}`),
    ]);
    return outcomes;
  }
}
