import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeviceNameTakenError } from '../../../relay/store/devices.js';
import { openPostgresStore, type PostgresStoreOptions } from '../../../relay/store/postgres/postgres-store.js';
import type { RelayStore } from '../../../relay/store/relay-store.js';
import { holdAppend, installAppendHolds } from '../../helpers/append-holds.js';
import { relayEvent } from '../../helpers/relay-events.js';
import { postgresPerFile } from '../../helpers/postgres-cluster.js';
import { waitFor } from '../../helpers/wait.js';
import { envelopeText, fetchMetrics, postWebhook, silentLogger, startTestRelay } from './helpers.js';

// What only the PostgreSQL store has: group commit over the network, several nodes, a server that
// can drop connections. Behaviour shared with SQLite is in store-contract.test.ts.

const cluster = postgresPerFile();

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('PostgreSQL relay store', () => {
  let url: string;
  const opened: RelayStore[] = [];
  const open = async (options: PostgresStoreOptions = {}) => {
    const store = await openPostgresStore(url, { logger: silentLogger, ...options });
    opened.push(store);
    return store;
  };
  beforeEach(async () => {
    url = await cluster.createDatabase();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('commits the appends of one turn in one transaction, and those arriving meanwhile in the next one', async () => {
    const store = await open({ batchesInFlight: 1, appendLockTimeoutMs: 60_000 });
    const admin = new pg.Client(url);
    await admin.connect();
    try {
      await installAppendHolds(admin);
      const hold = await holdAppend(url, 'commit', relayEvent(1, 7));
      const first = [1, 2, 3].map((n) => store.appendEvent(relayEvent(n, 7)));
      await hold.reached();
      const later: Array<ReturnType<RelayStore['appendEvent']>> = [];
      for (const n of [4, 5, 6]) {
        later.push(store.appendEvent(relayEvent(n, 7)));
        await nextTurn();
      }
      const appending = await admin.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'WITH input AS%'");
      expect(appending.rowCount).toBe(1);
      await hold.release();
      const outcomes = await Promise.all([...first, ...later]);
      expect(outcomes.map((o) => (o.kind === 'stored' ? o.seq : o.kind))).toEqual([1, 2, 3, 4, 5, 6]);
      // Rows committed by one transaction share its id (xmin).
      const transactions = await admin.query<{ seqs: number[] }>('SELECT array_agg(seq::int ORDER BY seq) AS seqs FROM events GROUP BY xmin::text ORDER BY min(seq)');
      expect(transactions.rows.map((t) => t.seqs)).toEqual([[1, 2, 3], [4, 5, 6]]);
    } finally {
      await admin.end();
    }
  });

  it('appends a batch in one round trip: one statement, committed before it answers, no BEGIN or COMMIT', async () => {
    const store = await open();
    const sent: string[] = [];
    const query = pg.Client.prototype.query;
    const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: Parameters<typeof query>) {
      const config = args[0] as string | { text?: string };
      sent.push(typeof config === 'string' ? config : (config.text ?? ''));
      return query.apply(this, args) as ReturnType<typeof query>;
    });
    try {
      await Promise.all([1, 2, 3].map((n) => store.appendEvent(relayEvent(n, 7))));
    } finally {
      spy.mockRestore();
    }
    const appends = sent.filter((text) => !text.includes('pg_notify'));
    expect(appends).toHaveLength(1);
    expect(appends[0]).toMatch(/^WITH input AS/);
    const admin = new pg.Client(url);
    await admin.connect();
    try {
      expect((await admin.query('SELECT seq::int FROM events ORDER BY seq')).rows).toEqual([{ seq: 1 }, { seq: 2 }, { seq: 3 }]);
    } finally {
      await admin.end();
    }
  });

  /** The notices of every notice statement sent from here on; with `hold`, the first statement waits for it. */
  function captureNotices(hold?: Promise<void>): { notices: string[][]; restore(): void } {
    const notices: string[][] = [];
    const query = pg.Client.prototype.query;
    const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: Parameters<typeof query>) {
      if (typeof args[0] === 'string' && args[0].includes('pg_notify')) {
        notices.push((args[1] as [string, string[]])[1]);
        // pg-pool passes a callback, so nothing is returned.
        if (hold && notices.length === 1) {
          void hold.then(() => query.apply(this, args));
          return undefined as ReturnType<typeof query>;
        }
      }
      return query.apply(this, args) as ReturnType<typeof query>;
    });
    return { notices, restore: () => spy.mockRestore() };
  }

  it('merges the notices of batches committed while a notice statement is in flight into the next one, each branch at its highest seq', async () => {
    const store = await openPostgresStore(url, { logger: silentLogger, nodeId: 'n1', batchesInFlight: 1 });
    let release!: () => void;
    const { notices, restore } = captureNotices(new Promise<void>((resolve) => (release = resolve)));
    try {
      await store.appendEvent(relayEvent(1, 7));
      // Sent once the notice pool has connected, which may take longer than the appends below.
      await waitFor('the first notice statement to be sent', () => notices.length === 1);
      await Promise.all([store.appendEvent(relayEvent(2, 7)), store.appendEvent(relayEvent(3, 8))]);
      await store.appendEvent(relayEvent(4, 7));
      expect(notices).toEqual([['n1:7:1']]);
      release();
      await store.close();
    } finally {
      restore();
    }
    expect(notices).toEqual([['n1:7:1'], ['n1:7:4', 'n1:8:3']]);
  });

  it('sends no notice statement for a batch that stored nothing (a retried body)', async () => {
    const first = await openPostgresStore(url, { logger: silentLogger, nodeId: 'n1' });
    expect(await first.appendEvent(relayEvent(1, 7))).toMatchObject({ kind: 'stored' });
    await first.close();
    const second = await openPostgresStore(url, { logger: silentLogger, nodeId: 'n2' });
    const { notices, restore } = captureNotices();
    try {
      expect(await second.appendEvent(relayEvent(1, 7))).toEqual({ kind: 'duplicate' });
      await second.close();
    } finally {
      restore();
    }
    expect(notices).toEqual([]);
  });

  it('fails only the webhook PostgreSQL refuses, not the others that shared its transaction', async () => {
    const store = await open();
    const outcomes = await Promise.allSettled([
      store.appendEvent(relayEvent(1, 7)),
      store.appendEvent({ ...relayEvent(2, 7), eventId: 'nul\u0000byte' }),
      store.appendEvent(relayEvent(3, 7)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toMatch(/0x00/);
    expect(await store.maxSeq()).toBe(2);
    // Readers see seqs once they are settled: this node's notice statement, its own short transaction,
    // can hold the horizon for a moment after the appends were answered.
    const read = async () => (await store.readAfter([7], 0, 10)).map((e) => [e.seq, e.event_id]);
    await waitFor('both stored events readable', async () => (await read()).length === 2);
    expect(await read()).toEqual([[1, 'e1'], [2, 'e3']]);
  });

  it('refuses a device name another node took between the check and the insert', async () => {
    const store = await open();
    const other = new pg.Client(url);
    const watcher = new pg.Client(url);
    await Promise.all([other.connect(), watcher.connect()]);
    try {
      await other.query('BEGIN');
      await other.query("INSERT INTO devices (name, token_sha256, created_at) VALUES ('counter', 'h0', 'now')");
      const adding = store.addDevice('counter', 'h1', [7], 'now');
      adding.catch(() => undefined);
      await waitFor('the add to wait on the other node’s uncommitted name', async () =>
        (await watcher.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")).rowCount === 1,
      );
      await other.query('COMMIT');
      await expect(adding).rejects.toThrow(DeviceNameTakenError);
      expect((await store.listDevices()).map((d) => d.name)).toEqual(['counter']);
    } finally {
      await Promise.all([other.end(), watcher.end()]);
    }
  });

  it('fails a batch waiting on a lock held elsewhere after its lock timeout, all at once, and appends again once it is released', async () => {
    const store = await open({ appendLockTimeoutMs: 300 });
    const holder = new pg.Client(url);
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE body_keys IN SHARE MODE');
      const waiting = await Promise.allSettled([1, 2, 3].map((n) => store.appendEvent(relayEvent(n, 7))));
      expect(waiting.map((o) => o.status === 'rejected' && (o.reason as { code?: string }).code)).toEqual(['55P03', '55P03', '55P03']);
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    const outcomes = await Promise.all([1, 2, 3].map((n) => store.appendEvent(relayEvent(n, 7))));
    expect(outcomes.map((o) => (o.kind === 'stored' ? o.seq : o.kind))).toEqual([1, 2, 3]);
  });

  it('answers a webhook 503 well inside klikit’s 10 s while an admin holds a lock appends need, and 200 once it is released', async () => {
    const relay = await startTestRelay(url);
    const holder = new pg.Client(url);
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE body_keys IN SHARE MODE');
      const started = Date.now();
      const refused = await postWebhook(relay.url, envelopeText(7, 1), { eventId: 'evt-locked' });
      expect(Date.now() - started).toBeLessThan(8000);
      expect(refused).toEqual({ status: 503, json: { error: 'the relay could not store the webhook; retry' } });
      expect(await fetchMetrics(relay.url)).toContain('relay_webhooks_total{outcome="store_unavailable"} 1');
      await holder.query('ROLLBACK');
      expect(await postWebhook(relay.url, envelopeText(7, 1), { eventId: 'evt-locked' })).toEqual({ status: 200, json: { status: 'received' } });
    } finally {
      await holder.end();
      await relay.close();
    }
    const stored = await open();
    expect((await stored.readAfter([7], 0, 10)).map((e) => [e.seq, e.event_id])).toEqual([[1, 'evt-locked']]);
  });

  it('keeps working after PostgreSQL drops its pooled connections', async () => {
    const store = await open();
    await Promise.all([1, 2, 3].map((n) => store.readAfter([7], n, 10)));
    const admin = new pg.Client(url);
    await admin.connect();
    try {
      const killed = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'klikit-relay'",
      );
      expect(killed.rowCount).toBeGreaterThan(0);
      await waitFor('the pooled connections to be gone', async () =>
        (await admin.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'klikit-relay'")).rowCount === 0,
      );
    } finally {
      await admin.end();
    }
    expect(await store.appendEvent(relayEvent(1, 7))).toEqual({ kind: 'stored', seq: 1, idReused: false });
    expect((await store.readAfter([7], 0, 10)).map((e) => e.seq)).toEqual([1]);
  });
});
