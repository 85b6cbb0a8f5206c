import type { Db } from './connection.js';
import { statement } from './statements.js';

// Small durable settings and cursors (e.g. the relay cursor), one TEXT value per key.

export function getValue(db: Db, key: string): string | undefined {
  const row = statement(db, 'SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setValue(db: Db, key: string, value: string): void {
  statement(db, 'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/** Integer value of `key`, or `fallback` when absent or not an integer. */
export function getInteger(db: Db, key: string, fallback = 0): number {
  const value = Number(getValue(db, key));
  return Number.isSafeInteger(value) ? value : fallback;
}

/** Stores `value` only if it is greater than the stored integer: a cursor never moves backwards. */
export function raiseInteger(db: Db, key: string, value: number): void {
  statement(db,
    `INSERT INTO kv (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value
     WHERE CAST(kv.value AS INTEGER) < CAST(excluded.value AS INTEGER)`,
  ).run(key, String(value));
}

export function deleteValue(db: Db, key: string): void {
  statement(db, 'DELETE FROM kv WHERE key = ?').run(key);
}
