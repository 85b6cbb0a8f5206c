import type pg from 'pg';
import type { Logger } from 'pino';
import { errorText } from '../../../common/error-text.js';
import { bodyKey, RECENT_EVENT_IDS, type InsertOutcome, type NewEvent } from '../events.js';
import { RecentIds } from '../recent-ids.js';
import { isLockTimeout, withConnection } from './connection.js';

/** The channel other nodes LISTEN on; a payload is `nodeId:branchId:seq`. */
export const APPEND_CHANNEL = 'relay_events';

type Pending = { event: NewEvent; resolve: (outcome: InsertOutcome) => void; reject: (err: Error) => void };

/**
 * How long an append waits for a lock (an admin's `LOCK TABLE events` in psql, or a store copy in
 * progress) before its webhooks are answered with an error that klikit retries. A webhook may wait for
 * the batch in flight and then its own: twice this stays well inside klikit's 10 s. It is a setting of
 * the appends' own connections (`lock_timeout`), since an append is one statement with no BEGIN to set
 * it in.
 */
export const DEFAULT_APPEND_LOCK_TIMEOUT_MS = 2000;

export type AppenderOptions = {
  nodeId: string;
  /**
   * Where the append notices are sent from, after COMMIT, each in a transaction of its own with
   * synchronous_commit off. A NOTIFY inside the append would hold PostgreSQL's one notification queue
   * lock from before its commit until after its WAL flush: the appends of every node would commit one
   * at a time, whatever their seqs. A notice is only a wake-up (readers go by cursor and the settled
   * horizon); one lost with a crash costs a delay until that branch's next notice or a listener's resync.
   */
  notices: pg.Pool;
  logger: Logger;
  /** See DEFAULT_BATCHES_IN_FLIGHT; the appends' pool needs this many connections. */
  batchesInFlight?: number;
  /**
   * The last RECENT_EVENT_IDS event ids stored (readRecentIds, as the node opened), then those this node
   * stores, oldest first: a reused id is looked for at the seqs noted here, by primary key, instead of
   * through an index on the id (migration 5), which klikit's random ids made a random page written by
   * every append. An id reused through another node since this one opened goes uncounted: it only feeds
   * a metric and a warning.
   */
  recentIds: RecentIds;
};

/**
 * Batches a node keeps in flight at once. Appends no longer queue on a lock, so a second batch commits
 * while the first waits for its WAL flush (PostgreSQL then flushes both at once); more only split the
 * same load into smaller batches.
 */
export const DEFAULT_BATCHES_IN_FLIGHT = 2;

/** The longest a node's next notice statement waits after its previous one started (see announce). */
const MAX_NOTICE_SPACING_MS = 50;

/**
 * Group commit for PostgreSQL: the appends requested while every batch slot is taken (one turn of the
 * event loop, or everything that arrived during the batches in flight) go into one transaction; up to
 * DEFAULT_BATCHES_IN_FLIGHT batches in flight at a time; each caller is resolved after COMMIT. A batch that fails is retried one event per
 * transaction, so one webhook PostgreSQL refuses does not fail the others that shared its transaction
 * (SQLite's group commit gets the same from savepoints). Had the batch in fact committed (the answer to
 * COMMIT lost with the connection), the retry finds its body keys and answers duplicate: stored either way.
 */
