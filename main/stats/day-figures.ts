import type { DayFigures, DayInNumbers, TicketFigures } from '../../common/day-numbers.js';
import { dayOf, dayStartMs, daysBetween, nextDay } from './calendar.js';

// The day in numbers from the stored facts: ticket times (p50/p90 by nearest rank: the value below
// which that share of tickets finished, always a real ticket's time), late tickets, missed
// acceptances, printer hold minutes and backups used, per day, station and provider. Pure.
// 90 days of a busy kitchen are some 100,000 facts: the figures are computed in pieces (a page of
// facts, a day, a station), each a generator step, so that the core can hand its thread back between
// two (day-stats-service.ts); `dayInNumbers` and `csvRows` run every piece at once.

/** One stored ticket fact (main/store/day-stats.ts). `station` '' is the whole order. */
export type FactRow = {
  day: string;
  station: string;
  provider: string;
  ticketSeconds: number | null;
  late: boolean;
  dueAt: string | null;
  cancelled: boolean;
  missedAcceptance: boolean;
};
export type HoldRow = { printerId: string; startedAt: string; endedAt: string | null };
export type BackupRow = { printerId: string; at: string };

/** Everything the figures need but the facts, which come in pages. */
export type FigureFrame = {
  holds: readonly HoldRow[];
  backups: readonly BackupRow[];
  /** The stations (printers with routes), in the window's order. */
  stations: ReadonlyArray<{ id: string; name: string }>;
  from: string;
  to: string;
  nowMs: number;
  timeZone?: string | undefined;
  retentionDays: number;
};
export type FigureInput = FigureFrame & { facts: readonly FactRow[] };

/** A computation in pieces: each `next()` is one bounded piece of work, the result comes with `done`. */
export type Pieces<T> = Generator<void, T, void>;

/** Runs every piece at once. */
export function atOnce<T>(pieces: Pieces<T>): T {
  for (;;) {
    const step = pieces.next();
    if (step.done) return step.value;
  }
}

/** Nearest-rank percentile of sorted values; null without any. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** What one group of tickets adds up to, filled in one pass over the facts. */
type Tally = { orders: number; times: number[]; late: number; withDue: number; missed: number };
const newTally = (): Tally => ({ orders: 0, times: [], late: 0, withDue: 0, missed: 0 });

function add(t: Tally, f: FactRow): void {
  if (f.missedAcceptance) t.missed += 1;
  if (f.cancelled) return;
  t.orders += 1;
  if (f.ticketSeconds === null) return;
  t.times.push(f.ticketSeconds);
  if (f.dueAt !== null) {
    t.withDue += 1;
    if (f.late) t.late += 1;
  }
}

function figuresOf(t: Tally | undefined): TicketFigures {
  // A typed array sorts numerically in native code: 90 days of a station's times in a few ms.
  const times = Float64Array.from(t?.times ?? []).sort();
  return { orders: t?.orders ?? 0, finished: times.length, p50Seconds: percentile(times, 50), p90Seconds: percentile(times, 90), late: t?.late ?? 0, withDue: t?.withDue ?? 0 };
}

/** Cancelled orders are not tickets the kitchen finished: out of every figure but missed acceptances. */
export function ticketFigures(facts: readonly FactRow[]): TicketFigures {
  const t = newTally();
  for (const f of facts) add(t, f);
  return figuresOf(t);
}

/** Adds `f` to the tally under `key`, creating it. */
function tallyInto(map: Map<string, Tally>, key: string, f: FactRow): void {
  let t = map.get(key);
  if (!t) map.set(key, (t = newTally()));
  add(t, f);
}

/** Minutes each printer was held on each day (a hold across midnight counts on both days), by `${printer}|${day}`. */
export function holdMinutesByPrinterDay(holds: readonly HoldRow[], from: string, to: string, nowMs: number, timeZone?: string): Map<string, number> {
  const minutes = new Map<string, number>();
  // A day ends where the next one starts: one Intl look-up per day, not two.
  const starts = [...daysBetween(from, to), nextDay(to)].map((day) => ({ day, start: dayStartMs(day, timeZone) }));
  const days = starts.slice(0, -1).map(({ day, start }, i) => ({ day, start, end: starts[i + 1]!.start }));
  for (const hold of holds) {
    const start = Date.parse(hold.startedAt);
    const end = hold.endedAt === null ? nowMs : Date.parse(hold.endedAt);
    for (const d of days) {
      const overlap = Math.min(end, d.end) - Math.max(start, d.start);
      if (overlap <= 0) continue;
      const key = `${hold.printerId}|${d.day}`;
      minutes.set(key, (minutes.get(key) ?? 0) + overlap / 60_000);
    }
  }
  return minutes;
}

