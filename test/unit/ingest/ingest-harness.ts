import Database from 'better-sqlite3';
import type { Clock } from '../../../ground/clock.js';
import { createIngest, type IncomingEvent } from '../../../main/ingest/ingest.js';
import type { Db } from '../../../main/store/connection.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';

export const CREATED = 'klikit.order.created.v2';
export const STATUS = 'klikit.order.status.updated';
export const CART = 'klikit.order.cart.updated';

/** A clock that moves one second per reading, so every write gets a distinct, predictable time. */
export function steppingClock(start = Date.parse('2026-06-25T10:00:00Z')): Clock {
  let t = start;
  return { now: () => (t += 1000) };
}

export function harness(db: Db, printers: string[] = ['kitchen']) {
  const ingest = createIngest({ db, clock: steppingClock(), printerIds: () => printers });
  let n = 0;
  const send = (eventType: string, body: unknown, extra: Partial<IncomingEvent> = {}) =>
    ingest({
      eventId: `evt-${++n}`,
      source: 'relay',
      eventType,
      receivedAt: '2026-06-25T10:00:00.000Z',
      body,
      ...extra,
    });
  return { ingest, send };
}

type Json = Record<string, unknown>;

/** A deep copy of the single-order fixture's order, with overrides. */
export function fixtureOrder(overrides: Json = {}): Json {
  const envelope = readKlikitFixture('created-v2.single-order.envelope.json') as { orders: Json[] };
  return { ...structuredClone(envelope.orders[0]!), ...overrides };
}

export const envelope = (...orders: Json[]): Json => ({ brand_id: 5297, branch_id: 1293, orders });

/** The order's cart with the first line's quantity changed: a different printable cart. */
export function withQuantity(order: Json, quantity: number, updatedAt: string): Json {
  const cart = structuredClone(order['cart_v2']) as Json[];
  cart[0] = { ...cart[0], quantity };
  return { ...order, cart_v2: cart, updated_at: updatedAt };
}

export const jobRows = (db: Db, orderId: number) =>
  db
    .prepare('SELECT printer_id, kind, version, state, last_error FROM print_jobs WHERE order_id = ? ORDER BY id')
    .all(orderId) as { printer_id: string; kind: string; version: string; state: string; last_error: string }[];

/**
 * Makes inserts into `table` (those matching the SQL condition `when`) fail as the storage would, with
 * an SQLite error of `code`, until the trigger `fail_writes` is dropped: a trigger cannot raise an I/O
 * error, a function it calls can.
 */
export function failWritesTo(db: Db, table: string, code: string, when = '1'): void {
  db.function('storage_fails', () => {
    throw new Database.SqliteError(code === 'SQLITE_IOERR_WRITE' ? 'disk I/O error' : `${code} (simulated)`, code);
  });
  db.exec(`CREATE TRIGGER fail_writes BEFORE INSERT ON ${table} WHEN ${when} BEGIN SELECT storage_fails(); END`);
}
