import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { acquireInstanceLock } from '../../common/instance-lock.js';
import { openRelayDatabase, RELAY_DB_FILE, type RelayDb } from './connection.js';
import { describePostgresUrl, relayClientConfig, withoutNul } from './postgres/connection.js';
import { migratePostgres } from './postgres/migrations.js';

/** What was copied: rows per table, and the counters the PostgreSQL store continues from. */
export type CopyReport = {
  devices: number;
  deviceBranches: number;
  events: number;
  /** The dedupe keys of the live events (SQLite keeps them in its events' rows). */
  bodyKeys: number;
  /** The hashes of pruned bodies, and of bodies stored before their key was (SQLite's migration 7). */
  bodyTombstones: number;
  quarantine: number;
  /** The highest seq the SQLite relay ever assigned (its AUTOINCREMENT counter, not the newest stored seq). */
  eventsCounter: number;
  revocationsCounter: number;
};

/** The copy was refused before anything was written: a relay holds the directory, or the target is in use. */
export class StoreCopyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreCopyRefusedError';
  }
}

type Row = Record<string, unknown>;

/** One table's copy: what to read from SQLite, in which order, and how a row becomes PostgreSQL's columns. */
type TableCopy = { select: string; insert: string; columns: (row: Row) => unknown[] };

const bytes = (value: unknown): Buffer => (Buffer.isBuffer(value) ? value : Buffer.from(String(value)));

const TABLES = {
  devices: {
    select: 'SELECT id, name, token_sha256, created_at, revoked_at, last_seen_at, cursor, revoked_seq, cursor_expired FROM devices ORDER BY id',
    insert: `INSERT INTO devices (id, name, token_sha256, created_at, revoked_at, last_seen_at, cursor, revoked_seq, cursor_expired)
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::boolean[])`,
    columns: (r) => [r.id, r.name, r.token_sha256, r.created_at, r.revoked_at, r.last_seen_at, r.cursor, r.revoked_seq, r.cursor_expired !== 0],
  },
  deviceBranches: {
    select: 'SELECT device_id, branch_id FROM device_branches ORDER BY device_id, branch_id',
    insert: 'INSERT INTO device_branches (device_id, branch_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])',
    columns: (r) => [r.device_id, r.branch_id],
  },
  events: {
    select: 'SELECT seq, event_id, event_type, brand_id, branch_id, received_at, received_ms, body FROM events ORDER BY seq',
    insert: `INSERT INTO events (seq, event_id, event_type, brand_id, branch_id, received_at, received_ms, body)
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::bigint[], $8::bytea[])`,
    columns: (r) => [r.seq, r.event_id, r.event_type, r.brand_id, r.branch_id, r.received_at, r.received_ms, bytes(r.body)],
  },
  // PostgreSQL keeps a body key for every body appended, live or pruned, in a table of its own; SQLite
  // keeps a live event's key in its row, and moves its hash to the tombstones as it prunes the event.
  bodyKeys: {
    select: 'SELECT body_key, received_ms FROM events WHERE body_key IS NOT NULL',
    insert: 'INSERT INTO body_keys (body_key, seen_ms) SELECT * FROM unnest($1::bytea[], $2::bigint[])',
    columns: (r) => [bytes(r.body_key), r.received_ms],
  },
  bodyTombstones: {
    select: 'SELECT sha256, seen_ms FROM body_tombstones',
    insert: 'INSERT INTO body_tombstones (sha256, seen_ms) SELECT * FROM unnest($1::bytea[], $2::bigint[])',
    columns: (r) => [bytes(r.sha256), r.seen_ms],
  },
  quarantine: {
    select: 'SELECT id, received_at, received_ms, event_id, event_type, reason, body, body_sha256, hits FROM quarantine ORDER BY id',
    insert: `INSERT INTO quarantine (id, received_at, received_ms, event_id, event_type, reason, body, body_sha256, hits)
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::bytea[], $8::bytea[], $9::bigint[])`,
    // SQLite text may hold a NUL (a reason quoting a bad body) where PostgreSQL text cannot: the
    // PostgreSQL store replaces it on insert, and so does the copy.
    columns: (r) => [
      r.id, r.received_at, r.received_ms, withoutNul(String(r.event_id)), withoutNul(String(r.event_type)),
      withoutNul(String(r.reason)), bytes(r.body), bytes(r.body_sha256), r.hits,
    ],
  },
} satisfies Record<string, TableCopy>;

/** What a target must not hold: any of it means a relay has used that database, and the copy would mix two logs. */
const TARGET_CHECKS = [
  ['devices', 'SELECT count(*) AS n FROM devices'],
  ['events', 'SELECT count(*) AS n FROM events'],
  ['body keys', 'SELECT count(*) AS n FROM body_keys'],
  ['body tombstones', 'SELECT count(*) AS n FROM body_tombstones'],
  ['quarantine rows', 'SELECT count(*) AS n FROM quarantine'],
  ['an events counter at', 'SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM relay_event_seq'],
] as const;

