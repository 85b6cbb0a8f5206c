import type pg from 'pg';
import type { InsertOutcome, NewEvent } from '../events.js';
import { inTransaction, isLockTimeout } from './connection.js';

/** The channel other nodes LISTEN on; a payload is `nodeId:branchId:seq`. */
export const APPEND_CHANNEL = 'relay_events';

type Pending = { event: NewEvent; resolve: (outcome: InsertOutcome) => void; reject: (err: Error) => void };

/**
 * How long an append waits for a lock (an admin's `LOCK TABLE events` in psql, or a store copy in
 * progress) before its webhooks are answered with an error that klikit retries. A webhook may wait for
 * the batch in flight and then its own: twice this stays well inside klikit's 10 s.
 */
export const DEFAULT_APPEND_LOCK_TIMEOUT_MS = 2000;

export type AppenderOptions = {
  nodeId: string;
  /** See DEFAULT_APPEND_LOCK_TIMEOUT_MS. */
  lockTimeoutMs?: number;
  /** Test-only: runs inside each append transaction just before COMMIT, with the seqs taken and locks held. */
  beforeCommit?: () => Promise<void>;
  /** Test-only: runs inside each append transaction after its tombstones are written, before it draws its seqs. */
  beforeSeqs?: () => Promise<void>;
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
   * One transaction for the batch, concurrent with every other node's: seqs come from a sequence, so
   * they may commit out of order, and readers deliver only up to the settled horizon (settled-horizon.ts).
   * That horizon relies on one order kept here: the tombstones are written (which gives the transaction
   * its id) BEFORE any seq is drawn. Seqs are consumed by stored events only, except in a transaction
   * that rolls back: its seqs stay unused (a gap no reader waits for). The sequence never goes back, so
   * a seq is never reused, even after the newest events are pruned.
   */
  private commit(events: NewEvent[]): Promise<InsertOutcome[]> {
    return inTransaction(this.pool, async (client) => {
      const outcomes = await this.insert(client, events);
      await this.options.beforeCommit?.();
      return outcomes;
    }, { lockTimeoutMs: this.options.lockTimeoutMs ?? DEFAULT_APPEND_LOCK_TIMEOUT_MS });
  }

  private async insert(client: pg.PoolClient, events: NewEvent[]): Promise<InsertOutcome[]> {
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
    await this.options.beforeSeqs?.();
    // One round trip: the event ids already stored, and the batch's seqs in the order drawn.
    const drawn = await client.query<{ known: string[] | null; seqs: string[] }>(
      `SELECT (SELECT array_agg(DISTINCT event_id) FROM events WHERE event_id = ANY($1::text[])) AS known,
              (SELECT array_agg(nextval('relay_event_seq') ORDER BY n) FROM generate_series(1, $2::int) AS n) AS seqs`,
      [stored.map((e) => e.eventId), stored.length],
    );
    const seqs = drawn.rows[0]!.seqs.map(Number).sort((a, b) => a - b);
    const usedIds = new Set(drawn.rows[0]!.known ?? []);
    storedIndexes.forEach((i, n) => {
      outcomes[i] = { kind: 'stored', seq: seqs[n]!, idReused: usedIds.has(events[i]!.eventId) };
      usedIds.add(events[i]!.eventId);
    });
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
