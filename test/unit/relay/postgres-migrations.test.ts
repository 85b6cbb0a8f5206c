import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { RelayDatabaseTooNewError } from '../../../relay/store/connection.js';
import { bodyKey } from '../../../relay/store/events.js';
import { MIGRATION_LOCK, POSTGRES_MIGRATIONS, postgresSchemaVersion } from '../../../relay/store/postgres/migrations.js';
import { openPostgresStore } from '../../../relay/store/postgres/postgres-store.js';
import { relayEvent } from '../../helpers/relay-events.js';
import { postgresPerFile, withPgClient, type PostgresCluster } from '../../helpers/postgres-cluster.js';
import { waitFor } from '../../helpers/wait.js';
import { silentLogger } from '../../integration/relay/helpers.js';

const LATEST = POSTGRES_MIGRATIONS.length;

/** An event row of branch 7 written straight into the table, as a relay of an earlier version stored it. */
function insertEventRow(client: pg.ClientBase, seq: number, eventId: string, receivedMs: number, body = Buffer.from([0])): Promise<unknown> {
  return client.query(
    "INSERT INTO events (seq, event_id, event_type, brand_id, branch_id, received_at, received_ms, body) VALUES ($1, $2, 't', 1, 7, 'now', $3, $4)",
    [seq, eventId, receivedMs, body],
  );
}

/** A fresh database as a relay at `version` left it: each earlier migration applied in order. */
async function databaseAt(cluster: Pick<PostgresCluster, 'createDatabase'>, version: number): Promise<string> {
  const url = await cluster.createDatabase();
  if (version === 0) return url;
  await withPgClient(url, async (client) => {
    await client.query('CREATE TABLE relay_schema (version int NOT NULL)');
    for (let v = 1; v <= version; v++) await client.query(POSTGRES_MIGRATIONS[v - 1]!);
    await client.query('INSERT INTO relay_schema (version) VALUES ($1)', [version]);
  });
  return url;
}

