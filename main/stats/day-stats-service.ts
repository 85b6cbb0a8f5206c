import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DayInNumbers } from '../../common/day-numbers.js';
import type { Clock } from '../../ground/clock.js';
import type { StationPrinter } from '../routing/routes.js';
import type { Db } from '../store/connection.js';
import { backupPrintsBetween, holdsOverlapping, pruneDayStats, ticketStatPages, type TicketStatFigures } from '../store/day-stats.js';
import { dayOf, dayStartMs, nextDay, periodStart } from './calendar.js';
import { csvInPieces, dayInNumbersInPieces, type FigureFrame, type Pieces } from './day-figures.js';
import { nextTurn, rollupDayStats, type Pause } from './rollup.js';
import { statement } from '../store/statements.js';

// The day in numbers for one database: brings the figures up to date, answers the window, writes the
// CSV and drops what is older than the retention period. One per running bridge (its timer keeps the
// figures and the pruning going) and one for the window or CLI when no bridge runs. The rollup shares
// the core's thread with ingest, printing and the window: it runs in slices, one run at a time, and the
// figures are answered once it is done, in pieces too (a page of facts, a day, a station), pausing
// between them. An answer is queued like a run, so no run rewrites the facts while it reads them.

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

/** `pause` runs between two slices of the rollup (default: the next turn of the event loop). */
export function createDayStats(options: DayStatsOptions, pause: Pause = nextTurn) {
  const { db, clock, timeZone, retentionDays } = options;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const between: Pause = async () => (await pause()) && !stopped;

  // The one connection that writes the database counts its changes: while nothing was written since
  // the last run (unchanged figures are not rewritten) and the day is the same, nothing can differ.
  const totalChanges = (): number => (statement(db, 'SELECT total_changes() AS n').get() as { n: number }).n;
  let settled: { changes: number; day: string } | null = null;
  // Orders are seen at the time they come (first_seen_at), so once a run finished with nothing left to
  // catch up, no order seen before its lookback can be unrecorded: later runs need not look there again.
  let caughtUpBefore = '';

  /** Records the newest figures, a slice at a time, and drops the ones past retention. */
  async function run(): Promise<void> {
    if (stopped) return;
    settled = null;
    const changesBefore = totalChanges();
    const day = dayOf(clock.now(), timeZone);
    const { behind, recent, written, complete } = await rollupDayStats(options, between, caughtUpBefore);
    if (!complete) return;
    if (!behind) caughtUpBefore = recent;
    const firstKept = periodStart(clock.now(), retentionDays, timeZone);
    const pruned = pruneDayStats(db, firstKept, new Date(dayStartMs(firstKept, timeZone)).toISOString());
    const changesAfter = totalChanges();
    // Settled only if this run alone wrote since it began: an order changed during a pause may be one
    // already recorded. Older orders still to catch up: the next run must not skip either.
    const onlyOurs = changesAfter === changesBefore + written + pruned.tickets + pruned.holds + pruned.backups;
    settled = !behind && onlyOurs ? { changes: changesAfter, day } : null;
  }

  // One run or answer at a time: a caller arriving during one waits for it, then checks again.
  let last: Promise<unknown> = Promise.resolve();
  function queue<T>(step: () => Promise<T>): Promise<T> {
    const next = last.then(step);
    last = next.catch(() => {});
    return next;
  }
  const isSettled = (): boolean => settled !== null && settled.changes === totalChanges() && settled.day === dayOf(clock.now(), timeZone);
  const refresh = (): Promise<void> => queue(run);
  const refreshIfChanged = (): Promise<void> => queue(async () => (isSettled() ? undefined : run()));

  /** Every piece, pausing in between: an answer the window or the CLI waits for is not given up at stop. */
  async function inPieces<T>(pieces: Pieces<T>): Promise<T> {
    for (;;) {
      const step = pieces.next();
      if (step.done) return step.value;
      await pause();
    }
  }

  /** Brings the figures up to date, then computes the answer from the facts of the last `days` days, in pieces. */
  function answer<T>(days: number, compute: (frame: FigureFrame, pages: Iterable<TicketStatFigures[]>) => Pieces<T>): Promise<T> {
    return queue(async () => {
      if (!isSettled()) await run();
      const { frame, pages } = input(days);
      return inPieces(compute(frame, pages));
    });
  }

  function input(days: number): { frame: FigureFrame; pages: Iterable<TicketStatFigures[]> } {
    const now = clock.now();
    const from = periodStart(now, Math.min(days, retentionDays), timeZone);
    const to = dayOf(now, timeZone);
    const fromIso = new Date(dayStartMs(from, timeZone)).toISOString();
    const toIso = new Date(dayStartMs(nextDay(to), timeZone)).toISOString();
    const stations = options.stations().filter((s) => s.routes !== undefined).map((s) => ({ id: s.id, name: s.name }));
    return {
      frame: { holds: holdsOverlapping(db, fromIso, toIso), backups: backupPrintsBetween(db, fromIso, toIso), stations, from, to, nowMs: now, timeZone, retentionDays },
      pages: ticketStatPages(db, from, to),
    };
  }

  const csv = (days: number): Promise<string> => answer(days, csvInPieces);

  return {
    refresh,
    figures: (days: number): Promise<DayInNumbers> => answer(days, dayInNumbersInPieces),
    csv,
    /** Writes the CSV under <dataDir>/exports and returns its path. */
    async exportCsv(dataDir: string, days: number): Promise<{ path: string; bytes: number }> {
      const text = await csv(days);
      const dir = join(dataDir, STATS_EXPORT_DIR);
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `kitchen-day-in-numbers-${stamp(clock.now())}.csv`);
      writeFileSync(path, text, { mode: 0o600 });
      return { path, bytes: Buffer.byteLength(text) };
    },
    start(intervalMs = DAY_STATS_INTERVAL_MS, onError: (err: unknown) => void = () => {}): void {
      const tick = (): void => {
        refreshIfChanged().catch(onError);
      };
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    /** Stops the timer; resolves once a run under way has ended at its next pause (an answer under way is finished first), so the database can close. */
    stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      stopped = true;
      return last.then(() => undefined);
    },
  };
}