export class PostgresAppender {
  private pending: Pending[] = [];
  private scheduled = false;
  private inFlight = 0;
  private lastCommitMs = 0;
  /** Each branch's highest stored seq not yet announced, while a notice statement is in flight. */
  private readonly unannounced = new Map<number, number>();
  private announcing: Promise<void> | undefined;

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
    if (this.scheduled || this.inFlight >= (this.options.batchesInFlight ?? DEFAULT_BATCHES_IN_FLIGHT) || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.inFlight++;
    try {
      await this.settle(batch);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }

  /** How long the last batch took from its send to its answer (ms): how soon this node's appends end now. */
  get commitMs(): number {
    return this.lastCommitMs;
  }

  private async settle(batch: Pending[]): Promise<void> {
    let outcomes: InsertOutcome[];
    try {
      const started = performance.now();
      outcomes = await this.commit(batch.map((p) => p.event));
      this.lastCommitMs = performance.now() - started;
    } catch (err) {
      // A lock wait that timed out is no body's fault: retrying one by one would make each wait again.
      if (batch.length === 1 || isLockTimeout(err)) for (const p of batch) p.reject(err as Error);
      else for (const p of batch) await this.settle([p]);
      return;
    }
    batch.forEach((p, i) => p.resolve(outcomes[i]!));
    // One notice per branch, its highest seq: a notice only wakes the branch's sockets, which then read
    // everything past their own position, so the lower seqs need none.
    batch.forEach((p, i) => {
      const outcome = outcomes[i]!;
      if (outcome.kind === 'stored') this.unannounced.set(p.event.branchId, Math.max(outcome.seq, this.unannounced.get(p.event.branchId) ?? 0));
    });
    if (this.unannounced.size > 0 && !this.announcing) this.announce();
  }

  /** Resolves once every notice due so far has been (or failed to be) delivered to PostgreSQL. */
  async drained(): Promise<void> {
    while (this.announcing) await this.announcing;
  }

  /**
   * Sends the notices due; those that come due meanwhile go in the next statement, no sooner than this
   * node's append round trip after this one started (at most MAX_NOTICE_SPACING_MS). A statement per
   * batch (a transaction of its own, and a wake-up of every listening node) cost three busy nodes about
   * a tenth of their appends. A quiet node sends at once; a busy one delays another node's bridges by
   * at most one append round trip, the pace at which the settled horizon's rounds release notices anyway.
   */
  private announce(): void {
    const payloads = [...this.unannounced].map(([branchId, seq]) => `${this.options.nodeId}:${branchId}:${seq}`);
    this.unannounced.clear();
    const startedAt = performance.now();
    this.announcing = this.options.notices
      .query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [APPEND_CHANNEL, payloads])
      .then(
        () => undefined,
        (err: unknown) => this.options.logger.warn({ err: errorText(err), notices: payloads.length }, 'append notices not sent; other nodes learn of these events with their next notice or resync'),
      )
      .then(() => {
        const wait = startedAt + Math.min(this.lastCommitMs, MAX_NOTICE_SPACING_MS) - performance.now();
        return this.unannounced.size > 0 && wait > 0 ? new Promise<void>((resolve) => setTimeout(resolve, wait)) : undefined;
      })
      .finally(() => {
        this.announcing = undefined;
        if (this.unannounced.size > 0) this.announce();
      });
  }

  /**
   * One statement for the batch, in one round trip: sent without BEGIN, it is a transaction of its own
   * that PostgreSQL commits before it answers (node-postgres resolves on ReadyForQuery, which follows
   * the commit and its WAL flush), so a webhook is still answered only once it is durable, and no
   * transaction of an append is ever left open between round trips, where a stalled node would hold back
   * every reader's horizon. It writes the body keys, takes its transaction id, draws the seqs and
   * inserts the events (the notices follow the COMMIT: see AppenderOptions.notices), concurrently with
   * every other node's. Seqs come from a sequence, so they may commit out of order, and readers deliver
   * only up to the settled horizon (settled-horizon.ts), which relies on one order kept here: the
   * transaction has its id BEFORE it draws any seq (the CASE below: PostgreSQL evaluates a CASE's
   * condition before its result, and the body key insert that feeds `numbered` has taken the id
   * already). Seqs are consumed by stored events only, except in a transaction that fails: its seqs stay
   * unused (a gap no reader waits for). The sequence never goes back, so a seq is never reused, even
   * after the newest events are pruned.
   */
  private commit(events: NewEvent[]): Promise<InsertOutcome[]> {
    return withConnection(this.pool, (client) => this.insert(client, events));
  }

