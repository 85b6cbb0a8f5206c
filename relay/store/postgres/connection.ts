import pg from 'pg';

/**
 * int8 arrives from PostgreSQL as a string (it may exceed 2^53); the relay's bigints (seqs, ids, counts,
 * milliseconds, bytes) never come near that, so they become numbers here, once, for every query.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} is beyond what the relay can count exactly`);
  return value;
}

const INT8_ARRAY = 1016;
const defaultParser = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => (text: string) => unknown;

const relayTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format === 'binary') return defaultParser(oid, format);
    if (oid === pg.types.builtins.INT8) return parseInt8;
    if (oid === INT8_ARRAY) {
      const parseArray = defaultParser(INT8_ARRAY) as (text: string) => Array<string | null>;
      return (text: string) => parseArray(text).map((item) => (item === null ? null : parseInt8(item)));
    }
    return defaultParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/**
 * Connection settings every relay connection to PostgreSQL shares, pooled or not. A node that stalls or
 * vanishes (no FIN) inside a transaction that has an id (a cursor save, a device command) would hold back
 * the settled horizon every node's readers wait on: the server ends a transaction left idle for 10 s (an
 * append, one statement, is never idle in its transaction), and keepalive notices a dead peer. An unreachable server fails a webhook after 5 s (klikit retries) rather than never.
 */
export function relayClientConfig(url: string): pg.ClientConfig {
  return {
    connectionString: url,
    types: relayTypes,
    application_name: 'klikit-relay',
    idle_in_transaction_session_timeout: 10_000,
    keepAlive: true,
    connectionTimeoutMillis: 5_000,
  };
}

/** The URL for logs and errors: user, host, port and database, never the password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.searchParams.delete('password');
    return parsed.toString();
  } catch {
    return 'postgres (unparseable connection string)';
  }
}

/**
 * Runs `work` on a pooled connection of its own. A connection that dies while checked out emits an
 * error nobody else listens to (which would crash the process); the failure reaches `work` through its
 * next query anyway, and the dead connection is discarded instead of returned to the pool. `work`
 * calls `discard` for a connection left in a state unfit for the next user.
 */
export async function withConnection<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient, discard: (err: Error) => void) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (err: Error) => (lost = err);
  client.on('error', onError);
  try {
    return await work(client, onError);
  } finally {
    client.off('error', onError);
    client.release(lost);
  }
}

/** PostgreSQL's SQLSTATE for a lock not granted within `lock_timeout`. */
const LOCK_NOT_AVAILABLE = '55P03';

export function isLockTimeout(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === LOCK_NOT_AVAILABLE;
}

/** Runs `work` in one transaction on a connection of its own; rolled back if it throws. */
export function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withConnection(pool, async (client, discard) => {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(discard);
      throw err;
    }
  });
}

/**
 * PostgreSQL text cannot hold U+0000, which SQLite stores as is. A quarantine reason can quote the
 * refused body (Node's JSON.parse errors do): its NULs are shown as U+FFFD rather than failing the write.
 */
export function withoutNul(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD');
}
