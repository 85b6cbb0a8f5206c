import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockFileName } from '../../../common/instance-lock.js';
import { RELAY_DB_FILE } from '../../../relay/store/connection.js';
import { copySqliteToPostgres, StoreCopyRefusedError, type CopyReport } from '../../../relay/store/copy-to-postgres.js';
import { BODY_KEY_SHA256_SQL } from '../../../relay/store/events.js';
import { openPostgresStore } from '../../../relay/store/postgres/postgres-store.js';
import type { QuarantineEntry, RelayStore } from '../../../relay/store/relay-store.js';
import { SqliteRelayStore } from '../../../relay/store/sqlite-store.js';
import { hashToken } from '../../../relay/tokens.js';
import { postgresPerFile } from '../../helpers/postgres-cluster.js';
import { relayEvent } from '../../helpers/relay-events.js';
import { waitFor } from '../../helpers/wait.js';
import { envelopeText, postWebhook, queryStore, runRelayCli, silentLogger, startRelayChild, startTestRelay, tempDir, TestBridge } from './helpers.js';

// A SQLite relay moved onto PostgreSQL: bridges keep their tokens and cursors, and none misses or
// repeats an event, so every row keeps its id or seq and both counters continue after the SQLite ones.

const NOW = Date.now();
const HOUR_MS = 3_600_000;
const BRANCHES = [7, 8, 9, 10];
const EVENT_COUNT = 40;
const NEWEST_KEPT = 37;
const TOKENS = { counter: 'token-counter', bar: 'token-bar', sleepy: 'token-sleepy', oldCounter: 'token-old-counter', oldBar: 'token-old-bar' };

const quarantined = (n: number, reason = 'unknown event type'): QuarantineEntry => ({
  receivedAt: new Date(NOW).toISOString(), receivedMs: NOW, eventId: `q${n}`, eventType: 'klikit.mystery.v1', reason,
  body: Buffer.from(`{"q":${n}}`), bodySha256: Buffer.from(`quarantine-sha-${n}`),
});

/** Event `n` on a branch; branch 10's are an hour old, so its device's cursor can be marked expired. */
const eventNumber = (n: number) => {
  const branchId = BRANCHES[n % BRANCHES.length]!;
  return relayEvent(n, branchId, branchId === 10 ? NOW - HOUR_MS : NOW);
};

/** A SQLite relay store with history: devices (two revoked, one expired), cursors, pruned events, quarantine. */
async function buildSqliteRelay(dir: string): Promise<{ counterId: number; sleepyId: number }> {
  const store = SqliteRelayStore.open(dir);
  try {
    const at = new Date(NOW).toISOString();
    const counter = await store.addDevice('counter', hashToken(TOKENS.counter), [7, 8], at);
    await store.addDevice('bar', hashToken(TOKENS.bar), [9], at);
    await store.addDevice('old-counter', hashToken(TOKENS.oldCounter), [7], at);
    const sleepy = await store.addDevice('sleepy', hashToken(TOKENS.sleepy), [10], at);
    await store.addDevice('old-bar', hashToken(TOKENS.oldBar), [9], at);
    await store.revokeDevices({ name: 'old-counter' }, at);
    await store.revokeDevices({ name: 'old-bar' }, at);
    for (let n = 1; n <= EVENT_COUNT; n++) await store.appendEvent(eventNumber(n));
    await store.saveCursors(new Map([[counter.id, 6]]), at);
    expect(await store.markExpiredCursors(NOW - HOUR_MS / 2)).toBe(1);
    await store.addToQuarantine(quarantined(1));
    await store.addToQuarantine(quarantined(1));
    await store.addToQuarantine(quarantined(1));
    await store.addToQuarantine(quarantined(2, 'bad JSON: "\u0000" at 3'));
    return { counterId: counter.id, sleepyId: sleepy.id };
  } finally {
    await store.close();
  }
}

/**
 * The newest events pruned (and an old one), as retention would: the counter stays above max(seq), and
 * their body hashes become tombstones.
 */
function pruneSomeEvents(dir: string): void {
  const db = new Database(join(dir, RELAY_DB_FILE));
  try {
    db.prepare(`INSERT INTO body_tombstones (sha256, seen_ms) SELECT ${BODY_KEY_SHA256_SQL}, received_ms FROM events WHERE seq > ? OR seq = 2`).run(NEWEST_KEPT);
    db.prepare('DELETE FROM events WHERE seq > ? OR seq = 2').run(NEWEST_KEPT);
  } finally {
    db.close();
  }
}

