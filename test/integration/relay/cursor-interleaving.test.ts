import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStoreOptions } from '../../../relay/store/postgres/postgres-store.js';
import { NOTICES_APPLICATION_NAME } from '../../../relay/store/postgres/settled-horizon.js';
import type { AppendNotice, RelayStore } from '../../../relay/store/relay-store.js';
import { holdAppend, installAppendHolds } from '../../helpers/append-holds.js';
import { relayEvent } from '../../helpers/relay-events.js';
import { postgresPerFile } from '../../helpers/postgres-cluster.js';
import { waitFor } from '../../helpers/wait.js';
import { silentLogger } from './helpers.js';

// Two relay nodes on one PostgreSQL database. The log's contract: once a reader sees seq N it has seen
// every seq below N. Here the interleaving that breaks a plain sequence is forced: node A's append is
// held inside its one statement after taking its seq (by a test trigger waiting on an advisory lock the
// test holds: append-holds.ts), node B appends meanwhile.

const cluster = postgresPerFile();

describe('cursor ordering across relay nodes', () => {
  let url: string;
  let admin: pg.Client;
  const opened: RelayStore[] = [];
  const node = async (nodeId: string, options: PostgresStoreOptions = {}, storeUrl = url) => {
    // Longer than any hold: a held append waits on the test's lock.
    const store = await openPostgresStore(storeUrl, { logger: silentLogger, nodeId, appendLockTimeoutMs: 60_000, ...options });
    opened.push(store);
    return store;
  };
  beforeEach(async () => {
    url = await cluster.createDatabase();
    await (await openPostgresStore(url, { logger: silentLogger })).close();
    admin = new pg.Client(url);
    await admin.connect();
    await installAppendHolds(admin);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await admin.end();
  });

  const recorder = () => {
    const heard: AppendNotice[] = [];
    let resyncs = 0;
    return { heard, resyncs: () => resyncs, watcher: { appended: (n: AppendNotice) => void heard.push(n), resync: () => void resyncs++ } };
  };

  it('delivers nothing past an append still in flight: the later seq committing first waits for the earlier, and neither is skipped', async () => {
    const holdA = await holdAppend(url, 'commit', relayEvent(1, 7));
    const holdB = await holdAppend(url, 'commit', relayEvent(2, 7));
    const a = await node('A');
    const b = await node('B');
    const reader = await node('reader');
    const atReader = recorder();
    await reader.watchAppends(atReader.watcher);

    const appendA = a.appendEvent(relayEvent(1, 7));
    await holdA.reached();
    const appendB = b.appendEvent(relayEvent(2, 7));
    await holdB.reached();
    // Both hold their seqs uncommitted, concurrently: neither waits for the other.
    await holdB.release();
    const outcomeB = await appendB;
    expect(outcomeB).toEqual({ kind: 'stored', seq: 2, idReused: false });
    // B's seq 2 is committed and visible to any plain query, but A's seq 1 may still commit: a reader
    // that delivered 2 now would move a bridge's cursor past 1.
    expect((await admin.query('SELECT seq FROM events')).rows).toEqual([{ seq: '2' }]);
    expect(await reader.readAfter([7], 0, 10)).toEqual([]);
    expect(await reader.maxSeq()).toBe(0);
    expect(await b.readAfter([7], 0, 10)).toEqual([]);
    expect(atReader.heard).toEqual([]);

    await holdA.release();
    expect(await appendA).toEqual({ kind: 'stored', seq: 1, idReused: false });
    expect((await reader.readAfter([7], 0, 10)).map((e) => [e.seq, e.event_id])).toEqual([[1, 'e1'], [2, 'e2']]);
    expect(await reader.maxSeq()).toBe(2);
    await waitFor('the reader node to hear both appends', () => atReader.heard.length === 2);
    // In either order: a notice only wakes a branch's sockets, which read by cursor.
    expect([...atReader.heard].sort((x, y) => x.seq - y.seq)).toEqual([{ seq: 1, branchId: 7 }, { seq: 2, branchId: 7 }]);
  });

  it('holds the same line for nodes connecting as different roles, neither superuser nor member of pg_read_all_stats', async () => {
    // Such a role sees only the general properties of another role's sessions (no query, no state), but
    // every session's backend_xid, which is all the settled horizon reads: no grant is needed. Were
    // PostgreSQL to hide it, the reader here would deliver seq 2 while seq 1 is still in flight.
    await admin.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'relay_node_a') THEN CREATE ROLE relay_node_a LOGIN; END IF;
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'relay_node_b') THEN CREATE ROLE relay_node_b LOGIN; END IF;
    END $$`);
    await admin.query(`GRANT ALL ON SCHEMA public TO relay_node_a, relay_node_b;
      GRANT ALL ON ALL TABLES IN SCHEMA public TO relay_node_a, relay_node_b;
      GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO relay_node_a, relay_node_b`);
    const as = (role: string) => Object.assign(new URL(url), { username: role }).toString();
    const holdA = await holdAppend(url, 'commit', relayEvent(1, 7));
    const holdB = await holdAppend(url, 'commit', relayEvent(2, 7));
    const a = await node('A', {}, as('relay_node_a'));
    const b = await node('B', {}, as('relay_node_b'));
    const reader = await node('reader', {}, as('relay_node_b'));

    const appendA = a.appendEvent(relayEvent(1, 7));
    await holdA.reached();
    const appendB = b.appendEvent(relayEvent(2, 7));
    await holdB.reached();
    await holdB.release();
    expect(await appendB).toEqual({ kind: 'stored', seq: 2, idReused: false });
    const asB = new pg.Client(as('relay_node_b'));
    await asB.connect();
    try {
      const privileged = await asB.query("SELECT rolsuper OR pg_has_role('pg_read_all_stats', 'USAGE') AS privileged FROM pg_roles WHERE rolname = current_user");
      expect(privileged.rows).toEqual([{ privileged: false }]);
      const seen = await asB.query<{ query: string; xid: string | null }>(
        "SELECT query, backend_xid::text AS xid FROM pg_stat_activity WHERE datname = current_database() AND usename = 'relay_node_a' AND backend_xid IS NOT NULL",
      );
      expect(seen.rows).toEqual([{ query: '<insufficient privilege>', xid: expect.stringMatching(/^\d+$/) }]);
    } finally {
      await asB.end();
    }
    expect(await reader.readAfter([7], 0, 10)).toEqual([]);
    expect(await reader.maxSeq()).toBe(0);

    await holdA.release();
    expect(await appendA).toEqual({ kind: 'stored', seq: 1, idReused: false });
    expect((await reader.readAfter([7], 0, 10)).map((e) => [e.seq, e.event_id])).toEqual([[1, 'e1'], [2, 'e2']]);
  });

  it('holds back a later seq committed by an older transaction while a younger one holds an earlier seq', async () => {
    // Transaction ids and seqs need not agree: A gets its transaction id first but draws its seq after
    // B. Delivering by transaction id alone (below the oldest running one) would hand out A's seq 2
    // while B's seq 1 is still in flight.
    const holdA = await holdAppend(url, 'seqs', relayEvent(1, 7));
    const holdB = await holdAppend(url, 'commit', relayEvent(2, 7));
    const a = await node('A');
    const b = await node('B');
    const reader = await node('reader');

    const appendA = a.appendEvent(relayEvent(1, 7));
    await holdA.reached();
    const appendB = b.appendEvent(relayEvent(2, 7));
    await holdB.reached();
    await holdA.release();
    expect(await appendA).toEqual({ kind: 'stored', seq: 2, idReused: false });
    const older = await admin.query<{ ok: boolean }>(
      "SELECT (SELECT xmin::text::bigint FROM events WHERE seq = 2) < (SELECT backend_xid::text::bigint FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND datname = current_database() AND pid <> pg_backend_pid() LIMIT 1) AS ok",
    );
    expect(older.rows).toEqual([{ ok: true }]);
    expect(await reader.readAfter([7], 0, 10)).toEqual([]);

    await holdB.release();
    expect(await appendB).toEqual({ kind: 'stored', seq: 1, idReused: false });
    expect((await reader.readAfter([7], 0, 10)).map((e) => [e.seq, e.event_id])).toEqual([[1, 'e2'], [2, 'e1']]);
  });

  it("waits for any other session's transaction, but not for the nodes' notice statements", async () => {
    const a = await node('A');
    expect(await a.appendEvent(relayEvent(1, 7))).toMatchObject({ kind: 'stored', seq: 1 });
    const openTransaction = async (applicationName: string): Promise<pg.Client> => {
      const client = new pg.Client({ connectionString: url, application_name: applicationName });
      await client.connect();
      await client.query('BEGIN');
      await client.query('SELECT pg_current_xact_id()');
      return client;
    };
    const other = await openTransaction('psql');
    const reader = await node('reader');
    expect(await reader.readAfter([7], 0, 10)).toEqual([]);
    await other.query('COMMIT');
    await other.end();
    const notices = await openTransaction(NOTICES_APPLICATION_NAME);
    try {
      const later = await node('later reader');
      expect((await later.readAfter([7], 0, 10)).map((e) => e.seq)).toEqual([1]);
    } finally {
      await notices.query('COMMIT');
      await notices.end();
    }
  });

  it('leaves a rolled-back append as a gap that holds nothing back', async () => {
    const holdA = await holdAppend(url, 'commit', relayEvent(1, 7));
    const a = await node('A');
    const b = await node('B');
    const reader = await node('reader');
    const failed = a.appendEvent(relayEvent(1, 7));
    failed.catch(() => undefined);
    const pid = await holdA.reached();
    expect(await b.appendEvent(relayEvent(2, 7))).toEqual({ kind: 'stored', seq: 2, idReused: false });
    expect(await reader.readAfter([7], 0, 10)).toEqual([]);
    await admin.query('SELECT pg_cancel_backend($1)', [pid]);
    await expect(failed).rejects.toThrow('canceling statement due to user request');
    await holdA.release();
    expect((await reader.readAfter([7], 0, 10)).map((e) => [e.seq, e.event_id])).toEqual([[2, 'e2']]);
  });

  it('never lets a reader following the log skip an event while two nodes append concurrently', async () => {
    const a = await node('A');
    const b = await node('B');
    const reader = await node('reader');
    let cursor = 0;
    const seen: number[] = [];
    let writing = true;
    const follow = (async () => {
      for (;;) {
        const stillWriting = writing;
        for (const e of await reader.readAfter([7, 8], cursor, 1000)) {
          seen.push(e.seq);
          cursor = e.seq;
        }
        if (!stillWriting) return;
      }
    })();
    const stored: number[] = [];
    for (let round = 0; round < 20; round++) {
      const burst = Array.from({ length: 10 }, (_, i) => {
        const n = round * 10 + i;
        return (i % 2 === 0 ? a : b).appendEvent(relayEvent(n, 7 + (n % 2)));
      });
      for (const outcome of await Promise.all(burst)) if (outcome.kind === 'stored') stored.push(outcome.seq);
    }
    writing = false;
    await follow;
    expect(stored).toHaveLength(200);
    expect(seen).toEqual([...stored].sort((x, y) => x - y));
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('orders revocations across nodes the same way', async () => {
    const a = await node('A');
    const b = await node('B');
    const first = await a.addDevice('first', 'h1', [7], 'now');
    const second = await a.addDevice('second', 'h2', [7], 'now');
    await Promise.all([a.revokeDevices({ id: first.id }, 'now'), b.revokeDevices({ id: second.id }, 'now')]);
    const revoked = await b.revokedAfter(0);
    expect(revoked.map((r) => r.revokedSeq)).toEqual([1, 2]);
    expect(revoked.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
    expect(await a.lastRevocation()).toBe(2);
  });

  describe('append notices', () => {
    it('tells each node of every append once it can be read, its own and other nodes’, with branch and seq', async () => {
      const a = await node('node-a');
      const b = await node('node-b');
      const atA = recorder();
      const atB = recorder();
      await a.watchAppends(atA.watcher);
      await b.watchAppends(atB.watcher);

      await a.appendEvent(relayEvent(1, 7));
      await b.appendEvent(relayEvent(2, 9));
      await a.appendEvent(relayEvent(3, 8));
      const all = [{ seq: 1, branchId: 7 }, { seq: 2, branchId: 9 }, { seq: 3, branchId: 8 }];
      await waitFor('node B to hear all three', () => atB.heard.length === 3);
      await waitFor('node A to hear all three', () => atA.heard.length === 3);
      const bySeq = (heard: AppendNotice[]) => [...heard].sort((x, y) => x.seq - y.seq);
      expect(bySeq(atB.heard)).toEqual(all);
      expect(bySeq(atA.heard)).toEqual(all);
    });

    it('reconnects when its listening connection is killed and asks for a resync', async () => {
      const a = await node('node-a');
      const b = await node('node-b');
      const atB = recorder();
      const stop = await b.watchAppends(atB.watcher);
      const listeners = async () =>
        (await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN relay_events'")).rows;
      const [listener] = await listeners();
      expect(listener).toBeDefined();
      await admin.query('SELECT pg_terminate_backend($1)', [listener!.pid]);

      await waitFor('node B to resync after reconnecting', () => atB.resyncs() === 1);
      expect((await listeners()).map((l) => l.pid)).not.toContain(listener!.pid);
      await a.appendEvent(relayEvent(1, 7));
      await waitFor('node B to hear appends again', () => atB.heard.length === 1);
      expect(atB.heard).toEqual([{ seq: 1, branchId: 7 }]);

      await stop();
      await waitFor('the listening connection to close', async () => (await listeners()).length === 0);
    });
  });
});
