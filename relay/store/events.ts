import type Database from 'better-sqlite3';
import type { RelayDb } from './connection.js';

export type NewEvent = {
  eventId: string;
  eventType: string;
  brandId: number;
  branchId: number;
  receivedAt: string;
  receivedMs: number;
  body: Buffer;
  bodySha256: string;
};

export type StoredEvent = {
  seq: number;
  event_id: string;
  event_type: string;
  branch_id: number;
  received_at: string;
  body: Buffer;
};

export type InsertOutcome = { kind: 'stored'; seq: number } | { kind: 'duplicate'; by: 'event_id' | 'body_sha256' };

/** The relay's durable event log: append, dedupe, read by branch after a seq, prune. */
export class EventStore {
  private readonly findDuplicate;
  private readonly insertRow;
  private readonly deleteOld;
  private readonly readAfterCache = new Map<number, Database.Statement<unknown[], StoredEvent>>();

  constructor(private readonly db: RelayDb) {
    this.findDuplicate = db.prepare<[string, string], { event_id: string }>(
      'SELECT event_id FROM events WHERE event_id = ? OR body_sha256 = ? LIMIT 1',
    );
    this.insertRow = db.prepare(
      `INSERT INTO events (event_id, event_type, brand_id, branch_id, received_at, received_ms, body, body_sha256)
       VALUES (@eventId, @eventType, @brandId, @branchId, @receivedAt, @receivedMs, @body, @bodySha256)`,
    );
    // An event goes once it is older than the retention and every active device bound to its
    // branch has acked it; a branch without devices keeps events for the retention only.
    this.deleteOld = db.prepare<[number]>(
      `DELETE FROM events WHERE received_ms < ? AND seq <= COALESCE(
         (SELECT MIN(d.cursor) FROM devices d JOIN device_branches b ON b.device_id = d.id
           WHERE b.branch_id = events.branch_id AND d.revoked_at IS NULL),
         9223372036854775807)`,
    );
  }

  /** Appends the event unless its id or its exact bytes are already stored; committed on return. */
  insert(event: NewEvent): InsertOutcome {
    const existing = this.findDuplicate.get(event.eventId, event.bodySha256);
    if (existing) return { kind: 'duplicate', by: existing.event_id === event.eventId ? 'event_id' : 'body_sha256' };
    const result = this.insertRow.run(event);
    return { kind: 'stored', seq: Number(result.lastInsertRowid) };
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

  countAfter(branchIds: readonly number[], after: number): number {
    if (branchIds.length === 0) return 0;
    const marks = branchIds.map(() => '?').join(',');
    const row = this.db
      .prepare(`SELECT COUNT(*) AS n FROM events WHERE branch_id IN (${marks}) AND seq > ?`)
      .get(...branchIds, after) as { n: number };
    return row.n;
  }

  prune(olderThanMs: number): number {
    return this.deleteOld.run(olderThanMs).changes;
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