/**
 * Moves a SQLite relay's store into an empty PostgreSQL database, so its bridges carry on against relay
 * nodes on PostgreSQL without re-enrolling and without missing or repeating an event: tokens, branches,
 * cursors, revocations, every stored event under its exact seq, tombstones and quarantine, with the
 * counters continuing after them. Holds the data directory's relay lock throughout (no relay may
 * append meanwhile) and writes the target in one transaction: a failed copy leaves it empty.
 */
export async function copySqliteToPostgres(dataDir: string, url: string, options: { batchRows?: number } = {}): Promise<CopyReport> {
  const batchRows = options.batchRows ?? 1000;
  const path = join(dataDir, RELAY_DB_FILE);
  if (!existsSync(path)) throw new StoreCopyRefusedError(`no relay store in ${dataDir}: ${path} does not exist`);
  const locked = acquireInstanceLock(dataDir, 'relay');
  if (!locked.ok) throw new StoreCopyRefusedError(`not copying: ${locked.message}`);
  try {
    const db = openRelayDatabase(dataDir);
    try {
      return await copyInto(db, url, batchRows);
    } finally {
      db.close();
    }
  } finally {
    locked.lock.release();
  }
}

async function copyInto(db: RelayDb, url: string, batchRows: number): Promise<CopyReport> {
  const description = describePostgresUrl(url);
  const client = new pg.Client(relayClientConfig(url));
  await client.connect();
  try {
    await migratePostgres(client, description);
    await client.query('BEGIN');
    // One SQLite read transaction: a `device` command run beside the copy cannot tear its snapshot.
    db.exec('BEGIN');
    try {
      // Relay nodes already on the target wait until the copy commits, and then find it non-empty.
      await client.query('LOCK TABLE devices, device_branches, events, body_keys, body_tombstones, quarantine, relay_counters IN EXCLUSIVE MODE');
      await refuseUnlessEmpty(client, description);
      const report = await copyRows(db, client, batchRows);
      await client.query("SELECT setval(pg_get_serial_sequence('devices', 'id'), max(id)) FROM devices");
      await client.query("SELECT setval(pg_get_serial_sequence('quarantine', 'id'), max(id)) FROM quarantine");
      // A sequence cannot be set to 0: an empty log leaves it unused, to hand out 1 first.
      await client.query('SELECT setval($1::regclass, GREATEST($2::bigint, 1), $2::bigint > 0)', ['relay_event_seq', report.eventsCounter]);
      await client.query("UPDATE relay_counters SET value = $1 WHERE name = 'revocations'", [report.revocationsCounter]);
      await client.query('COMMIT');
      return report;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      db.exec('COMMIT');
    }
  } finally {
    await client.end();
  }
}

async function refuseUnlessEmpty(client: pg.Client, description: string): Promise<void> {
  const found: string[] = [];
  for (const [what, sql] of TARGET_CHECKS) {
    const n = (await client.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
    if (n !== 0) found.push(`${what} ${n}`);
  }
  if (found.length > 0) {
    throw new StoreCopyRefusedError(`not copying: ${description} is not an empty relay store (found ${found.join(', ')}); copy into a new database`);
  }
}

async function copyRows(db: RelayDb, client: pg.Client, batchRows: number): Promise<CopyReport> {
  const counts = {
    devices: await copyTable(db, client, TABLES.devices, batchRows),
    deviceBranches: await copyTable(db, client, TABLES.deviceBranches, batchRows),
    events: await copyTable(db, client, TABLES.events, batchRows),
    bodyKeys: await copyTable(db, client, TABLES.bodyKeys, batchRows),
    bodyTombstones: await copyTable(db, client, TABLES.bodyTombstones, batchRows),
    quarantine: await copyTable(db, client, TABLES.quarantine, batchRows),
  };
  const sequence = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get() as { seq: number } | undefined;
  const revocations = db.prepare('SELECT COALESCE(MAX(revoked_seq), 0) AS n FROM devices').get() as { n: number };
  return { ...counts, eventsCounter: sequence?.seq ?? 0, revocationsCounter: revocations.n };
}

/** Streams one table in batches of `batchRows`, each one `INSERT … SELECT FROM unnest(…)`: memory stays flat. */
async function copyTable(db: RelayDb, client: pg.Client, table: TableCopy, batchRows: number): Promise<number> {
  let batch: unknown[][] = [];
  let copied = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const columns = batch[0]!.map((_, c) => batch.map((row) => row[c]));
    await client.query(table.insert, columns);
    copied += batch.length;
    batch = [];
  };
  for (const row of db.prepare(table.select).iterate() as IterableIterator<Row>) {
    batch.push(table.columns(row));
    if (batch.length >= batchRows) await flush();
  }
  await flush();
  return copied;
}
