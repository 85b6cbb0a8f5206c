import type { Db } from './connection.js';
import { statement } from './statements.js';

// Input the bridge refused: kept (truncated) so that staff and support can see what arrived and why.

/** Raw input beyond this is cut: a quarantine entry is evidence, not an archive. */
export const QUARANTINE_RAW_MAX_BYTES = 64 * 1024;

export type QuarantineInput = {
  receivedAt: string;
  source: string;
  eventId: string | null;
  eventType: string | null;
  reason: string;
  raw: string;
};
export type QuarantineEntry = QuarantineInput & { id: number };

type QuarantineRow = {
  id: number;
  received_at: string;
  source: string;
  event_id: string | null;
  event_type: string | null;
  reason: string;
  raw: string;
};

export function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  // Dropping a trailing partial character keeps the stored text valid UTF-8.
  return bytes.subarray(0, maxBytes).toString('utf8').replace(/\uFFFD$/, '');
}

export function addQuarantine(db: Db, entry: QuarantineInput): number {
  const result = statement(db,
    `INSERT INTO quarantine (received_at, source, event_id, event_type, reason, raw) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
      entry.receivedAt,
      entry.source,
      entry.eventId,
      entry.eventType,
      entry.reason,
      truncateUtf8(entry.raw, QUARANTINE_RAW_MAX_BYTES),
    );
  return Number(result.lastInsertRowid);
}

/** Newest first. */
export function listQuarantine(db: Db, { limit }: { limit: number }): QuarantineEntry[] {
  const rows = statement(db, 'SELECT * FROM quarantine ORDER BY id DESC LIMIT ?').all(limit) as QuarantineRow[];
  return rows.map((r) => ({
    id: r.id,
    receivedAt: r.received_at,
    source: r.source,
    eventId: r.event_id,
    eventType: r.event_type,
    reason: r.reason,
    raw: r.raw,
  }));
}

export function countQuarantine(db: Db): number {
  return (statement(db, 'SELECT COUNT(*) AS n FROM quarantine').get() as { n: number }).n;
}
