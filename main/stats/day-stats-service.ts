import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DayInNumbers } from '../../common/day-numbers.js';
import type { Clock } from '../../ground/clock.js';
import type { StationPrinter } from '../routing/routes.js';
import type { Db } from '../store/connection.js';
import { backupPrintsBetween, holdsOverlapping, pruneDayStats, ticketStatsBetween } from '../store/day-stats.js';
import { dayOf, dayStartMs, nextDay, periodStart } from './calendar.js';
import { csvRows, dayInNumbers, toCsv, type FigureInput } from './day-figures.js';
import { rollupDayStats } from './rollup.js';
import { statement } from '../store/statements.js';

// The day in numbers for one database: brings the figures up to date, answers the window, writes the
// CSV and drops what is older than the retention period. One per running bridge (its timer keeps the
// figures and the pruning going) and one for the window or CLI when no bridge runs.

/** How often a running bridge records figures and prunes: often enough that order pruning never outruns it. */
export const DAY_STATS_INTERVAL_MS = 10 * 60_000;
/** Where exported CSV files go, beside the database: the window never names the path. */
export const STATS_EXPORT_DIR = 'exports';

export type DayStatsOptions = {
  db: Db;
  clock: Clock;
  stations: () => ReadonlyArray<StationPrinter>;
  timeZone?: string | undefined;
  retentionDays: number;
};

export type DayStats = ReturnType<typeof createDayStats>;

const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

export function createDayStats(options: DayStatsOptions) {
  const { db, clock, timeZone, retentionDays } = options;
  let timer: NodeJS.Timeout | undefined;

  /** Records the newest figures and drops the ones past retention. */
  function refresh(): void {
    const { behind } = rollupDayStats(options);
    const firstKept = periodStart(clock.now(), retentionDays, timeZone);
    pruneDayStats(db, firstKept, new Date(dayStartMs(firstKept, timeZone)).toISOString());
    // Older orders still to catch up: the next run must not skip.
    settled = behind ? null : { changes: totalChanges(), day: dayOf(clock.now(), timeZone) };
  }

  // The one connection that writes the database counts its changes: while nothing was written since
  // the last refresh (unchanged figures are not rewritten) and the day is the same, nothing can differ.
  const totalChanges = (): number => (statement(db, 'SELECT total_changes() AS n').get() as { n: number }).n;
  let settled: { changes: number; day: string } | null = null;
  function refreshIfChanged(): void {
    if (settled && settled.changes === totalChanges() && settled.day === dayOf(clock.now(), timeZone)) return;
    refresh();
  }

  function input(days: number): FigureInput {
    refreshIfChanged();
    const now = clock.now();
    const from = periodStart(now, Math.min(days, retentionDays), timeZone);
    const to = dayOf(now, timeZone);
    const fromIso = new Date(dayStartMs(from, timeZone)).toISOString();
    const toIso = new Date(dayStartMs(nextDay(to), timeZone)).toISOString();
    const stations = options.stations().filter((s) => s.routes !== undefined).map((s) => ({ id: s.id, name: s.name }));
    return {
      facts: ticketStatsBetween(db, from, to),
      holds: holdsOverlapping(db, fromIso, toIso),
      backups: backupPrintsBetween(db, fromIso, toIso),
      stations,
      from,
      to,
      nowMs: now,
      timeZone,
      retentionDays,
    };
  }

  const csv = (days: number): string => toCsv(csvRows(input(days)));

  return {
    refresh,
    figures: (days: number): DayInNumbers => dayInNumbers(input(days)),
    csv,
    /** Writes the CSV under <dataDir>/exports and returns its path. */
    exportCsv(dataDir: string, days: number): { path: string; bytes: number } {
      const text = csv(days);
      const dir = join(dataDir, STATS_EXPORT_DIR);
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `kitchen-day-in-numbers-${stamp(clock.now())}.csv`);
      writeFileSync(path, text, { mode: 0o600 });
      return { path, bytes: Buffer.byteLength(text) };
    },
    start(intervalMs = DAY_STATS_INTERVAL_MS, onError: (err: unknown) => void = () => {}): void {
      const run = (): void => {
        try {
          refreshIfChanged();
        } catch (err) {
          onError(err);
        }
      };
      run();
      timer = setInterval(run, intervalMs);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
