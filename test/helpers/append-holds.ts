import pg from 'pg';
import { waitFor } from './wait.js';

/**
 * Where a relay append can be made to stop, inside its one statement on PostgreSQL:
 *   'seqs'   it holds its transaction id but no seq yet (at its first body key);
 *   'commit' it holds its seqs, not yet committed (at its first event row).
 */
export type HoldPoint = 'seqs' | 'commit';

const NAMESPACE: Record<HoldPoint, number> = { seqs: 1, commit: 2 };

/**
 * Triggers, in a test database only, that make an append wait at a hold point on an advisory lock
 * keyed by its event id (at 'seqs', by its body's hash, the end of its body key): the production statement
 * runs unchanged and simply waits there while the test holds that key. The key is positive, so it reads
 * back as pg_locks.objid.
 */
export async function installAppendHolds(admin: pg.ClientBase): Promise<void> {
  await admin.query(`
    CREATE FUNCTION test_hold_at_seqs() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_current_xact_id();
      PERFORM pg_advisory_xact_lock_shared(${NAMESPACE.seqs}, hashtext(encode(substr(NEW.body_key, 5), 'hex')) & 2147483647);
      RETURN NEW;
    END $$;
    CREATE TRIGGER test_hold_at_seqs BEFORE INSERT ON body_keys FOR EACH ROW EXECUTE FUNCTION test_hold_at_seqs();
    CREATE FUNCTION test_hold_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(${NAMESPACE.commit}, hashtext(NEW.event_id) & 2147483647);
      RETURN NEW;
    END $$;
    CREATE TRIGGER test_hold_at_commit BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION test_hold_at_commit();
  `);
}

export type AppendHold = {
  /** Resolves once an append is waiting at the hold; its backend's pid. */
  reached(): Promise<number>;
  /** Lets the append go on. */
  release(): Promise<void>;
};

/**
 * Holds, on a connection of its own, the appends of one event (by event id, or for 'seqs' by body hash)
 * at `point` until released. The database needs installAppendHolds, and the appending store a lock
 * timeout longer than the hold.
 */
export async function holdAppend(url: string, point: HoldPoint, event: { eventId: string; bodySha256: Buffer }): Promise<AppendHold> {
  const holder = new pg.Client(url);
  await holder.connect();
  const key = point === 'seqs' ? event.bodySha256.toString('hex') : event.eventId;
  const lock = (await holder.query<{ key: number }>('SELECT hashtext($1) & 2147483647 AS key', [key])).rows[0]!.key;
  await holder.query('SELECT pg_advisory_lock($1, $2)', [NAMESPACE[point], lock]);
  return {
    reached: () =>
      waitFor(`an append to wait at its ${point} hold`, async () => {
        const waiting = await holder.query<{ pid: number }>(
          "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = $1 AND objid = $2 AND objsubid = 2",
          [NAMESPACE[point], lock],
        );
        return waiting.rows[0]?.pid;
      }),
    release: async () => {
      await holder.query('SELECT pg_advisory_unlock($1, $2)', [NAMESPACE[point], lock]);
      await holder.end();
    },
  };
}
