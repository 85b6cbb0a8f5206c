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
  bodySha256: Buffer;
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

/** The relay's durable event log: append, dedupe by body-hash tombstones, read by branch after a seq, prune. */
export class EventStore {
  private readonly addTombstone;
  private readonly idStored;
  private readonly insertRow;
  private readonly readAfterCache = new Map<number, Database.Statement<unknown[], StoredEvent>>();

  constructor(private readonly db: RelayDb) {
    this.addTombstone = db.prepare<[Buffer, number]>('INSERT OR IGNORE INTO body_tombstones (sha256, seen_ms) VALUES (?, ?)');
    this.idStored = db.prepare<[string], { 1: number }>('SELECT 1 FROM events WHERE event_id = ? LIMIT 1');
    // Positional parameters: named ones cost a lookup per parameter on every webhook.
    this.insertRow = db.prepare<[string, string, number, number, string, number, Buffer]>(
      `INSERT INTO events (event_id, event_type, brand_id, branch_id, received_at, received_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /**
   * Appends the event unless its exact bytes were seen before (even if that event was since pruned).
   * Two writes that must land together: run it inside a transaction (the group commit does).
   */
  insert(event: NewEvent): InsertOutcome {
    if (this.addTombstone.run(event.bodySha256, event.receivedMs).changes === 0) return { kind: 'duplicate' };
    const idReused = this.idStored.get(event.eventId) !== undefined;
    const result = this.insertRow.run(event.eventId, event.eventType, event.brandId, event.branchId, event.receivedAt, event.receivedMs, event.body);
    return { kind: 'stored', seq: Number(result.lastInsertRowid), idReused };
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
