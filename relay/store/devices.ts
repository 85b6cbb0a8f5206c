import type { RelayDb } from './connection.js';

export type Device = {
  id: number;
  name: string;
  branchIds: number[];
  revokedAt: string | null;
  lastSeenAt: string | null;
  cursor: number;
};

type DeviceRow = { id: number; name: string; revoked_at: string | null; last_seen_at: string | null; cursor: number };

export class DeviceNameTakenError extends Error {
  constructor(name: string) {
    super(`a device named "${name}" already exists: revoke it first or choose another name`);
    this.name = 'DeviceNameTakenError';
  }
}

/** Bridge devices: the sha256 of each token (never the token), its branches, its acked cursor. */
export class DeviceStore {
  constructor(private readonly db: RelayDb) {}

  add(name: string, tokenSha256: string, branchIds: readonly number[], createdAt: string): Device {
    return this.db.transaction(() => {
      const taken = this.db.prepare('SELECT 1 FROM devices WHERE name = ? AND revoked_at IS NULL').get(name);
      if (taken) throw new DeviceNameTakenError(name);
      const id = Number(
        this.db
          .prepare('INSERT INTO devices (name, token_sha256, created_at) VALUES (?, ?, ?)')
          .run(name, tokenSha256, createdAt).lastInsertRowid,
      );
      const bind = this.db.prepare('INSERT OR IGNORE INTO device_branches (device_id, branch_id) VALUES (?, ?)');
      for (const branchId of branchIds) bind.run(id, branchId);
      return this.get(id)!;
    })();
  }

  get(id: number): Device | undefined {
    const row = this.db.prepare('SELECT id, name, revoked_at, last_seen_at, cursor FROM devices WHERE id = ?').get(id) as
      | DeviceRow
      | undefined;
    return row ? this.withBranches(row) : undefined;
  }

  findByTokenHash(tokenSha256: string): Device | undefined {
    const row = this.db
      .prepare('SELECT id, name, revoked_at, last_seen_at, cursor FROM devices WHERE token_sha256 = ?')
      .get(tokenSha256) as DeviceRow | undefined;
    return row ? this.withBranches(row) : undefined;
  }

  list(): Device[] {
    const rows = this.db.prepare('SELECT id, name, revoked_at, last_seen_at, cursor FROM devices ORDER BY id').all() as DeviceRow[];
    return rows.map((row) => this.withBranches(row));
  }

  /** Revokes active devices matching the name or id; returns how many were revoked. */
  revoke(selector: { name: string } | { id: number }, revokedAt: string): number {
    const set = 'UPDATE devices SET revoked_at = ?, revoked_seq = (SELECT COALESCE(MAX(revoked_seq), 0) + 1 FROM devices)';
    const result =
      'name' in selector
        ? this.db.prepare(`${set} WHERE name = ? AND revoked_at IS NULL`).run(revokedAt, selector.name)
        : this.db.prepare(`${set} WHERE id = ? AND revoked_at IS NULL`).run(revokedAt, selector.id);
    return result.changes;
  }

  /** True once per expiry: clears the device's expired-cursor mark and says whether it was set. */
  takeExpiredCursor(id: number): boolean {
    return this.db.prepare('UPDATE devices SET cursor_expired = 0 WHERE id = ? AND cursor_expired = 1').run(id).changes === 1;
  }

  /** The position of the newest revocation: the cursor `revokedAfter` reads from. */
  lastRevocation(): number {
    return (this.db.prepare('SELECT COALESCE(MAX(revoked_seq), 0) AS seq FROM devices').get() as { seq: number }).seq;
  }

  /** Devices revoked after the cursor, in order: the work is proportional to new revocations, not to devices. */
  revokedAfter(cursor: number): Array<{ id: number; revokedSeq: number }> {
    return this.db
      .prepare('SELECT id, revoked_seq AS revokedSeq FROM devices WHERE revoked_seq > ? ORDER BY revoked_seq')
      .all(cursor) as Array<{ id: number; revokedSeq: number }>;
  }

  /** Cursors only move forward: a late or replayed ack never un-acks events. */
  saveCursors(cursors: ReadonlyMap<number, number>, lastSeenAt: string): void {
    const update = this.db.prepare('UPDATE devices SET cursor = MAX(cursor, ?), last_seen_at = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const [id, cursor] of cursors) update.run(cursor, lastSeenAt, id);
    })();
  }

  /** Each active device's count of stored events of its branches past its cursor: one statement for all. */
  lags(): Array<{ name: string; lag: number }> {
    return this.db
      .prepare(
        `SELECT d.name AS name,
                (SELECT COUNT(*) FROM device_branches b JOIN events e ON e.branch_id = b.branch_id
                  WHERE b.device_id = d.id AND e.seq > d.cursor) AS lag
           FROM devices d WHERE d.revoked_at IS NULL ORDER BY d.id`,
      )
      .all() as Array<{ name: string; lag: number }>;
  }

  /** Last-seen times of several devices, in one transaction. */
  touch(lastSeen: ReadonlyMap<number, string>): void {
    const update = this.db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const [id, at] of lastSeen) update.run(at, id);
    })();
  }

  private withBranches(row: DeviceRow): Device {
    const branches = this.db
      .prepare('SELECT branch_id FROM device_branches WHERE device_id = ? ORDER BY branch_id')
      .all(row.id) as Array<{ branch_id: number }>;
    return {
      id: row.id,
      name: row.name,
      branchIds: branches.map((b) => b.branch_id),
      revokedAt: row.revoked_at,
      lastSeenAt: row.last_seen_at,
      cursor: row.cursor,
    };
  }
}
