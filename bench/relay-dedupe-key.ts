// Bytes written and CPU per append for the relay's SQLite schema with three dedupe keys, the question
// behind migration 7 (relay/store/migrations.ts): the body's random sha256 alone; the minute its body
// says it was last updated, then the hash; the second, then the hash; and a strictly increasing key as
// the floor. Appends go in group commits of --per-commit on 2 KiB pages, WAL, synchronous=FULL, real
// checkpoints, at a steady --rate of webhooks per second of body time (the key's time part advances
// with it). Bytes are what the process wrote to disk (/proc/self/io), CPU its user + system time.
// Run: npx tsx bench/relay-dedupe-key.ts [--appends 60000] [--per-commit 8] [--rate 2000]
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bodyKey } from '../relay/store/events.js';
import { printBenchLine } from './report/print-bench-line.js';

const { values } = parseArgs({ options: { appends: { type: 'string', default: '60000' }, 'per-commit': { type: 'string', default: '8' }, rate: { type: 'string', default: '2000' } } });
const APPENDS = Number(values.appends);
const PER_COMMIT = Number(values['per-commit']);
const RATE = Number(values.rate);
const BODY = Buffer.alloc(4700, 'x');

type Keying = { name: string; key: (n: number, sha: Buffer) => Buffer };
const KEYINGS: Keying[] = [
  { name: 'hash', key: (_, sha) => sha },
  { name: 'minute, hash', key: (n, sha) => bodyKey(Math.floor(n / RATE / 60), sha) },
  { name: 'second, hash (the relay)', key: (n, sha) => bodyKey(Math.floor(n / RATE), sha) },
  { name: 'increasing (floor)', key: (n, sha) => bodyKey(n, sha) },
];

const writtenBytes = (): number => Number(/write_bytes: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1]);

/** Bytes written and CPU µs per append with `keying`, on a store of its own. */
function run(keying: Keying): { bytes: number; cpuUs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'relay-dedupe-key-'));
  const db = new Database(join(dir, 'relay.sqlite'));
  try {
    db.pragma('page_size = 2048');
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 2000');
    db.pragma('synchronous = FULL');
    db.pragma('cache_size = -2000');
    db.exec(`CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, branch_id INTEGER NOT NULL, received_ms INTEGER NOT NULL, body BLOB NOT NULL, body_key BLOB);
             CREATE INDEX events_branch_seq ON events (branch_id, seq);
             CREATE UNIQUE INDEX events_body_key ON events (body_key);`);
    const insert = db.prepare('INSERT INTO events (event_id, branch_id, received_ms, body, body_key) VALUES (?, ?, ?, ?, ?)');
    const commit = db.transaction((rows: Array<[string, number, number, Buffer, Buffer]>) => {
      for (const row of rows) insert.run(...row);
    });
    const bytesBefore = writtenBytes();
    const cpuBefore = process.cpuUsage();
    for (let n = 0; n < APPENDS; n += PER_COMMIT) {
      const rows: Array<[string, number, number, Buffer, Buffer]> = [];
      for (let i = n; i < n + PER_COMMIT; i++) rows.push([`evt-${i}`, (i * 7919) % 300, i, BODY, keying.key(i, randomBytes(32))]);
      commit(rows);
    }
    const cpu = process.cpuUsage(cpuBefore);
    return { bytes: (writtenBytes() - bytesBefore) / APPENDS, cpuUs: (cpu.user + cpu.system) / APPENDS };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`relay dedupe keys: ${APPENDS} appends of 4.7 KB, ${PER_COMMIT} per commit, ${RATE}/s of body time, 300 branches, 2 KiB pages`);
const results = KEYINGS.map((keying) => ({ keying, ...run(keying) }));
for (const r of results) console.log(`${r.keying.name.padEnd(26)} ${(r.bytes / 1024).toFixed(1)} KiB written, ${r.cpuUs.toFixed(1)} µs CPU per append`);
const hash = results[0]!;
const relay = results[2]!;
printBenchLine(
  'relay-dedupe-key',
  [
    ...results.flatMap((r) => [
      { name: `${r.keying.name}: written per append`, value: r.bytes / 1024, unit: 'KiB' },
      { name: `${r.keying.name}: CPU per append`, value: r.cpuUs, unit: 'µs' },
    ]),
    { name: 'second key / hash key, bytes written', value: relay.bytes / hash.bytes, unit: '×' },
    { name: 'second key / hash key, CPU', value: relay.cpuUs / hash.cpuUs, unit: '×' },
  ],
  { appends: APPENDS, 'per commit': PER_COMMIT, 'webhooks per second': RATE },
);
