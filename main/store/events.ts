import { hash } from 'node:crypto';
import type { Db } from './connection.js';
import { statement } from './statements.js';

// One row per event the bridge has seen: the first line of dedupe. An event is its id together with
// the hash of its body: what the relay guarantees unique. The id alone is not: once the relay's body
// tombstone expires, a captured body replayed under klikit's next event id is stored and delivered,
// and deduping by id would then drop the genuine event that comes under it. The hash is stored as its
// 32 bytes (it is in every row and in the index that dedupes); records carry it as hex.

/** The schema version that stored body hashes as bytes (main/store/migrations.ts). */
export const EVENT_HASH_BYTES_VERSION = 16;

export type EventSource = 'relay' | 'poll' | 'manual';
export type EventOutcome = 'applied' | 'stale' | 'duplicate' | 'quarantined';
export type EventRecord = {
  eventId: string;
  /** sha256 (hex) of the body as the bridge serialises it; null for rows recorded before bodies were hashed. */
  bodySha256: string | null;
  source: EventSource;
  seq: number | null;
  eventType: string;
  receivedAt: string;
  outcome: EventOutcome;
  detail: string;
};

type EventRow = {
  event_id: string;
  body_sha256: Uint8Array | null;
  source: EventSource;
  seq: number | null;
  event_type: string;
  received_at: string;
  outcome: EventOutcome;
  detail: string;
};

const toRecord = (r: EventRow): EventRecord => ({
  eventId: r.event_id,
  bodySha256: r.body_sha256 && Buffer.from(r.body_sha256).toString('hex'),
  source: r.source,
  seq: r.seq,
  eventType: r.event_type,
  receivedAt: r.received_at,
  outcome: r.outcome,
  detail: r.detail,
});

/** The body's hash as events are keyed by: JSON.stringify of the parsed body is the same for the same bytes. */
export function eventBodySha256(serialisedBody: string): string {
  return hash('sha256', serialisedBody, 'hex');
}

function hashBytes(hex: string): Buffer {
  // Buffer.from would drop what is not hex and let two different hashes meet as one.
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('an event body hash must be a sha256 in lowercase hex');
  return Buffer.from(hex, 'hex');
}

/**
 * Whether this event was already recorded: the same id with the same body, or with any body when
 * `bodySha256` is not given (ids the bridge makes itself, such as a poll's order id and version). A row
 * recorded before bodies were hashed matches its id alone, as it did when it was written.
 */
export function hasEvent(db: Db, eventId: string, bodySha256?: string): boolean {
  const row =
    bodySha256 === undefined
      ? statement(db, 'SELECT 1 FROM events WHERE event_id = ? LIMIT 1').get(eventId)
      : statement(db, 'SELECT 1 FROM events WHERE event_id = ? AND (body_sha256 = ? OR body_sha256 IS NULL) LIMIT 1').get(eventId, hashBytes(bodySha256));
  return row !== undefined;
}

/** Returns false when the event (id and body) was already recorded (nothing is changed then). */
export function recordEvent(db: Db, event: EventRecord): boolean {
  return (
    statement(db,
      `INSERT INTO events (event_id, body_sha256, source, seq, event_type, received_at, outcome, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, body_sha256) DO NOTHING`,
    ).run(event.eventId, event.bodySha256 === null ? null : hashBytes(event.bodySha256), event.source, event.seq, event.eventType, event.receivedAt, event.outcome, event.detail)
      .changes === 1
  );
}

/** The newest event recorded under this id (one id may carry several bodies). */
export function getEvent(db: Db, eventId: string): EventRecord | undefined {
  const row = statement(db, 'SELECT * FROM events WHERE event_id = ? ORDER BY id DESC LIMIT 1').get(eventId) as EventRow | undefined;
  return row && toRecord(row);
}

/** Newest first. */
export function listEvents(db: Db, { limit }: { limit: number }): EventRecord[] {
  return (statement(db, 'SELECT * FROM events ORDER BY id DESC LIMIT ?').all(limit) as EventRow[]).map(toRecord);
}

/** When the relay received the newest relay event this bridge committed: where a gap in its stream starts. */
export function lastRelayEventAt(db: Db): string | null {
  const row = statement(db, 'SELECT received_at FROM events WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1').get() as { received_at: string } | undefined;
  return row?.received_at ?? null;
}