  private async insert(client: pg.ClientBase, events: NewEvent[]): Promise<InsertOutcome[]> {
    // Within the batch the first of two identical bodies is the original, as if they came one by one.
    const firstOfBody = new Map<string, number>();
    events.forEach((e, i) => {
      const key = e.bodySha256.toString('hex');
      if (!firstOfBody.has(key)) firstOfBody.set(key, i);
    });
    const candidates = [...firstOfBody.values()];
    const pick = <T>(field: (e: NewEvent) => T): T[] => candidates.map((i) => field(events[i]!));
    // Bodies go as parameters of their own: a Buffer parameter is sent as binary, where inside a
    // bytea[] parameter each would be hex text built in JavaScript and parsed again by the server.
    const bodies = candidates.map((_, n) => `$${n + 9}`).join(', ');
    const recentIds = this.options.recentIds;
    // Seqs are never reused, so a noted seq holds its id still, or nothing (rolled back, or pruned).
    const notedSeqs = candidates.flatMap((i) => {
      const noted = recentIds.get(events[i]!.eventId);
      return noted ? [noted.seq, ...(noted.earlier === undefined ? [] : [noted.earlier])] : [];
    });
    // Every CTE sees the snapshot of the statement's start: `known` finds the noted seqs stored before this batch.
    // The answer is one row of arrays (none when every body was a duplicate) rather than a row per
    // stored event: node-postgres's work per row was a sixth of this statement's CPU in the node (41 against
    // 35 µs per append in batches of 64, measured interleaved).
    const result = await client.query<{ ords: number[] | null; seqs: number[] | null; known: number[] | null }>(
      `WITH input AS (
         SELECT * FROM unnest($1::bytea[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[], ARRAY[${bodies}]::bytea[])
           WITH ORDINALITY AS u (body_key, received_ms, event_id, event_type, brand_id, branch_id, received_at, body, ord)),
       fresh AS (
         INSERT INTO body_keys (body_key, seen_ms)
         SELECT body_key, received_ms FROM input WHERE NOT EXISTS (SELECT 1 FROM body_tombstones t WHERE t.sha256 = substr(input.body_key, 5))
         ON CONFLICT DO NOTHING RETURNING body_key),
       numbered AS (
         SELECT CASE WHEN pg_current_xact_id() IS NOT NULL THEN nextval('relay_event_seq') END AS seq, kept.* FROM (SELECT input.* FROM input JOIN fresh USING (body_key) ORDER BY ord) AS kept),
       stored AS (
         INSERT INTO events (seq, event_id, event_type, brand_id, branch_id, received_at, received_ms, body)
         SELECT seq, event_id, event_type, brand_id, branch_id, received_at, received_ms, body FROM numbered),
       known AS (
         SELECT seq FROM events WHERE seq = ANY($8::bigint[]))
       SELECT array_agg(ord ORDER BY seq) AS ords, array_agg(seq ORDER BY seq) AS seqs, (SELECT array_agg(seq) FROM known) AS known
         FROM numbered`,
      [
        pick((e) => bodyKey(e.bodySecond, e.bodySha256)), pick((e) => e.receivedMs), pick((e) => e.eventId), pick((e) => e.eventType),
        pick((e) => e.brandId), pick((e) => e.branchId), pick((e) => e.receivedAt), notedSeqs, ...pick((e) => e.body),
      ],
    );
    const outcomes: InsertOutcome[] = events.map(() => ({ kind: 'duplicate' }));
    const usedIds = new Set<string>();
    const { ords, seqs, known } = result.rows[0]!;
    const storedSeqs = new Set((known ?? []).map(Number));
    const storedIndexes = (ords ?? []).map((ord, n) => ({ index: candidates[ord - 1]!, seq: Number(seqs![n]!) })).sort((a, b) => a.index - b.index);
    for (const { index, seq } of storedIndexes) {
      const eventId = events[index]!.eventId;
      const noted = recentIds.get(eventId);
      // An id stored earlier in this batch commits with it; one noted before, only if its row is there.
      const storedAt = usedIds.has(eventId) ? noted?.seq : [noted?.seq, noted?.earlier].find((s) => s !== undefined && storedSeqs.has(s));
      outcomes[index] = { kind: 'stored', seq, idReused: storedAt !== undefined };
      usedIds.add(eventId);
      recentIds.note(eventId, { seq, earlier: storedAt });
    }
    return outcomes;
  }
}

/** The last RECENT_EVENT_IDS event ids stored, oldest first, each at its newest seq. */
export async function readRecentIds(client: pg.ClientBase): Promise<RecentIds> {
  const rows = await client.query<{ event_id: string; seq: string }>(
    'SELECT event_id, seq FROM (SELECT event_id, seq FROM events ORDER BY seq DESC LIMIT $1) AS recent ORDER BY seq',
    [RECENT_EVENT_IDS],
  );
  const recent = new RecentIds(RECENT_EVENT_IDS);
  for (const row of rows.rows) recent.note(row.event_id, { seq: Number(row.seq), earlier: undefined });
  return recent;
}
