import { describe, expect, it } from 'vitest';
import { pendingCountByPrinter } from '../../../main/store/print-jobs.js';
import { createWindowQueries } from '../../../main/window-api/queries.js';
import { plansOf } from '../store/query-plans.js';
import { tempDbPerTest } from '../store/temp-db.js';

// The window's update feed runs its queries ten times a second and every print queue counts its depth
// on each step, for as long as the counter PC is on. A full scan of a table that grows with every order
// ever printed (orders, print_jobs, events, order_changes) turns a year of history into a busy CPU, so
// SQLite's own plan for each of these statements must use an index (or read nothing at all).

const GROWING_TABLE_SCAN = /\bSCAN (orders|print_jobs|events|order_changes)\b(?! USING (COVERING )?INDEX)/;

const db = tempDbPerTest();

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
