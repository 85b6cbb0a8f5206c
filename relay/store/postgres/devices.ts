import type pg from 'pg';
import { DeviceNameTakenError, type Device } from '../devices.js';
import type { DeviceSelector } from '../relay-store.js';
import { inTransaction } from './connection.js';

type DeviceRow = { id: number; name: string; revoked_at: string | null; last_seen_at: string | null; cursor: number; branch_ids: number[] };

const SELECT_DEVICE = `SELECT d.id, d.name, d.revoked_at, d.last_seen_at, d.cursor,
  ARRAY(SELECT b.branch_id FROM device_branches b WHERE b.device_id = d.id ORDER BY b.branch_id) AS branch_ids FROM devices d`;

/** PostgreSQL's `unique_violation`: the active-name index refused a second active device of that name. */
const UNIQUE_VIOLATION = '23505';

/** Bridge devices on PostgreSQL, statement for statement the SQLite DeviceStore's behaviour. */
export class PostgresDevices {
  constructor(private readonly pool: pg.Pool) {}

  async add(name: string, tokenSha256: string, branchIds: readonly number[], createdAt: string): Promise<Device> {
    try {
      const id = await inTransaction(this.pool, async (client) => {
        const taken = await client.query('SELECT 1 FROM devices WHERE name = $1 AND revoked_at IS NULL', [name]);
        if (taken.rowCount) throw new DeviceNameTakenError(name);
        const added = await client.query<{ id: number }>(
          'INSERT INTO devices (name, token_sha256, created_at) VALUES ($1, $2, $3) RETURNING id',
          [name, tokenSha256, createdAt],
        );
        const deviceId = added.rows[0]!.id;
        await client.query(
          'INSERT INTO device_branches (device_id, branch_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING',
          [deviceId, branchIds],
        );
        return deviceId;
      });
      return (await this.get(id))!;
    } catch (err) {
      // Two nodes adding the same name at once: the loser hits the index, not the check above.
      if ((err as { constraint?: string }).constraint === 'devices_active_name' && (err as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new DeviceNameTakenError(name);
      }
      throw err;
    }
  }

  async get(id: number): Promise<Device | undefined> {
    const rows = await this.pool.query<DeviceRow>(`${SELECT_DEVICE} WHERE d.id = $1`, [id]);
    return rows.rows[0] && toDevice(rows.rows[0]);
  }

  async findByTokenHash(tokenSha256: string): Promise<Device | undefined> {
    const rows = await this.pool.query<DeviceRow>(`${SELECT_DEVICE} WHERE d.token_sha256 = $1`, [tokenSha256]);
    return rows.rows[0] && toDevice(rows.rows[0]);
  }

  async list(): Promise<Device[]> {
    return (await this.pool.query<DeviceRow>(`${SELECT_DEVICE} ORDER BY d.id`)).rows.map(toDevice);
  }

  /**
   * Revokes active devices matching the name or id. Like appends, the 'revocations' counter row is
   * locked before the position is chosen and held until COMMIT, so revocations become visible in
   * revoked_seq order on every node and `revokedAfter` never skips one.
   */
  revoke(selector: DeviceSelector, revokedAt: string): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const counter = await client.query<{ value: number }>("SELECT value FROM relay_counters WHERE name = 'revocations' FOR UPDATE");
      const next = counter.rows[0]!.value + 1;
      const [where, key] = 'name' in selector ? ['name = $3', selector.name] : ['id = $3', selector.id];
      const revoked = await client.query(
        `UPDATE devices SET revoked_at = $1, revoked_seq = $2 WHERE ${where} AND revoked_at IS NULL`,
        [revokedAt, next, key],
      );
      if (revoked.rowCount) await client.query("UPDATE relay_counters SET value = $1 WHERE name = 'revocations'", [next]);
      return revoked.rowCount ?? 0;
    });
  }

  async takeExpiredCursor(id: number): Promise<boolean> {
    const taken = await this.pool.query('UPDATE devices SET cursor_expired = false WHERE id = $1 AND cursor_expired', [id]);
    return taken.rowCount === 1;
  }

  async lastRevocation(): Promise<number> {
    return (await this.pool.query<{ value: number }>("SELECT value FROM relay_counters WHERE name = 'revocations'")).rows[0]!.value;
  }

  async revokedAfter(cursor: number): Promise<Array<{ id: number; revokedSeq: number }>> {
    const rows = await this.pool.query<{ id: number; revokedSeq: number }>(
      'SELECT id, revoked_seq AS "revokedSeq" FROM devices WHERE revoked_seq > $1 ORDER BY revoked_seq',
      [cursor],
    );
    return rows.rows;
  }

  /** Cursors only move forward: a late or replayed ack never un-acks events. One statement for all. */
  async saveCursors(cursors: ReadonlyMap<number, number>, lastSeenAt: string): Promise<void> {
    if (cursors.size === 0) return;
    await this.pool.query(
      `UPDATE devices d SET cursor = GREATEST(d.cursor, v.cursor), last_seen_at = $3
         FROM unnest($1::bigint[], $2::bigint[]) AS v (id, cursor) WHERE d.id = v.id`,
      [[...cursors.keys()], [...cursors.values()], lastSeenAt],
    );
  }

  async touch(lastSeen: ReadonlyMap<number, string>): Promise<void> {
    if (lastSeen.size === 0) return;
    await this.pool.query(
      'UPDATE devices d SET last_seen_at = v.at FROM unnest($1::bigint[], $2::text[]) AS v (id, at) WHERE d.id = v.id',
      [[...lastSeen.keys()], [...lastSeen.values()]],
    );
  }

  async lags(): Promise<Array<{ name: string; lag: number }>> {
    const rows = await this.pool.query<{ name: string; lag: number }>(
      `SELECT d.name,
              (SELECT COUNT(*) FROM device_branches b JOIN events e ON e.branch_id = b.branch_id
                WHERE b.device_id = d.id AND e.seq > d.cursor) AS lag
         FROM devices d WHERE d.revoked_at IS NULL ORDER BY d.id`,
    );
    return rows.rows;
  }
}

function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    name: row.name,
    branchIds: row.branch_ids,
    revokedAt: row.revoked_at,
    lastSeenAt: row.last_seen_at,
    cursor: row.cursor,
  };
}
