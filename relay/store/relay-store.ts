import type { Device } from './devices.js';
import type { InsertOutcome, NewEvent, StoredEvent } from './events.js';
import type { QuarantineEntry } from './quarantine.js';

export type { Device, InsertOutcome, NewEvent, QuarantineEntry, StoredEvent };

export type DeviceSelector = { name: string } | { id: number };

/** An event committed to the store: the branch to wake and its position in the log. */
export type AppendNotice = { seq: number; branchId: number };

/** What a relay node hears of appends committed by other nodes on the same store. */
export type AppendWatcher = {
  appended(notice: AppendNotice): void;
  /** Notices may have been missed (the listening connection was lost and is back): re-read everything. */
  resync(): void;
};

/**
 * Everything the relay keeps, behind one interface with two implementations: SQLite (one relay, a data
 * directory) and PostgreSQL (several relay nodes on one database). Every call is asynchronous, since
 * PostgreSQL's are; the SQLite one answers from its synchronous driver.
 *
 * The log's contract, relied on by every reader: once a reader sees seq N it has seen, or will never
 * see, every seq below N. A reader that resumes after N never skips an event committed later with a
 * smaller seq, because no such event can exist: SQLite assigns seqs in commit order, and PostgreSQL
 * reads only up to the seq below which every transaction has ended (settled-horizon.ts). Seqs may have
 * gaps (an append rolled back); none is ever reused.
 */
export interface RelayStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the store is, for logs and errors, without any password. */
  readonly description: string;
  /**
   * True when the store tells its append watcher of this node's own appends (once they may be read), so
   * the intake must not announce them itself; false when the intake announces them at commit.
   */
  readonly announcesOwnAppends: boolean;

  /** Durably appends the event unless its exact bytes were seen before; resolves after the commit. */
  appendEvent(event: NewEvent): Promise<InsertOutcome>;
  /** Durably keeps a well-signed webhook the relay refused (once per body: a repeat only counts a hit). */
  addToQuarantine(entry: QuarantineEntry): Promise<void>;
  /** Up to `limit` events of `branchIds` with seq > `after`, in seq order. */
  readAfter(branchIds: readonly number[], after: number, limit: number): Promise<StoredEvent[]>;
  /** The highest seq ever assigned (0 for an empty log); never goes down, even after pruning. */
  maxSeq(): Promise<number>;

  /** Throws DeviceNameTakenError when an active device already has the name. */
  addDevice(name: string, tokenSha256: string, branchIds: readonly number[], createdAt: string): Promise<Device>;
  findDeviceByTokenHash(tokenSha256: string): Promise<Device | undefined>;
  listDevices(): Promise<Device[]>;
  /** Revokes active devices matching the selector; resolves to how many were revoked. */
  revokeDevices(selector: DeviceSelector, revokedAt: string): Promise<number>;
  /** True once per expiry: clears the device's expired-cursor mark and says whether it was set. */
  takeExpiredCursor(deviceId: number): Promise<boolean>;
  /** The position of the newest revocation: the cursor `revokedAfter` reads from. */
  lastRevocation(): Promise<number>;
  /** Devices revoked after the cursor, in revocation order (the same no-skip contract as the log). */
  revokedAfter(cursor: number): Promise<Array<{ id: number; revokedSeq: number }>>;
  /** Cursors only move forward: a late or replayed ack never un-acks events. */
  saveCursors(cursors: ReadonlyMap<number, number>, lastSeenAt: string): Promise<void>;
  touchDevices(lastSeen: ReadonlyMap<number, string>): Promise<void>;
  /** Each active device's count of stored events of its branches past its cursor. */
  deviceLags(): Promise<Array<{ name: string; lag: number }>>;

  /** Marks active devices whose first unacked event is older than `expireBeforeMs`; resolves to how many. */
  markExpiredCursors(expireBeforeMs: number): Promise<number>;
  /**
   * Deletes at most `limit` events older than `olderThanMs` that every active device of their branch
   * acked, and events older than `expireBeforeMs` whether acked or not. Events stamped after `aheadOfMs`
   * were received while the clock ran ahead: they are kept, and must not hold back the pruning of the
   * events after them (SQLite's bound; see relay/store/prune.ts).
   */
  pruneEvents(olderThanMs: number, expireBeforeMs: number, limit: number, aheadOfMs?: number): Promise<number>;
  pruneTombstones(olderThanMs: number, limit: number): Promise<number>;
  /** Quarantine entries first seen before `olderThanMs`, then the oldest beyond `maxRows`; at most `limit`. */
  pruneQuarantine(olderThanMs: number, maxRows: number, limit: number): Promise<number>;
  /** Bytes the store takes on disk, for /metrics. */
  sizeBytes(): Promise<number>;

  /**
   * Calls the watcher for appends other relay nodes commit (and this node's, when `announcesOwnAppends`),
   * once a reader can see them; returns a function that stops watching. A single SQLite relay has no
   * other nodes and never calls it.
   */
  watchAppends(watcher: AppendWatcher): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
