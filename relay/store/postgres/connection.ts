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

/** Connection settings every relay connection to PostgreSQL shares, pooled or not. */
export function relayClientConfig(url: string): pg.ClientConfig {
  return { connectionString: url, types: relayTypes, application_name: 'klikit-relay' };
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

/** Runs `work` in one transaction on a connection of its own; rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw err;
  } finally {
    client.release(broken);
  }
}
