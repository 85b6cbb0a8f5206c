// WAL pages written per ingested event, bridge against the raw loop of bench/ingest-vs-raw.ts (same
// schema and statements), one event per transaction: under synchronous=FULL every frame is written and
// fsynced with its commit, so frames per transaction are what a webhook at a time pays in disk, whatever
// the machine's load. Each index an event's rows land in adds about one frame; the table lists which.
// Run: npx tsx bench/ingest-wal-pages.ts
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realisticOrders } from './support/realistic-orders.js';
import type { Clock } from '../ground/clock.js';
import { createIngest, type IncomingEvent } from '../main/ingest/ingest.js';
import { openDatabase } from '../main/store/connection.js';
import { packOrderBody } from '../main/store/order-body.js';
const clock: Clock = { now: () => Date.parse('2026-06-25T09:15:00Z') };
const N = 400;
console.log(`WAL written per event, one event per transaction, ${N} events of one order, autocheckpoint off`);
const gen = realisticOrders(5000, clock, 5000);
const events: IncomingEvent[] = Array.from({ length: N }, (_, i) => ({ eventId: `evt-${i}`, source: 'relay' as const, seq: i + 1, eventType: 'klikit.order.created.v2', receivedAt: '2026-06-25T09:15:00.000Z', body: { brand_id: 5297, branch_id: 1293, orders: [gen.next()] } }));
const P = ['kitchen', 'bar'];
for (const kind of ['raw', 'bridge'] as const) {
  const dir = mkdtempSync(join(tmpdir(), 'wal-'));
  const path = join(dir, 'x.db');
  let apply: (e: IncomingEvent) => void;
  let db: Database.Database;
  if (kind === 'bridge') {
    db = openDatabase(path);
    const ingest = createIngest({ db, clock, printerIds: () => P });
    apply = (e) => { ingest(e); };
  } else {
    db = new Database(path); db.pragma('journal_mode = WAL'); db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE events (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL, body_sha256 BLOB NOT NULL, seq INTEGER, received_at TEXT NOT NULL, UNIQUE (event_id, body_sha256));
    CREATE TABLE orders (id INTEGER PRIMARY KEY, status INTEGER NOT NULL, updated_at TEXT NOT NULL, packed_body BLOB NOT NULL);
    CREATE TABLE jobs (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, printer_id TEXT NOT NULL, state TEXT NOT NULL);`);
    const ev = db.prepare('INSERT INTO events (event_id, body_sha256, seq, received_at) VALUES (?, ?, ?, ?)');
    const or = db.prepare('INSERT INTO orders (id, status, updated_at, packed_body) VALUES (?, ?, ?, ?)');
    const jb = db.prepare(`INSERT INTO jobs (order_id, printer_id, state) VALUES (?, ?, 'queued')`);
    const tx = db.transaction((e: IncomingEvent) => {
      ev.run(e.eventId, createHash('sha256').update(JSON.stringify(e.body)).digest(), e.seq, e.receivedAt);
      for (const o of (e.body as { orders: { id: number; status: number; updated_at: string }[] }).orders) { or.run(o.id, o.status, o.updated_at, packOrderBody(JSON.stringify(o))); for (const p of P) jb.run(o.id, p); }
    });
    apply = (e) => tx(e);
  }
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  for (const e of events) apply(e);
  const wal = statSync(path + '-wal').size;
  const frames = (wal - 32) / (pageSize + 24);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const dbBytes = statSync(path).size;
  const idx = db.prepare(`SELECT tbl_name, name FROM sqlite_master WHERE type='index'`).all() as { tbl_name: string; name: string }[];
  console.log(kind, `page ${pageSize}`, `WAL ${(wal / N / 1024).toFixed(1)} KiB/order`, `${(frames / N).toFixed(2)} frames/tx`, `db ${(dbBytes / N / 1024).toFixed(2)} KiB/order`, `${idx.length} indexes`);
  if (kind === 'bridge') {
    const tables = ['events', 'orders', 'order_versions', 'order_changes', 'print_jobs', 'kv'];
    for (const t of tables) console.log(' ', t, (db.prepare(`SELECT COUNT(*) n FROM ${t}`).get() as { n: number }).n, idx.filter((i) => i.tbl_name === t).map((i) => i.name).join(' '));
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
