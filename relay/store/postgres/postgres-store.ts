import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { pino, type Logger } from 'pino';
import type { NewEvent, StoredEvent } from '../events.js';
import type { QuarantineEntry } from '../quarantine.js';
import type { AppendWatcher, DeviceSelector, RelayStore } from '../relay-store.js';
import { errorText } from '../../../common/error-text.js';
import type { RecentIds } from '../recent-ids.js';
import { DEFAULT_APPEND_LOCK_TIMEOUT_MS, DEFAULT_BATCHES_IN_FLIGHT, PostgresAppender, readRecentIds } from './append.js';
import { AppendListener } from './append-listener.js';
import { describePostgresUrl, relayClientConfig, withConnection, withoutNul } from './connection.js';
import { PostgresDevices } from './devices.js';
import { migratePostgres } from './migrations.js';
import { markExpiredCursors, pruneEvents, pruneQuarantine, pruneTombstones } from './prune.js';
import { NOTICES_APPLICATION_NAME, SettledHorizon } from './settled-horizon.js';

export type PostgresStoreOptions = {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  logger?: Logger;
  /** This relay node's id in append notices (default random): its own notices are not echoed back to it. */
  nodeId?: string;
  /** Append batches in flight at once (default DEFAULT_BATCHES_IN_FLIGHT). */
  batchesInFlight?: number;
  /** How long an append waits for a lock before failing (default DEFAULT_APPEND_LOCK_TIMEOUT_MS). */
  appendLockTimeoutMs?: number;
};

const RELAY_TABLES = ['events', 'body_keys', 'body_tombstones', 'quarantine', 'devices', 'device_branches', 'relay_counters', 'relay_schema', 'relay_event_seq'];

/** Opens (and migrates) the relay's store on PostgreSQL: several relay nodes may share one database. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<RelayStore> {
  const lockTimeout = options.appendLockTimeoutMs;
  if (lockTimeout !== undefined && !(Number.isInteger(lockTimeout) && lockTimeout > 0)) throw new RangeError(`append lock timeout must be a positive integer, got ${lockTimeout}`);
  const description = describePostgresUrl(url);
  const logger = options.logger ?? pino();
  const pool = new pg.Pool({ ...relayClientConfig(url), max: options.poolSize ?? 10 });
  // An idle pooled connection that dies (server restart, network) is replaced on next use; without a
  // listener its error would crash the process.
  pool.on('error', (err) => logger.warn({ store: description, err: err.message }, 'idle PostgreSQL connection lost'));
  let recentIds: RecentIds;
  try {
    recentIds = await withConnection(pool, async (client) => {
      await migratePostgres(client, description);
      return readRecentIds(client);
    });
  } catch (err) {
    await pool.end();
    throw err;
  }
  // Append notices go out after COMMIT without waiting for their own WAL flush (see AppenderOptions.notices),
  // under a name of their own: their transactions draw no seq, and the settled horizon does not wait for them.
  const notices = new pg.Pool({ ...relayClientConfig(url), application_name: NOTICES_APPLICATION_NAME, max: 1, options: '-c synchronous_commit=off' });
  notices.on('error', (err) => logger.warn({ store: description, err: err.message }, 'idle PostgreSQL connection lost'));
  // Appends have connections of their own, one per batch in flight, whose lock_timeout bounds an append's wait.
  const appends = new pg.Pool({
    ...relayClientConfig(url),
    max: options.batchesInFlight ?? DEFAULT_BATCHES_IN_FLIGHT,
    lock_timeout: options.appendLockTimeoutMs ?? DEFAULT_APPEND_LOCK_TIMEOUT_MS,
  });
  appends.on('error', (err) => logger.warn({ store: description, err: err.message }, 'idle PostgreSQL connection lost'));
  return new PostgresRelayStore({ pool, appends, notices }, url, description, logger, { ...options, recentIds });
}

/**
 * The store of several relay nodes: one PostgreSQL database, appends committed concurrently, read and
 * announced only up to the settled horizon (settled-horizon.ts).
 */
export class PostgresRelayStore implements RelayStore {
  readonly kind = 'postgres';
  // Its own appends too are announced only once settled: announced at commit, a reader could find them beyond the horizon and nothing would wake it again.
  readonly announcesOwnAppends = true;
  private readonly nodeId: string;
  private readonly appender: PostgresAppender;
  private readonly devices: PostgresDevices;
  private readonly listeners = new Set<AppendListener>();
  private readonly watchers = new Set<AppendWatcher>();
  private readonly horizon: SettledHorizon;
  private readonly pool: pg.Pool;
  private readonly appends: pg.Pool;
  private readonly notices: pg.Pool;

