import type { Db } from '../../../main/store/connection.js';

/** Every statement `run` prepares on the connection, with SQLite's query plan for it. */
export function plansOf(connection: Db, run: () => void): { sql: string; plan: string }[] {
  const prepare = connection.prepare.bind(connection);
  const prepared: string[] = [];
  const spy = (sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  };
  Object.assign(connection, { prepare: spy });
  try {
    run();
  } finally {
    Object.assign(connection, { prepare });
  }
  return prepared.map((sql) => {
    const unbound = Array<null>((sql.match(/\?/g) ?? []).length).fill(null);
    const rows = prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...unbound) as { detail: string }[];
    return { sql: sql.replace(/\s+/g, ' '), plan: rows.map((r) => r.detail).join('; ') };
  });
}
