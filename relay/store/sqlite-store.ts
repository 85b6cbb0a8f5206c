import { openRelayDatabase, relayStoreBytes, type RelayDb } from './connection.js';
import { DeviceStore } from './devices.js';
import { EventStore } from './events.js';
import { GroupCommitter } from './group-commit.js';
import { markExpiredCursors, pruneEvents, pruneQuarantine, pruneTombstones } from './prune.js';
import { QuarantineStore } from './quarantine.js';
import type { AppendWatcher, DeviceSelector, NewEvent, QuarantineEntry, RelayStore } from './relay-store.js';

/** The embedded store of a single relay: one SQLite file in a data directory, written through group commit. */
export class SqliteRelayStore implements RelayStore {
  readonly kind = 'sqlite';
  readonly announcesOwnAppends = false;
  readonly description: string;
  private readonly events: EventStore;
  private readonly devices: DeviceStore;
  private readonly quarantine: QuarantineStore;
  private readonly committer: GroupCommitter;

  constructor(private readonly db: RelayDb) {
    this.description = db.name;
    this.events = new EventStore(db);
    this.devices = new DeviceStore(db);
    this.quarantine = new QuarantineStore(db);
    this.committer = new GroupCommitter(db);
  }

  static open(dataDir: string): SqliteRelayStore {
    return new SqliteRelayStore(openRelayDatabase(dataDir));
  }

  appendEvent(event: NewEvent) {
    return this.committer.run(() => this.events.insert(event), { singleStatement: true });
  }

  addToQuarantine(entry: QuarantineEntry) {
    return this.committer.run(() => this.quarantine.add(entry), { singleStatement: true });
  }

  readAfter(branchIds: readonly number[], after: number, limit: number) {
    return answer(() => this.events.readAfter(branchIds, after, limit));
  }

  maxSeq() {
    return answer(() => this.events.maxSeq());
  }

  addDevice(name: string, tokenSha256: string, branchIds: readonly number[], createdAt: string) {
    return answer(() => this.devices.add(name, tokenSha256, branchIds, createdAt));
  }

  findDeviceByTokenHash(tokenSha256: string) {
    return answer(() => this.devices.findByTokenHash(tokenSha256));
  }

  listDevices() {
    return answer(() => this.devices.list());
  }

  revokeDevices(selector: DeviceSelector, revokedAt: string) {
    return answer(() => this.devices.revoke(selector, revokedAt));
  }

  takeExpiredCursor(deviceId: number) {
    return answer(() => this.devices.takeExpiredCursor(deviceId));
  }

  lastRevocation() {
    return answer(() => this.devices.lastRevocation());
  }

  revokedAfter(cursor: number) {
    return answer(() => this.devices.revokedAfter(cursor));
  }

  saveCursors(cursors: ReadonlyMap<number, number>, lastSeenAt: string) {
    return answer(() => this.devices.saveCursors(cursors, lastSeenAt));
  }

  touchDevices(lastSeen: ReadonlyMap<number, string>) {
    return answer(() => this.devices.touch(lastSeen));
  }

  deviceLags() {
    return answer(() => this.devices.lags());
  }

  markExpiredCursors(expireBeforeMs: number) {
    return answer(() => markExpiredCursors(this.db, expireBeforeMs));
  }

  pruneEvents(olderThanMs: number, expireBeforeMs: number, limit: number, aheadOfMs?: number) {
    return answer(() => pruneEvents(this.db, olderThanMs, expireBeforeMs, limit, aheadOfMs));
  }

  pruneTombstones(olderThanMs: number, limit: number) {
    return answer(() => pruneTombstones(this.db, olderThanMs, limit));
  }

  pruneQuarantine(olderThanMs: number, maxRows: number, limit: number) {
    return answer(() => pruneQuarantine(this.db, olderThanMs, maxRows, limit));
  }

  sizeBytes() {
    return answer(() => relayStoreBytes(this.db));
  }

  watchAppends(_watcher: AppendWatcher): Promise<() => Promise<void>> {
    return Promise.resolve(() => Promise.resolve());
  }

  close(): Promise<void> {
    return answer(() => {
      if (this.db.open) this.db.close();
    });
  }
}

/** A synchronous call as a settled promise, so a throw becomes a rejection like PostgreSQL's errors. */
function answer<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(err as Error);
  }
}
