import type { StockDuration } from '../../common/stock.js';
import type { Db } from '../store/connection.js';
import { statement } from '../store/statements.js';

// The stock_marks and stock_writes tables (migration "86"): what staff marked out of stock, and the
// availability writes on their way to klikit.

export type { StockDuration };

export type MarkRow = {
  id: number;
  sku: string;
  name: string;
  duration: StockDuration;
  order_id: number | null;
  since: string;
  /** The durable timer: the item is turned back on at this time; null until staff do it. */
  until: string | null;
  ended_at: string | null;
  ended_by: 'timer' | 'staff' | null;
};

/** pending: on its way to klikit; sent / refused: klikit's answer; failed: given up; cancelled: never sent, no longer wanted. */
export type WriteState = 'pending' | 'sent' | 'refused' | 'failed' | 'cancelled';

export type WriteRow = {
  id: number;
  mark_id: number;
  sku: string;
  available: 0 | 1;
  idempotency_key: string;
  state: WriteState;
  attempts: number;
  /** Words for staff. */
  last_error: string;
  /** Codes and request ids, for support. */
  detail: string;
  next_attempt_at: string;
  created_at: string;
  updated_at: string;
};

export function openMarkOf(db: Db, sku: string): MarkRow | undefined {
  return statement(db, 'SELECT * FROM stock_marks WHERE sku = ? AND ended_at IS NULL').get(sku) as MarkRow | undefined;
}

/** The SKUs marked out of stock now. */
export function openSkus(db: Db): string[] {
  return (statement(db, 'SELECT sku FROM stock_marks WHERE ended_at IS NULL ORDER BY sku').all() as { sku: string }[]).map((r) => r.sku);
}

/** The name the item had when it was last marked, if it ever was. */
export function lastNameOf(db: Db, sku: string): string | undefined {
  return (statement(db, 'SELECT name FROM stock_marks WHERE sku = ? ORDER BY id DESC LIMIT 1').get(sku) as { name: string } | undefined)?.name;
}

export function insertMark(db: Db, m: { sku: string; name: string; duration: StockDuration; orderId: number | null; since: string; until: string | null }): number {
  const result = statement(db, 'INSERT INTO stock_marks (sku, name, duration, order_id, since, until) VALUES (?, ?, ?, ?, ?, ?)').run(m.sku, m.name, m.duration, m.orderId, m.since, m.until);
  return Number(result.lastInsertRowid);
}

export function changeDuration(db: Db, id: number, duration: StockDuration, until: string | null): void {
  statement(db, 'UPDATE stock_marks SET duration = ?, until = ? WHERE id = ? AND ended_at IS NULL').run(duration, until, id);
}

/** Ends an open mark; false when it had already ended (the timer and a tap racing: only one wins). */
export function endMark(db: Db, id: number, at: string, by: 'timer' | 'staff'): boolean {
  return statement(db, 'UPDATE stock_marks SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL').run(at, by, id).changes === 1;
}

/** Open marks whose time is up (oldest first). */
export function dueMarks(db: Db, now: string): MarkRow[] {
  return statement(db, 'SELECT * FROM stock_marks WHERE ended_at IS NULL AND until IS NOT NULL AND until <= ? ORDER BY until, id').all(now) as MarkRow[];
}

/** When the next open mark's time is up, or null. */
export function nextUntil(db: Db): string | null {
  return (statement(db, 'SELECT min(until) AS at FROM stock_marks WHERE ended_at IS NULL AND until IS NOT NULL').get() as { at: string | null }).at;
}

/**
 * What the Out of stock list shows: open marks, and ended marks whose "on" klikit has not confirmed: while
 * it is on its way, and for a while (`settledSince`) after it was refused or given up, so its words are seen.
 */
export function listedMarks(db: Db, settledSince: string): MarkRow[] {
  return statement(
    db,
    `SELECT m.* FROM stock_marks m
     WHERE m.ended_at IS NULL
        OR EXISTS (SELECT 1 FROM stock_writes w WHERE w.mark_id = m.id AND w.available = 1 AND w.state != 'sent' AND (w.state = 'pending' OR w.updated_at >= ?))
     ORDER BY m.ended_at IS NOT NULL, m.since DESC, m.id DESC`,
  ).all(settledSince) as MarkRow[];
}

/** Every mark of these SKUs, for the flags of orders (a mark flags the orders that arrived while it was open). */
export function marksOfSkus(db: Db, skus: readonly string[]): MarkRow[] {
  if (skus.length === 0) return [];
  return statement(db, 'SELECT * FROM stock_marks WHERE sku IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify([...new Set(skus)])) as MarkRow[];
}

export function insertWrite(db: Db, w: { markId: number; sku: string; available: boolean; idempotencyKey: string; at: string; message: string }): number {
  const result = statement(
    db,
    `INSERT INTO stock_writes (mark_id, sku, available, idempotency_key, state, last_error, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
  ).run(w.markId, w.sku, w.available ? 1 : 0, w.idempotencyKey, w.message, w.at, w.at, w.at);
  return Number(result.lastInsertRowid);
}

/** The writes of a mark, oldest first. */
export function writesOf(db: Db, markId: number): WriteRow[] {
  return statement(db, 'SELECT * FROM stock_writes WHERE mark_id = ? ORDER BY id').all(markId) as WriteRow[];
}

/** Every write not yet answered, oldest first. */
export function openWrites(db: Db): WriteRow[] {
  return statement(db, `SELECT * FROM stock_writes WHERE state = 'pending' ORDER BY id`).all() as WriteRow[];
}

/**
 * Counted before the request goes out, durably: a write klikit may have received (the bridge stopped
 * before its answer was stored) is never taken for one that was never sent.
 */
export function noteAttempt(db: Db, id: number, at: string): void {
  statement(db, `UPDATE stock_writes SET attempts = attempts + 1, updated_at = ? WHERE id = ? AND state = 'pending'`).run(at, id);
}

export function settleWrite(db: Db, id: number, state: Exclude<WriteState, 'pending'>, words: string, detail: string, at: string): void {
  statement(db, `UPDATE stock_writes SET state = ?, last_error = ?, detail = ?, updated_at = ? WHERE id = ? AND state = 'pending'`).run(state, words, detail, at, id);
}

export function retryWrite(db: Db, id: number, words: string, detail: string, nextAttemptAt: string, at: string): void {
  statement(db, `UPDATE stock_writes SET last_error = ?, detail = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'pending'`).run(words, detail, nextAttemptAt, at, id);
}

/** Writes that wait only for the network: due now. */
export function makeWritesDue(db: Db, at: string): void {
  statement(db, `UPDATE stock_writes SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?`).run(at, at);
}

export function waitingWriteCount(db: Db): number {
  return (statement(db, `SELECT count(*) AS n FROM stock_writes WHERE state = 'pending'`).get() as { n: number }).n;
}