const roundMinutes = (m: number): number => Math.round(m * 10) / 10;

/**
 * Hold minutes and backups by `${printer}|${day}`, and their sums per day and per printer. Each sum adds
 * its entries in the order of the map, from 0, as a filter over the whole map did before: the same
 * float additions, so the same rounded minutes.
 */
type Grid = {
  holds: Sums;
  backups: Sums;
};
type Sums = { byDay: Map<string, number>; byPrinter: Map<string, number>; byKey: Map<string, number> };

function sums(map: Map<string, number>): Sums {
  const byDay = new Map<string, number>();
  const byPrinter = new Map<string, number>();
  const byKey = new Map<string, number>();
  for (const [key, value] of map) {
    const [printer, day] = key.split('|') as [string, string];
    byDay.set(day, (byDay.get(day) ?? 0) + value);
    byPrinter.set(printer, (byPrinter.get(printer) ?? 0) + value);
    const cell = `${printer}|${day}`;
    byKey.set(cell, (byKey.get(cell) ?? 0) + value);
  }
  return { byDay, byPrinter, byKey };
}

function grid(frame: FigureFrame): Grid {
  const backups = new Map<string, number>();
  for (const b of frame.backups) {
    const key = `${b.printerId}|${dayOf(Date.parse(b.at), frame.timeZone)}`;
    backups.set(key, (backups.get(key) ?? 0) + 1);
  }
  return { holds: sums(holdMinutesByPrinterDay(frame.holds, frame.from, frame.to, frame.nowMs, frame.timeZone)), backups: sums(backups) };
}

/** The window's figures: a piece per page of facts, per day, per station and per provider. */
export function* dayInNumbersInPieces(frame: FigureFrame, pages: Iterable<readonly FactRow[]>): Pieces<DayInNumbers> {
  const total = newTally();
  const byDay = new Map<string, Tally>();
  const byStation = new Map<string, Tally>();
  const byProvider = new Map<string, Tally>();
  for (const page of pages) {
    for (const f of page) {
      if (f.day < frame.from || f.day > frame.to) continue;
      if (f.station !== '') {
        tallyInto(byStation, f.station, f);
        continue;
      }
      add(total, f);
      tallyInto(byDay, f.day, f);
      tallyInto(byProvider, f.provider, f);
    }
    yield;
  }
  // Its own piece: a day's start in the time zone takes two Intl look-ups, and a period has 90 days.
  const { holds, backups } = grid(frame);
  yield;
  const days: DayFigures[] = [];
  for (const day of daysBetween(frame.from, frame.to)) {
    days.push({
      day,
      ...figuresOf(byDay.get(day)),
      missedAcceptances: byDay.get(day)?.missed ?? 0,
      printerHoldMinutes: roundMinutes(holds.byDay.get(day) ?? 0),
      backupsUsed: backups.byDay.get(day) ?? 0,
    });
    yield;
  }
  const stations: DayInNumbers['stations'] = [];
  for (const s of frame.stations) {
    stations.push({
      id: s.id,
      name: s.name,
      ...figuresOf(byStation.get(s.id)),
      printerHoldMinutes: roundMinutes(holds.byPrinter.get(s.id) ?? 0),
      backupsUsed: backups.byPrinter.get(s.id) ?? 0,
    });
    yield;
  }
  const providers: DayInNumbers['providers'] = [];
  for (const provider of [...byProvider.keys()].sort()) {
    providers.push({ provider, ...figuresOf(byProvider.get(provider)), missedAcceptances: byProvider.get(provider)!.missed });
    yield;
  }
  return { from: frame.from, to: frame.to, total: figuresOf(total), days, stations, providers, retentionDays: frame.retentionDays };
}

export const dayInNumbers = (input: FigureInput): DayInNumbers => atOnce(dayInNumbersInPieces(input, [input.facts]));