const EXPECTED_REPORT: CopyReport = {
  devices: 5, deviceBranches: 6, events: NEWEST_KEPT - 1, bodyKeys: NEWEST_KEPT - 1, bodyTombstones: EVENT_COUNT - NEWEST_KEPT + 1, quarantine: 2, eventsCounter: EVENT_COUNT, revocationsCounter: 2,
};

describe('relay store copy: SQLite to PostgreSQL', () => {
  const cluster = postgresPerFile();
  const source = tempDir();
  let ids: { counterId: number; sleepyId: number };

  beforeAll(async () => {
    ids = await buildSqliteRelay(source.dir);
    pruneSomeEvents(source.dir);
  }, 60_000);
  afterAll(async () => {
    source.remove();
  });

  const withStores = async (url: string, check: (copy: RelayStore, original: RelayStore) => Promise<void>): Promise<void> => {
    const copy = await openPostgresStore(url, { logger: silentLogger });
    const original = SqliteRelayStore.open(source.dir);
    try {
      await check(copy, original);
    } finally {
      await copy.close();
      await original.close();
    }
  };

  it('carries over devices, cursors, revocations and every event under its seq; the counters continue after SQLite', async () => {
    const url = await cluster.createDatabase();
    expect(await copySqliteToPostgres(source.dir, url, { batchRows: 7 })).toEqual(EXPECTED_REPORT);
    expect(existsSync(join(source.dir, lockFileName('relay')))).toBe(false);

    await withStores(url, async (copy, original) => {
      expect(await copy.listDevices()).toEqual(await original.listDevices());
      expect((await copy.listDevices()).find((d) => d.id === ids.counterId)?.cursor).toBe(6);
      for (const token of Object.values(TOKENS)) {
        expect(await copy.findDeviceByTokenHash(hashToken(token))).toEqual(await original.findDeviceByTokenHash(hashToken(token)));
      }
      for (const branch of BRANCHES) {
        const events = await copy.readAfter([branch], 0, 1000);
        expect(events.length).toBeGreaterThan(5);
        expect(events).toEqual(await original.readAfter([branch], 0, 1000));
      }
      expect(await copy.readAfter(BRANCHES, 0, 1000)).toEqual(await original.readAfter(BRANCHES, 0, 1000));
      expect(await copy.maxSeq()).toBe(EVENT_COUNT);
      expect(await copy.maxSeq()).toBe(await original.maxSeq());
      expect(await copy.lastRevocation()).toBe(await original.lastRevocation());
      expect(await copy.revokedAfter(0)).toEqual(await original.revokedAfter(0));
      expect(await copy.revokedAfter(0)).toHaveLength(2);
      expect(await copy.deviceLags()).toEqual(await original.deviceLags());
      expect(await copy.takeExpiredCursor(ids.sleepyId)).toBe(true);
      expect(await copy.takeExpiredCursor(ids.counterId)).toBe(false);

      expect(await copy.appendEvent(eventNumber(EVENT_COUNT))).toEqual({ kind: 'duplicate' });
      expect(await copy.appendEvent(eventNumber(3))).toEqual({ kind: 'duplicate' });
      expect(await copy.appendEvent(relayEvent(1000, 7, NOW))).toEqual({ kind: 'stored', seq: EVENT_COUNT + 1, idReused: false });
      const added = await copy.addDevice('new-counter', hashToken('token-new'), [7], new Date(NOW).toISOString());
      expect(added.id).toBe(Math.max(...(await original.listDevices()).map((d) => d.id)) + 1);
      expect(await copy.revokeDevices({ id: added.id }, new Date(NOW).toISOString())).toBe(1);
      expect(await copy.lastRevocation()).toBe(EXPECTED_REPORT.revocationsCounter + 1);
      await copy.addToQuarantine(quarantined(3));
      await copy.addToQuarantine(quarantined(1));
    });

    const quarantine = (await queryStore(url, 'SELECT id, event_id, reason, hits, body_sha256, body FROM quarantine ORDER BY id')) as Array<Record<string, unknown>>;
    expect(quarantine).toEqual([
      { id: 1, event_id: 'q1', reason: 'unknown event type', hits: 4, body_sha256: Buffer.from('quarantine-sha-1'), body: Buffer.from('{"q":1}') },
      { id: 2, event_id: 'q2', reason: 'bad JSON: "\uFFFD" at 3', hits: 1, body_sha256: Buffer.from('quarantine-sha-2'), body: Buffer.from('{"q":2}') },
      { id: 3, event_id: 'q3', reason: 'unknown event type', hits: 1, body_sha256: Buffer.from('quarantine-sha-3'), body: Buffer.from('{"q":3}') },
    ]);
  });

  it('refuses a target that already holds a relay store, and leaves it as it was', async () => {
    const url = await cluster.createDatabase();
    await copySqliteToPostgres(source.dir, url);
    const refused = copySqliteToPostgres(source.dir, url);
    await expect(refused).rejects.toBeInstanceOf(StoreCopyRefusedError);
    await expect(refused).rejects.toThrow(/not an empty relay store \(found devices 5, events 36, body keys 36, body tombstones 4, quarantine rows 2, an events counter at 40\)/);
    expect(await queryStore(url, 'SELECT count(*)::int AS n FROM events')).toEqual([{ n: NEWEST_KEPT - 1 }]);

    const counterOnly = await cluster.createDatabase();
    const store = await openPostgresStore(counterOnly, { logger: silentLogger });
    await store.close();
    await queryStore(counterOnly, "SELECT setval('relay_event_seq', 5)");
    await expect(copySqliteToPostgres(source.dir, counterOnly)).rejects.toThrow(/found an events counter at 5\)/);
    const empty = tempDir();
    await expect(copySqliteToPostgres(empty.dir, counterOnly)).rejects.toThrow(`no relay store in ${empty.dir}: ${join(empty.dir, RELAY_DB_FILE)} does not exist`);
    empty.remove();
    expect(existsSync(join(source.dir, lockFileName('relay')))).toBe(false);
  });

  it('refuses while a relay is serving the data directory, naming its pid', async () => {
    const url = await cluster.createDatabase();
    const relay = await startRelayChild(source.dir);
    try {
      await expect(copySqliteToPostgres(source.dir, url)).rejects.toThrow(`another relay (pid ${relay.child.pid}) is running on ${source.dir}`);
    } finally {
      relay.child.kill('SIGTERM');
      expect(await relay.exited).toBe(0);
    }
    expect(await queryStore(url, "SELECT to_regclass('devices') IS NULL AS untouched")).toEqual([{ untouched: true }]);
  });

  it('runs as `relay store copy` and says what it copied, what it refused, and how it is used', async () => {
    const url = await cluster.createDatabase();
    const copied = runRelayCli(['store', 'copy', '--data', source.dir, '--store', url]);
    expect(copied.stderr).toBe('');
    expect(copied.stdout).toBe(
      'copied 5 devices (6 branch bindings), 36 events, 36 body keys, 4 body tombstones, 2 quarantine rows; events counter 40, revocations counter 2\n',
    );
    expect(copied.status).toBe(0);

    const again = runRelayCli(['store', 'copy', '--data', source.dir, '--store', url]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^relay: not copying: .* is not an empty relay store \(found devices 5/);

    const usage = runRelayCli(['store', 'copy', '--data', source.dir]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--store is required');
    expect(usage.stderr).toContain('relay store copy --data DIR --store postgres://');
  });

  it('a bridge resumes on a relay serving the copy from its cursor: every later event once, then live ones', async () => {
    const url = await cluster.createDatabase();
    await copySqliteToPostgres(source.dir, url);
    const relay = await startTestRelay(url);
    const bridge = new TestBridge(relay.bridgeUrl, TOKENS.counter);
    try {
      await bridge.opened;
      bridge.hello(6);
      const original = SqliteRelayStore.open(source.dir);
      const expected = (await original.readAfter([7, 8], 6, 1000)).map((e) => e.seq);
      await original.close();
      expect(expected.length).toBeGreaterThan(5);
      await waitFor('the stored events after the cursor', () => bridge.events.length >= expected.length);
      expect(bridge.seqs()).toEqual(expected);

      expect((await postWebhook(relay.url, envelopeText(8, 4242))).status).toBe(200);
      await waitFor('the live event', () => bridge.events.length === expected.length + 1);
      expect(bridge.seqs()).toEqual([...expected, EVENT_COUNT + 1]);
      expect(bridge.events.at(-1)!.body).toEqual(JSON.parse(envelopeText(8, 4242)));
    } finally {
      bridge.stop();
      await relay.close();
    }
  });
});
