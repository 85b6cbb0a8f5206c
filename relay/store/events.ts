import type Database from 'better-sqlite3';
import type { RelayDb } from './connection.js';
import { RecentIds } from './recent-ids.js';

export type NewEvent = {
  eventId: string;
  eventType: string;
  brandId: number;
  branchId: number;
  receivedAt: string;
  receivedMs: number;
  body: Buffer;
  bodySha256: Buffer;
  /** The second the body says its order was last updated (webhook/body-second.ts): leads its dedupe key. */
  bodySecond: number;
};

export type StoredEvent = {
  seq: number;
  event_id: string;
  event_type: string;
  branch_id: number;
  received_at: string;
  body: Buffer;
};

/** `idReused`: the event id was already stored with another body (a replay, or klikit reusing an id). */
export type InsertOutcome = { kind: 'stored'; seq: number; idReused: boolean } | { kind: 'duplicate' };

/**
 * Event ids a reused id is looked for among: klikit reuses an id within its retries, minutes apart, and
 * an index on the id, random ids each writing a page of their own, was a third of the bytes a webhook
 * wrote to disk.
 */
export const RECENT_EVENT_IDS = 10_000;

/**
 * A live event's dedupe key: the second its body was last updated (four bytes, big-endian), then its
 * hash. The same bytes always make the same key; keys of webhooks sent together sort together, so a
 * group commit writes the last pages of the key's index instead of a random page per webhook.
 */
export function bodyKey(bodySecond: number, bodySha256: Buffer): Buffer {
  const key = Buffer.allocUnsafe(4 + bodySha256.length);
  key.writeUInt32BE(bodySecond, 0);
  bodySha256.copy(key, 4);
  return key;
}

/** The hash within a body key, for a tombstone. */
export const BODY_KEY_SHA256_SQL = 'substr(body_key, 5)';

/**
 * The relay's durable event log: append, dedupe by body, read by branch after a seq, prune. A live
 * event's body key is a column of its row (one unique index); a pruned event's hash moves to the
 * tombstones, written by the pruner, so an append writes one row and reads the tombstones only.
 */
export class EventStore {
  private readonly seenBody;
  private readonly idAt;
  private readonly insertRow;
  /**
   * The newest seq of each of the last RECENT_EVENT_IDS event ids stored, with the seq of a committed row
   * it was found in before; read from the table at the first append.
   */
  private recentIds: RecentIds | undefined;
  private readonly readAfterCache = new Map<number, Database.Statement<unknown[], StoredEvent>>();

  constructor(private readonly db: RelayDb) {
    this.seenBody = db
      .prepare<[Buffer, Buffer], number>(
        'SELECT EXISTS (SELECT 1 FROM events WHERE body_key = ?) OR EXISTS (SELECT 1 FROM body_tombstones WHERE sha256 = ?)',
      )
      .pluck();
    this.idAt = db.prepare<[number, string], number>('SELECT 1 FROM events WHERE seq = ? AND event_id = ?').pluck();
    // Positional parameters: named ones cost a lookup per parameter on every webhook.
    this.insertRow = db.prepare<[string, string, number, number, string, number, Buffer, Buffer]>(
      `INSERT INTO events (event_id, event_type, brand_id, branch_id, received_at, received_ms, body, body_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /**
   * Appends the event unless its exact bytes were seen before (even if that event was since pruned).
   * One write statement: a failure leaves nothing behind, so the group commit needs no savepoint for it.
   */
  insert(event: NewEvent): InsertOutcome {
    // Looked up before the insert rather than left to its unique index: a refused insert would still use up a seq.
    const key = bodyKey(event.bodySecond, event.bodySha256);
    if (this.seenBody.get(key, event.bodySha256) === 1) return { kind: 'duplicate' };
    const recentIds = (this.recentIds ??= this.readRecentIds());
    const noted = recentIds.get(event.eventId);
    // The earlier row is checked too: the newest note may be of an insert whose batch was rolled back.
    const storedAt = [noted?.seq, noted?.earlier].find((seq) => this.isStored(seq, event.eventId));
    const idReused = storedAt !== undefined;
    const result = this.insertRow.run(event.eventId, event.eventType, event.brandId, event.branchId, event.receivedAt, event.receivedMs, event.body, key);
    const seq = Number(result.lastInsertRowid);
    recentIds.note(event.eventId, { seq, earlier: storedAt });
    return { kind: 'stored', seq, idReused };
  }

  /**
   * Whether the row noted for the id holds it still: a batch rolled back after the note, or a pruned
   * event, leaves a note whose seq holds nothing or, reused after a rollback, another event.
   */
  private isStored(seq: number | undefined, eventId: string): boolean {
    return seq !== undefined && this.idAt.get(seq, eventId) === 1;
  }

  private readRecentIds(): RecentIds {
    const rows = this.db
      .prepare<[number], { event_id: string; seq: number }>('SELECT event_id, seq FROM (SELECT event_id, seq FROM events ORDER BY seq DESC LIMIT ?) ORDER BY seq')
      .all(RECENT_EVENT_IDS);
    const recent = new RecentIds(RECENT_EVENT_IDS);
    for (const row of rows) recent.note(row.event_id, { seq: row.seq, earlier: undefined });
    return recent;
  }

  /** Up to `limit` events of `branchIds` with seq > `after`, in seq order. */
  readAfter(branchIds: readonly number[], after: number, limit: number): StoredEvent[] {
    if (branchIds.length === 0) return [];
    return this.readAfterStatement(branchIds.length).all(...branchIds, after, limit);
  }

  maxSeq(): number {
    const row = this.db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').get('events') as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  private readAfterStatement(branchCount: number): Database.Statement<unknown[], StoredEvent> {
    let statement = this.readAfterCache.get(branchCount);
    if (!statement) {
      const marks = Array.from({ length: branchCount }, () => '?').join(',');
      statement = this.db.prepare<unknown[], StoredEvent>(
        `SELECT seq, event_id, event_type, branch_id, received_at, body FROM events
          WHERE branch_id IN (${marks}) AND seq > ? ORDER BY seq LIMIT ?`,
      );
      this.readAfterCache.set(branchCount, statement);
    }
    return statement;
  }
}