export const CSV_COLUMNS = [
  'day',
  'station',
  'provider',
  'orders',
  'finished',
  'ticket_p50_seconds',
  'ticket_p90_seconds',
  'late',
  'finished_with_due_time',
  'missed_acceptances',
  'printer_hold_minutes',
  'backups_used',
] as const;
export type CsvRow = Record<(typeof CSV_COLUMNS)[number], string | number>;

/** The label for "every station" / "every provider" in the CSV. */
export const ALL = 'all';

/**
 * One row per day for every station × provider combination that had tickets, plus the totals
 * (station or provider `all`). Hold minutes and backups belong to a station's printer: they are on
 * its rows with provider `all` (and summed on the day's all/all row); missed acceptances belong to
 * orders, so they are on station `all` rows.
 */
export function* csvRowsInPieces(frame: FigureFrame, pages: Iterable<readonly FactRow[]>, onDay: (rows: CsvRow[]) => void): Pieces<void> {
  // Every fact into its day's four groups (all/all, station/all, all/provider, station/provider).
  const groups = new Map<string, Tally>();
  const providersOfDay = new Map<string, Set<string>>();
  for (const page of pages) {
    for (const f of page) {
      if (f.day < frame.from || f.day > frame.to) continue;
      const station = f.station === '' ? ALL : f.station;
      tallyInto(groups, `${f.day}|${station}|${ALL}`, f);
      tallyInto(groups, `${f.day}|${station}|${f.provider}`, f);
      if (f.station === '') {
        const seen = providersOfDay.get(f.day) ?? new Set<string>();
        providersOfDay.set(f.day, seen.add(f.provider));
      }
    }
    yield;
  }
  // Its own piece: a day's start in the time zone takes two Intl look-ups, and a period has 90 days.
  const { holds, backups } = grid(frame);
  yield;
  const printers = new Set(frame.stations.map((s) => s.id));
  for (const day of daysBetween(frame.from, frame.to)) {
    const rows: CsvRow[] = [];
    const providers = [...(providersOfDay.get(day) ?? [])].sort();
    for (const station of [ALL, ...frame.stations.map((s) => s.id)]) {
      for (const provider of [ALL, ...providers]) {
        const tally = groups.get(`${day}|${station}|${provider}`);
        const isTotal = provider === ALL;
        if (!tally && !(isTotal && (station === ALL || printers.has(station)))) continue;
        const t = figuresOf(tally);
        const of = (s: Sums): number => (station === ALL ? s.byDay.get(day) : s.byKey.get(`${station}|${day}`)) ?? 0;
        rows.push({
          day,
          station,
          provider,
          orders: t.orders,
          finished: t.finished,
          ticket_p50_seconds: t.p50Seconds ?? '',
          ticket_p90_seconds: t.p90Seconds ?? '',
          late: t.late,
          finished_with_due_time: t.withDue,
          missed_acceptances: station === ALL ? (tally?.missed ?? 0) : '',
          printer_hold_minutes: isTotal ? roundMinutes(of(holds)) : '',
          backups_used: isTotal ? of(backups) : '',
        });
      }
    }
    onDay(rows);
    yield;
  }
}

/**
 * One row per day for every station × provider combination that had tickets, plus the totals
 * (station or provider `all`). Hold minutes and backups belong to a station's printer: they are on
 * its rows with provider `all` (and summed on the day's all/all row); missed acceptances belong to
 * orders, so they are on station `all` rows.
 */
export function csvRows(input: FigureInput): CsvRow[] {
  const rows: CsvRow[] = [];
  atOnce(csvRowsInPieces(input, [input.facts], (day) => rows.push(...day)));
  return rows;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; lines end CRLF. */
const csvLines = (rows: readonly CsvRow[]): string => {
  const field = (value: string | number): string => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return rows.map((r) => `${CSV_COLUMNS.map((c) => field(r[c])).join(',')}\r\n`).join('');
};
const CSV_HEADER = `${CSV_COLUMNS.join(',')}\r\n`;

export const toCsv = (rows: readonly CsvRow[]): string => CSV_HEADER + csvLines(rows);

/** The CSV file's text, a day's lines at a time. */
export function* csvInPieces(frame: FigureFrame, pages: Iterable<readonly FactRow[]>): Pieces<string> {
  const parts = [CSV_HEADER];
  yield* csvRowsInPieces(frame, pages, (rows) => parts.push(csvLines(rows)));
  return parts.join('');
}
