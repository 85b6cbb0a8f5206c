import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { IncomingEvent } from '../../main/ingest/ingest.js';
import { packOrderBody } from '../../main/store/order-body.js';

// The peer bench/ingest-vs-raw.ts and bench/ingest-wal-pages.ts measure the bridge's ingest against: what
// a hand-written store does per event, statements prepared once. It stores the event row, the order with
// its body once and one job row per printer, nothing else, and two things the bridge must and a bare loop
// would not: it keys the event by its id with the sha256 of its body (the relay guarantees that pair
// unique, not the id: main/store/events.ts), and it packs the body (main/store/order-body.ts), which keeps
// the database within 1.2× the bodies (bench/bridge-storage-year.ts).

/** Creates the peer's tables in `db` and returns its per-event step (call it inside a transaction). */
export function rawIngestPeer(db: Database.Database, printers: readonly string[]): (event: IncomingEvent) => void {
  db.exec(`
    CREATE TABLE events (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL, body_sha256 BLOB NOT NULL, seq INTEGER, received_at TEXT NOT NULL,
                         UNIQUE (event_id, body_sha256));
    CREATE TABLE orders (id INTEGER PRIMARY KEY, status INTEGER NOT NULL, updated_at TEXT NOT NULL, packed_body BLOB NOT NULL);
    CREATE TABLE jobs (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, printer_id TEXT NOT NULL, state TEXT NOT NULL);
  `);
  const seen = db.prepare('SELECT 1 FROM events WHERE event_id = ? AND body_sha256 = ?');
  const event = db.prepare('INSERT INTO events (event_id, body_sha256, seq, received_at) VALUES (?, ?, ?, ?)');
  const order = db.prepare(
    'INSERT INTO orders (id, status, updated_at, packed_body) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET packed_body = excluded.packed_body',
  );
  const job = db.prepare(`INSERT INTO jobs (order_id, printer_id, state) VALUES (?, ?, 'queued')`);
  return (e) => {
    const hash = createHash('sha256').update(JSON.stringify(e.body)).digest();
    if (seen.get(e.eventId, hash)) return;
    event.run(e.eventId, hash, e.seq, e.receivedAt);
    for (const o of (e.body as { orders: { id: number; status: number; updated_at: string }[] }).orders) {
      order.run(o.id, o.status, o.updated_at, packOrderBody(JSON.stringify(o)));
      for (const p of printers) job.run(o.id, p);
    }
  };
}
