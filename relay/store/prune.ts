import type { RelayDb } from './connection.js';
import { BODY_KEY_SHA256_SQL } from './events.js';

// Retention, as plain statements over the connection. Each deletes at most `limit` rows so a caller
// can run it in small batches between requests instead of one long write that stalls intake.

/**
 * Events older than `olderThanMs` that every active device bound to their branch has acked (a branch
 * without devices keeps events for the retention only), and events older than `expireBeforeMs`
 * whether acked or not: a device silent that long no longer holds its branch's events forever. Their
 * body hashes become tombstones in the same transaction, so a pruned body still dedupes.
 *
 * Events are found in seq order, below the first event not yet past the retention: seqs are assigned
 * in commit order, so the old ones come first, and the search needs no index on the receive time (one
 * less index written by every webhook). A clock set back only makes the bound earlier: fewer events
 * pruned this time, never a young one.
 *
 * A clock that ran ahead and was set right leaves events stamped after `aheadOfMs` (the pruner's now
 * and a minute): such an event would stay "not yet past the retention" until real time reached its
 * stamp, a year if the clock had jumped a year, and nothing after it would be pruned meanwhile. So acked
 * events are bounded by the first young event stamped no later than `aheadOfMs`. Events stamped ahead
 * are kept until real time passes their stamps (bounded: the webhooks of the time the clock ran ahead);
 * stamps are never rewritten, since a clock that is behind would make every event look stamped ahead.
 * Unacked events past the cursor expiry are bounded by the first event not yet past the expiry, stamped
 * ahead or not: a silent device is told its cursor expired by its first unacked event (markExpiredCursors),
 * so an event is pruned unacked only once every event before it is past the expiry too. Nodes stamp by
 * their own clocks, so a seq can carry an earlier stamp than the one before it; pruned by its stamp alone,
 * it would go before its device was told, and the device, back meanwhile, would resume past it unawares.
 */
export function pruneEvents(db: RelayDb, olderThanMs: number, expireBeforeMs: number, limit: number, aheadOfMs = Number.MAX_SAFE_INTEGER): number {
  const seqs = db
    .prepare<[number, number, number, number, number, number], number>(
      `SELECT seq FROM events e
        WHERE e.seq < COALESCE((SELECT seq FROM events WHERE received_ms >= ? AND received_ms <= ? ORDER BY seq LIMIT 1), 9223372036854775807)
          AND e.received_ms < ? AND (
            (e.received_ms < ? AND e.seq < COALESCE((SELECT seq FROM events WHERE received_ms >= ? ORDER BY seq LIMIT 1), 9223372036854775807))
            OR e.seq <= COALESCE(
             (SELECT MIN(d.cursor) FROM devices d JOIN device_branches b ON b.device_id = d.id
               WHERE b.branch_id = e.branch_id AND d.revoked_at IS NULL),
             9223372036854775807))
        ORDER BY seq LIMIT ?`,
    )
    .pluck()
    .all(olderThanMs, aheadOfMs, olderThanMs, expireBeforeMs, expireBeforeMs, limit);
  if (seqs.length === 0) return 0;
  const list = JSON.stringify(seqs);
  return db.transaction(() => {
    db.prepare(
      `INSERT INTO body_tombstones (sha256, seen_ms)
       SELECT ${BODY_KEY_SHA256_SQL}, received_ms FROM events WHERE seq IN (SELECT value FROM json_each(?)) AND body_key IS NOT NULL
       ON CONFLICT (sha256) DO NOTHING`,
    ).run(list);
    return db.prepare('DELETE FROM events WHERE seq IN (SELECT value FROM json_each(?))').run(list).changes;
  })();
}

/**
 * Marks active devices whose first unacked event is older than `expireBeforeMs`: those events are about
 * to be pruned unacked, and the device must be told at its next hello. One index probe per device branch.
 */
export function markExpiredCursors(db: RelayDb, expireBeforeMs: number): number {
  return db
    .prepare(
      `UPDATE devices SET cursor_expired = 1
        WHERE revoked_at IS NULL AND cursor_expired = 0 AND EXISTS (
          SELECT 1 FROM device_branches b
           WHERE b.device_id = devices.id
             AND (SELECT e.received_ms FROM events e WHERE e.branch_id = b.branch_id AND e.seq > devices.cursor ORDER BY e.seq LIMIT 1) < ?)`,
    )
    .run(expireBeforeMs).changes;
}

/** Body hashes seen before `olderThanMs`: kept far longer than events, so a pruned event's body still dedupes. */
export function pruneTombstones(db: RelayDb, olderThanMs: number, limit: number): number {
  return db
    .prepare('DELETE FROM body_tombstones WHERE sha256 IN (SELECT sha256 FROM body_tombstones WHERE seen_ms < ? LIMIT ?)')
    .run(olderThanMs, limit).changes;
}

/** Quarantine entries first seen before `olderThanMs`, then the oldest beyond `maxRows`. */
export function pruneQuarantine(db: RelayDb, olderThanMs: number, maxRows: number, limit: number): number {
  const aged = db
    .prepare('DELETE FROM quarantine WHERE id IN (SELECT id FROM quarantine WHERE received_ms < ? ORDER BY id LIMIT ?)')
    .run(olderThanMs, limit).changes;
  if (aged === limit) return aged;
  const overCap = db
    .prepare('DELETE FROM quarantine WHERE id IN (SELECT id FROM quarantine ORDER BY id DESC LIMIT ? OFFSET ?)')
    .run(limit - aged, maxRows).changes;
  return aged + overCap;
}
