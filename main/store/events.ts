import type { Db } from './connection.js';
import { statement } from './statements.js';

// One row per event id the bridge has seen: the first line of dedupe (event_id is UNIQUE).

export type EventSource = 'relay' | 'poll' | 'manual';
export type EventOutcome = 'applied' | 'stale' | 'duplicate' | 'quarantined';
export type EventRecord = {
  eventId: string;
  source: EventSource;
  seq: number | null;
  eventType: string;
  receivedAt: string;
  outcome: EventOutcome;
  detail: string;
};

type EventRow = {
  event_id: string;
  source: EventSource;
  seq: number | null;
  event_type: string;
  received_at: string;
  outcome: EventOutcome;
  detail: string;
};

const toRecord = (r: EventRow): EventRecord => ({
  eventId: r.event_id,
  source: r.source,
  seq: r.seq,
  eventType: r.event_type,
  receivedAt: r.received_at,
  outcome: r.outcome,
  detail: r.detail,
});

export function hasEvent(db: Db, eventId: string): boolean {
  return statement(db, 'SELECT 1 FROM events WHERE event_id = ?').get(eventId) !== undefined;
}

/** Returns false when the event id was already recorded (nothing is changed then). */
export function recordEvent(db: Db, event: EventRecord): boolean {
  return (
    statement(db,
      `INSERT INTO events (event_id, source, seq, event_type, received_at, outcome, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`,
    ).run(event.eventId, event.source, event.seq, event.eventType, event.receivedAt, event.outcome, event.detail)
      .changes === 1
  );
}

export function getEvent(db: Db, eventId: string): EventRecord | undefined {
  const row = statement(db, 'SELECT * FROM events WHERE event_id = ?').get(eventId) as EventRow | undefined;
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
