import Database from 'better-sqlite3';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

// The peer bench/relay-intake-vs-bare.ts measures the relay against: the least a durable webhook
// receiver can do. Raw body, HMAC-SHA256 checked in constant time, one row per webhook committed with
// group commit (every request of one event-loop turn in one transaction) on SQLite WAL with
// synchronous=FULL, then 200. No parsing, no dedupe, no fan-out.
// With `routed`, also the least the relay's job needs on top: the body parsed as JSON for its
// branch_id (a bridge is fed by branch), the row indexed by branch, and a retried body answered as a
// duplicate by its sha256 (klikit retries; a body stored twice prints twice). No schema, no metrics.
// Run: npx tsx bench/support/bare-receiver.ts DATA_DIR SECRET [routed]  → prints {"port":N}

const [dataDir, secret, mode] = process.argv.slice(2);
if (!dataDir || !secret) throw new Error('usage: bare-receiver.ts DATA_DIR SECRET [routed]');
const routed = mode === 'routed';
const db = new Database(join(dataDir, 'bare.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(
  routed
    ? `CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL, branch_id INTEGER NOT NULL, body BLOB NOT NULL, sha256 BLOB NOT NULL UNIQUE);
       CREATE INDEX IF NOT EXISTS events_branch ON events (branch_id, seq)`
    : 'CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL, body BLOB NOT NULL)',
);
const storeRow: (eventId: string, body: Buffer) => void = routed
  ? (() => {
      const insert = db.prepare('INSERT INTO events (event_id, branch_id, body, sha256) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING');
      return (eventId, body) => {
        const branchId = (JSON.parse(body.toString('utf8')) as { branch_id: number }).branch_id;
        insert.run(eventId, branchId, body, createHash('sha256').update(body).digest());
      };
    })()
  : (() => {
      const insert = db.prepare('INSERT INTO events (event_id, body) VALUES (?, ?)');
      return (eventId, body) => void insert.run(eventId, body);
    })();
const key = Buffer.from(secret, 'utf8');

let batch: Array<{ eventId: string; body: Buffer; res: ServerResponse }> = [];
const commitBatch = (): void => {
  const pending = batch;
  batch = [];
  db.transaction(() => {
    for (const p of pending) storeRow(p.eventId, p.body);
  })();
  for (const p of pending) p.res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"received"}');
};

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const given = Buffer.from(String(req.headers['x-klikit-signature'] ?? ''), 'hex');
    const expected = createHmac('sha256', key).update(body).digest();
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(401).end();
      return;
    }
    if (batch.length === 0) setImmediate(commitBatch);
    batch.push({ eventId: String(req.headers['x-klikit-event-id']), body, res });
  });
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
