import type pg from 'pg';

// Retention on PostgreSQL, the same statements as relay/store/prune.ts. Each deletes at most `limit`
// rows, one short transaction each, so a caller runs it in small batches without long locks.

/**
 * Events past retention that every active device of their branch acked, and any past the cursor expiry
 * once every event before it is too (relay/store/prune.ts says why).
 */
export async function pruneEvents(pool: pg.Pool, olderThanMs: number, expireBeforeMs: number, limit: number): Promise<number> {
  const deleted = await pool.query(
    `DELETE FROM events WHERE seq IN (
       SELECT seq FROM events e WHERE e.received_ms < $1 AND (
         (e.received_ms < $2 AND e.seq < COALESCE((SELECT seq FROM events WHERE received_ms >= $2 ORDER BY seq LIMIT 1), 9223372036854775807))
         OR e.seq <= COALESCE(
           (SELECT MIN(d.cursor) FROM devices d JOIN device_branches b ON b.device_id = d.id
             WHERE b.branch_id = e.branch_id AND d.revoked_at IS NULL),
           9223372036854775807))
       ORDER BY seq LIMIT $3)`,
    [olderThanMs, expireBeforeMs, limit],
  );
  return deleted.rowCount ?? 0;
}

/** Marks active devices whose first unacked event is older than `expireBeforeMs`: told at their next hello. */
export async function markExpiredCursors(pool: pg.Pool, expireBeforeMs: number): Promise<number> {
  const marked = await pool.query(
    `UPDATE devices SET cursor_expired = true
      WHERE revoked_at IS NULL AND NOT cursor_expired AND EXISTS (
        SELECT 1 FROM device_branches b
         WHERE b.device_id = devices.id
           AND (SELECT e.received_ms FROM events e WHERE e.branch_id = b.branch_id AND e.seq > devices.cursor ORDER BY e.seq LIMIT 1) < $1)`,
    [expireBeforeMs],
  );
  return marked.rowCount ?? 0;
}

/**
 * Body keys seen before `olderThanMs`, then the hashes written before migration 4: kept far longer than
 * events, so a pruned event's body still dedupes.
 */
export async function pruneTombstones(pool: pg.Pool, olderThanMs: number, limit: number): Promise<number> {
  const keys =
    (await pool.query('DELETE FROM body_keys WHERE body_key IN (SELECT body_key FROM body_keys WHERE seen_ms < $1 LIMIT $2)', [olderThanMs, limit]))
      .rowCount ?? 0;
  if (keys === limit) return keys;
  const hashes =
    (await pool.query('DELETE FROM body_tombstones WHERE sha256 IN (SELECT sha256 FROM body_tombstones WHERE seen_ms < $1 LIMIT $2)', [olderThanMs, limit - keys]))
      .rowCount ?? 0;
  return keys + hashes;
}

/** Quarantine entries first seen before `olderThanMs`, then the oldest beyond `maxRows`. */
export async function pruneQuarantine(pool: pg.Pool, olderThanMs: number, maxRows: number, limit: number): Promise<number> {
  const aged =
    (await pool.query('DELETE FROM quarantine WHERE id IN (SELECT id FROM quarantine WHERE received_ms < $1 ORDER BY id LIMIT $2)', [
      olderThanMs,
      limit,
    ])).rowCount ?? 0;
  if (aged === limit) return aged;
  const overCap =
    (await pool.query('DELETE FROM quarantine WHERE id IN (SELECT id FROM quarantine ORDER BY id DESC LIMIT $1 OFFSET $2)', [
      limit - aged,
      maxRows,
    ])).rowCount ?? 0;
  return aged + overCap;
}
