import type { Db } from '../store/connection.js';

// What support asks first about a database: is it intact, which schema, how much is in it, and
// what went wrong lately. Order contents and raw webhook bodies stay out: they hold customers' data.

export type DatabaseReport = {
  integrity: string[];
  schemaVersion: number;
  sqliteVersion: string;
  counts: Record<string, number>;
  printJobsByState: Record<string, number>;
};

const PROBLEM_STATES = ['held', 'failed', 'uncertain'];

export function databaseReport(db: Db): DatabaseReport {
  const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
  const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const byState = db.prepare('SELECT state, count(*) AS n FROM print_jobs GROUP BY state').all() as Array<{ state: string; n: number }>;
  return {
    integrity,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    sqliteVersion: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    counts: Object.fromEntries(['orders', 'events', 'print_jobs', 'quarantine'].map((table) => [table, count(table)])),
    printJobsByState: Object.fromEntries(byState.map((row) => [row.state, row.n])),
  };
}

export type RecentProblems = {
  printJobs: Array<{ id: number; orderId: number | null; printerId: string; kind: string; state: string; attempts: number; lastError: string; updatedAt: string }>;
  quarantined: Array<{ id: number; receivedAt: string; source: string; eventType: string | null; reason: string }>;
};

/** Print jobs stuck or failing and input refused since `sinceIso`, newest first, at most `limit` each. */
export function recentProblems(db: Db, sinceIso: string, limit = 200): RecentProblems {
  const printJobs = db
    .prepare(
      `SELECT id, order_id AS orderId, printer_id AS printerId, kind, state, attempts, last_error AS lastError, updated_at AS updatedAt
         FROM print_jobs
        WHERE state IN (${PROBLEM_STATES.map(() => '?').join(', ')}) OR (last_error <> '' AND updated_at >= ?)
        ORDER BY id DESC LIMIT ?`,
    )
    .all(...PROBLEM_STATES, sinceIso, limit) as RecentProblems['printJobs'];
  const quarantined = db
    .prepare(
      `SELECT id, received_at AS receivedAt, source, event_type AS eventType, reason
         FROM quarantine WHERE received_at >= ? ORDER BY id DESC LIMIT ?`,
    )
    .all(sinceIso, limit) as RecentProblems['quarantined'];
  return { printJobs, quarantined };
}