describe('relay PostgreSQL migrations', () => {
  const cluster = postgresPerFile();

  for (let from = 0; from < LATEST; from++) {
    it(`upgrades a database from version ${from} to ${LATEST}`, async () => {
      const url = await databaseAt(cluster, from);
      const store = await openPostgresStore(url, { logger: silentLogger });
      try {
        expect(await withPgClient(url, postgresSchemaVersion)).toBe(LATEST);
        expect(await store.appendEvent(relayEvent(1, 7))).toEqual({ kind: 'stored', seq: 1, idReused: false });
      } finally {
        await store.close();
      }
    });
  }

  it('reopens a migrated database as it was', async () => {
    const url = await databaseAt(cluster, LATEST);
    const store = await openPostgresStore(url, { logger: silentLogger });
    await store.appendEvent(relayEvent(1, 7));
    await store.close();
    const reopened = await openPostgresStore(url, { logger: silentLogger });
    try {
      expect(await reopened.maxSeq()).toBe(1);
    } finally {
      await reopened.close();
    }
  });

  it('2 continues seqs after the counter row of version 1 in a sequence, so no seq is reused', async () => {
    const url = await databaseAt(cluster, 1);
    await withPgClient(url, async (client) => {
      await insertEventRow(client, 40, 'e40', 1);
      await client.query("UPDATE relay_counters SET value = 41 WHERE name = 'events'");
    });
    const store = await openPostgresStore(url, { logger: silentLogger });
    try {
      expect(await store.maxSeq()).toBe(41);
      expect(await store.appendEvent(relayEvent(1, 7))).toEqual({ kind: 'stored', seq: 42, idReused: false });
      expect(await withPgClient(url, async (client) => (await client.query('SELECT name FROM relay_counters ORDER BY name')).rows)).toEqual([{ name: 'revocations' }]);
    } finally {
      await store.close();
    }
  });

  it('2 leaves a fresh sequence on a database that never stored an event, to hand out 1 first', async () => {
    const url = await databaseAt(cluster, 1);
    const store = await openPostgresStore(url, { logger: silentLogger });
    try {
      expect(await store.maxSeq()).toBe(0);
      expect(await store.appendEvent(relayEvent(1, 7))).toEqual({ kind: 'stored', seq: 1, idReused: false });
    } finally {
      await store.close();
    }
  });

  it('3 compresses the bodies of events appended after it with lz4, and reads those stored before it', async () => {
    const url = await databaseAt(cluster, 2);
    const large = (n: number) => ({ ...relayEvent(n, 7), body: Buffer.from(JSON.stringify({ n, lines: Array.from({ length: 200 }, (_, i) => `line ${i}`) })) });
    await withPgClient(url, (client) =>
      insertEventRow(client, 1, 'e1', 1, large(1).body),
    );
    await withPgClient(url, (client) => client.query("SELECT setval('relay_event_seq', 1)"));
    const store = await openPostgresStore(url, { logger: silentLogger });
    try {
      expect(await store.appendEvent(large(2))).toEqual({ kind: 'stored', seq: 2, idReused: false });
      const compression = await withPgClient(url, async (client) => (await client.query('SELECT seq::int AS seq, pg_column_compression(body) AS method FROM events ORDER BY seq')).rows);
      expect(compression).toEqual([{ seq: 1, method: 'pglz' }, { seq: 2, method: 'lz4' }]);
      expect((await store.readAfter([7], 0, 10)).map((e) => e.body.toString())).toEqual([large(1).body.toString(), large(2).body.toString()]);
    } finally {
      await store.close();
    }
  });

  it('4 dedupes new appends by body key, and bodies appended before through their hashes until those age out', async () => {
    const url = await databaseAt(cluster, 3);
    // As a version 3 relay left them: event 1 live, event 2 pruned, a tombstone for each body.
    await withPgClient(url, async (client) => {
      await insertEventRow(client, 1, 'e1', 1000);
      await client.query('INSERT INTO body_tombstones (sha256, seen_ms) VALUES ($1, 1000), ($2, 1000)', [relayEvent(1, 7).bodySha256, relayEvent(2, 7).bodySha256]);
      await client.query("SELECT setval('relay_event_seq', 2)");
    });
    const store = await openPostgresStore(url, { logger: silentLogger });
    try {
      expect(await store.appendEvent({ ...relayEvent(1, 7, 3000), eventId: 'replay-1' })).toEqual({ kind: 'duplicate' });
      expect(await store.appendEvent({ ...relayEvent(2, 7, 3000), eventId: 'replay-2' })).toEqual({ kind: 'duplicate' });
      const third = { ...relayEvent(3, 7, 3000), bodySecond: 1_776_000_000 };
      expect(await store.appendEvent(third)).toEqual({ kind: 'stored', seq: 3, idReused: false });
      expect(await store.appendEvent({ ...third, eventId: 'replay-3' })).toEqual({ kind: 'duplicate' });
      const rows = async () =>
        withPgClient(url, async (client) => ({
          keys: (await client.query('SELECT body_key, seen_ms::int AS seen_ms FROM body_keys')).rows,
          hashes: (await client.query('SELECT sha256 FROM body_tombstones ORDER BY sha256')).rows.map((r: { sha256: Buffer }) => r.sha256.toString()),
        }));
      expect(await rows()).toEqual({ keys: [{ body_key: bodyKey(1_776_000_000, third.bodySha256), seen_ms: 3000 }], hashes: ['sha-1', 'sha-2'] });
      // The hashes written before age out with the tombstone retention, in the same batches as the keys.
      expect(await store.pruneTombstones(2000, 1)).toBe(1);
      expect(await store.pruneTombstones(2000, 10)).toBe(1);
      expect(await rows()).toEqual({ keys: [{ body_key: bodyKey(1_776_000_000, third.bodySha256), seen_ms: 3000 }], hashes: [] });
      expect(await store.appendEvent({ ...relayEvent(2, 7, 4000), eventId: 'after-retention' })).toEqual({ kind: 'stored', seq: 4, idReused: false });
    } finally {
      await store.close();
    }
  });

  it('5 drops the index on the event id, and a reused id stored before the node started is still found, by its seq', async () => {
    const url = await databaseAt(cluster, 4);
    await withPgClient(url, async (client) => {
      await insertEventRow(client, 1, 'e1', 1000);
      await client.query("SELECT setval('relay_event_seq', 1)");
    });
    const store = await openPostgresStore(url, { logger: silentLogger });
    try {
      const indexes = await withPgClient(url, async (client) => (await client.query("SELECT indexname FROM pg_indexes WHERE tablename = 'events' ORDER BY indexname")).rows);
      expect(indexes).toEqual([{ indexname: 'events_branch_seq' }, { indexname: 'events_pkey' }, { indexname: 'events_received' }]);
      expect(await store.appendEvent({ ...relayEvent(2, 7), eventId: 'e1' })).toEqual({ kind: 'stored', seq: 2, idReused: true });
      expect(await store.appendEvent({ ...relayEvent(3, 7), eventId: 'e1' })).toEqual({ kind: 'stored', seq: 3, idReused: true });
      expect(await store.appendEvent(relayEvent(4, 7))).toEqual({ kind: 'stored', seq: 4, idReused: false });
    } finally {
      await store.close();
    }
  });

  it('migrates once when several nodes start on a fresh database at the same moment', async () => {
    const url = await cluster.createDatabase();
    // Hold the migration lock so that every node is inside its migration, waiting, before any proceeds.
    const holder = new pg.Client(url);
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const opening = [1, 2, 3].map(() => openPostgresStore(url, { logger: silentLogger }));
    // Polled from a connection of its own: inside a transaction pg_stat_activity is a frozen snapshot.
    await waitFor('three nodes waiting on the migration lock', () =>
      withPgClient(url, async (client) => {
        const waiting = await client.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event = 'advisory' AND datname = current_database()");
        return waiting.rows[0].n === 3;
      }),
    );
    await holder.query('COMMIT');
    await holder.end();
    const stores = await Promise.all(opening);
    try {
      await withPgClient(url, async (client) => {
        expect((await client.query('SELECT version FROM relay_schema')).rows).toEqual([{ version: LATEST }]);
        expect((await client.query('SELECT name, value::int AS value FROM relay_counters ORDER BY name')).rows).toEqual([{ name: 'revocations', value: 0 }]);
      });
      expect(await stores[1]!.appendEvent(relayEvent(1, 7))).toMatchObject({ kind: 'stored', seq: 1 });
      expect(await stores[2]!.appendEvent(relayEvent(2, 7))).toMatchObject({ kind: 'stored', seq: 2 });
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('refuses a database a newer relay migrated, naming it without its password', async () => {
    const url = await databaseAt(cluster, LATEST);
    await withPgClient(url, (client) => client.query('UPDATE relay_schema SET version = $1', [LATEST + 1]));
    const withPassword = url.replace('postgres://relay@', 'postgres://relay:hunter2@');
    const opening = openPostgresStore(withPassword, { logger: silentLogger });
    await expect(opening).rejects.toThrow(RelayDatabaseTooNewError);
    await expect(opening).rejects.toThrow(`relay schema version ${LATEST + 1}, but this build only knows up to ${LATEST}`);
    await expect(opening).rejects.not.toThrow('hunter2');
    expect(await withPgClient(url, postgresSchemaVersion)).toBe(LATEST + 1);
  });

  it('describes the store by its URL without the password', async () => {
    const url = (await cluster.createDatabase()).replace('postgres://relay@', 'postgres://relay:hunter2@');
    const store = await openPostgresStore(url, { logger: silentLogger });
    try {
      expect(store.kind).toBe('postgres');
      expect(store.description).toBe(url.replace(':hunter2', ''));
    } finally {
      await store.close();
    }
  });
});
