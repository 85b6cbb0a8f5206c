import { describe, expect, it } from 'vitest';
import type { Db } from '../../../main/store/connection.js';
import { pendingCountByPrinter } from '../../../main/store/print-jobs.js';
import { createWindowQueries } from '../../../main/window-api/queries.js';
import { tempDbPerTest } from '../store/temp-db.js';

// The window's update feed runs its queries ten times a second and every print queue counts its depth
// on each step, for as long as the counter PC is on. A full scan of a table that grows with every order
// ever printed (orders, print_jobs, events, order_changes) turns a year of history into a busy CPU, so
// SQLite's own plan for each of these statements must use an index (or read nothing at all).

const GROWING_TABLE_SCAN = /\bSCAN (orders|print_jobs|events|order_changes)\b(?! USING (COVERING )?INDEX)/;

const db = tempDbPerTest();

/** Every statement `run` prepares on the connection, with SQLite's query plan for it. */
function plansOf(connection: Db, run: () => void): { sql: string; plan: string }[] {
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

describe('queries that run all day long', () => {
  it('never scan a table that grows with history', () => {
    const connection = db();
    const plans = plansOf(connection, () => {
      createWindowQueries(connection);
      pendingCountByPrinter(connection);
    });
    expect(plans.length).toBeGreaterThan(5);
    expect(plans.filter((p) => GROWING_TABLE_SCAN.test(p.plan))).toEqual([]);
  });
});