  constructor(
    pools: { pool: pg.Pool; appends: pg.Pool; notices: pg.Pool },
    private readonly url: string,
    readonly description: string,
    private readonly logger: Logger,
    options: PostgresStoreOptions & { recentIds: RecentIds },
  ) {
    ({ pool: this.pool, appends: this.appends, notices: this.notices } = pools);
    this.nodeId = options.nodeId ?? randomUUID();
    this.appender = new PostgresAppender(this.appends, { nodeId: this.nodeId, notices: this.notices, logger, batchesInFlight: options.batchesInFlight, recentIds: options.recentIds });
    this.devices = new PostgresDevices(this.pool);
    this.horizon = new SettledHorizon(this.pool, {
      onSettled: (notice) => {
        for (const watcher of this.watchers) watcher.appended(notice);
      },
      onError: (err) => logger.warn({ store: description, err: errorText(err) }, 'settled horizon not read; retrying with the next append or read'),
      pace: () => this.appender.commitMs,
    });
  }

  async appendEvent(event: NewEvent) {
    const outcome = await this.appender.append(event);
    if (outcome.kind === 'stored' && this.watchers.size > 0) this.horizon.hold({ seq: outcome.seq, branchId: event.branchId });
    return outcome;
  }

  async addToQuarantine(entry: QuarantineEntry): Promise<void> {
    await this.pool.query(
      `INSERT INTO quarantine (received_at, received_ms, event_id, event_type, reason, body, body_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (body_sha256) DO UPDATE SET hits = quarantine.hits + 1`,
      [entry.receivedAt, entry.receivedMs, withoutNul(entry.eventId), withoutNul(entry.eventType), withoutNul(entry.reason), entry.body, entry.bodySha256],
    );
  }

  async readAfter(branchIds: readonly number[], after: number, limit: number): Promise<StoredEvent[]> {
    if (branchIds.length === 0) return [];
    const settled = await this.horizon.refresh();
    if (settled <= after) return [];
    const rows = await this.pool.query<StoredEvent>(
      `SELECT seq, event_id, event_type, branch_id, received_at, body FROM events
        WHERE branch_id = ANY($1::bigint[]) AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4`,
      [branchIds, after, settled, limit],
    );
    return rows.rows;
  }

  /** The settled horizon: the highest seq a reader may have seen. */
  maxSeq(): Promise<number> {
    return this.horizon.refresh();
  }

  addDevice(name: string, tokenSha256: string, branchIds: readonly number[], createdAt: string) {
    return this.devices.add(name, tokenSha256, branchIds, createdAt);
  }

  findDeviceByTokenHash(tokenSha256: string) {
    return this.devices.findByTokenHash(tokenSha256);
  }

  listDevices() {
    return this.devices.list();
  }

  revokeDevices(selector: DeviceSelector, revokedAt: string) {
    return this.devices.revoke(selector, revokedAt);
  }

  takeExpiredCursor(deviceId: number) {
    return this.devices.takeExpiredCursor(deviceId);
  }

  lastRevocation() {
    return this.devices.lastRevocation();
  }

  revokedAfter(cursor: number) {
    return this.devices.revokedAfter(cursor);
  }

  saveCursors(cursors: ReadonlyMap<number, number>, lastSeenAt: string) {
    return this.devices.saveCursors(cursors, lastSeenAt);
  }

  touchDevices(lastSeen: ReadonlyMap<number, string>) {
    return this.devices.touch(lastSeen);
  }

  deviceLags() {
    return this.devices.lags();
  }

  markExpiredCursors(expireBeforeMs: number) {
    return markExpiredCursors(this.pool, expireBeforeMs);
  }

  /** No seq-order bound here (the receive time is indexed): events stamped ahead hold nothing back, `aheadOfMs` is not needed. */
  pruneEvents(olderThanMs: number, expireBeforeMs: number, limit: number) {
    return pruneEvents(this.pool, olderThanMs, expireBeforeMs, limit);
  }

  pruneTombstones(olderThanMs: number, limit: number) {
    return pruneTombstones(this.pool, olderThanMs, limit);
  }

  pruneQuarantine(olderThanMs: number, maxRows: number, limit: number) {
    return pruneQuarantine(this.pool, olderThanMs, maxRows, limit);
  }

  async sizeBytes(): Promise<number> {
    const row = await this.pool.query<{ bytes: number }>(
      'SELECT COALESCE(SUM(pg_total_relation_size(to_regclass(t))), 0)::bigint AS bytes FROM unnest($1::text[]) AS t',
      [RELAY_TABLES],
    );
    return row.rows[0]!.bytes;
  }

  async watchAppends(watcher: AppendWatcher): Promise<() => Promise<void>> {
    // Other nodes' notices wait for the horizon like this node's own.
    const held: AppendWatcher = { appended: (notice) => this.horizon.hold(notice), resync: () => watcher.resync() };
    const listener = new AppendListener({ config: relayClientConfig(this.url), nodeId: this.nodeId, watcher: held, logger: this.logger });
    await listener.start();
    this.listeners.add(listener);
    this.watchers.add(watcher);
    return async () => {
      this.watchers.delete(watcher);
      this.listeners.delete(listener);
      await listener.stop();
    };
  }

  async close(): Promise<void> {
    this.horizon.close();
    // Appends in flight finish first (the pool ends once its connections are released), so their
    // notices are sent before the notices' pool ends.
    await this.appends.end();
    await this.appender.drained();
    await this.notices.end();
    await Promise.all([...this.listeners].map((listener) => listener.stop()));
    this.listeners.clear();
    await this.pool.end();
  }
}
