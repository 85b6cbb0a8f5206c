// The day in numbers as it was computed before it was answered in pieces: every fact in one block, kept
// verbatim (imports aside) as the oracle the pieces must match byte for byte.
import type { DayFigures, DayInNumbers, TicketFigures } from '../../../common/day-numbers.js';
import { dayOf, dayStartMs, daysBetween, nextDay } from '../../../main/stats/calendar.js';

// The day in numbers from the stored facts: ticket times (p50/p90 by nearest rank: the value below
// which that share of tickets finished, always a real ticket's time), late tickets, missed
// acceptances, printer hold minutes and backups used, per day, station and provider. Pure.

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

export type FigureInput = {
  facts: readonly FactRow[];
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

/** Nearest-rank percentile of sorted values; null without any. */
export function percentile(sorted: readonly number[], p: number): number | null {
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
  const times = (t?.times ?? []).sort((a, b) => a - b);
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
  const days = daysBetween(from, to).map((day) => ({ day, start: dayStartMs(day, timeZone), end: dayStartMs(nextDay(day), timeZone) }));
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

type Grid = {
  holds: Map<string, number>;
  backups: Map<string, number>;
};

function grid(input: FigureInput): Grid {
  const backups = new Map<string, number>();
  for (const b of input.backups) {
    const key = `${b.printerId}|${dayOf(Date.parse(b.at), input.timeZone)}`;
    backups.set(key, (backups.get(key) ?? 0) + 1);
  }
  return { holds: holdMinutesByPrinterDay(input.holds, input.from, input.to, input.nowMs, input.timeZone), backups };
}

const sumWhere = (map: Map<string, number>, match: (printer: string, day: string) => boolean): number => {
  let total = 0;
  for (const [key, value] of map) {
    const [printer, day] = key.split('|') as [string, string];
    if (match(printer, day)) total += value;
  }
  return total;
};

export function dayInNumbers(input: FigureInput): DayInNumbers {
  const { holds, backups } = grid(input);
  const total = newTally();
  const byDay = new Map<string, Tally>();
  const byStation = new Map<string, Tally>();
  const byProvider = new Map<string, Tally>();
  for (const f of input.facts) {
    if (f.day < input.from || f.day > input.to) continue;
    if (f.station !== '') {
      tallyInto(byStation, f.station, f);
      continue;
    }
    add(total, f);
    tallyInto(byDay, f.day, f);
    tallyInto(byProvider, f.provider, f);
  }
  const days: DayFigures[] = daysBetween(input.from, input.to).map((day) => ({
    day,
    ...figuresOf(byDay.get(day)),
    missedAcceptances: byDay.get(day)?.missed ?? 0,
    printerHoldMinutes: roundMinutes(sumWhere(holds, (_, d) => d === day)),
    backupsUsed: sumWhere(backups, (_, d) => d === day),
  }));
  const stations = input.stations.map((s) => ({
    id: s.id,
    name: s.name,
    ...figuresOf(byStation.get(s.id)),
    printerHoldMinutes: roundMinutes(sumWhere(holds, (p) => p === s.id)),
    backupsUsed: sumWhere(backups, (p) => p === s.id),
  }));
  const providers = [...byProvider.keys()].sort().map((provider) => ({ provider, ...figuresOf(byProvider.get(provider)), missedAcceptances: byProvider.get(provider)!.missed }));
  return { from: input.from, to: input.to, total: figuresOf(total), days, stations, providers, retentionDays: input.retentionDays };
}

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
export function csvRows(input: FigureInput): CsvRow[] {
  const { holds, backups } = grid(input);
  // One pass: every fact into its day's four groups (all/all, station/all, all/provider, station/provider).
  const groups = new Map<string, Tally>();
  const providersOfDay = new Map<string, Set<string>>();
  for (const f of input.facts) {
    if (f.day < input.from || f.day > input.to) continue;
    const station = f.station === '' ? ALL : f.station;
    tallyInto(groups, `${f.day}|${station}|${ALL}`, f);
    tallyInto(groups, `${f.day}|${station}|${f.provider}`, f);
    if (f.station === '') {
      const seen = providersOfDay.get(f.day) ?? new Set<string>();
      providersOfDay.set(f.day, seen.add(f.provider));
    }
  }
  const rows: CsvRow[] = [];
  const printers = new Set(input.stations.map((s) => s.id));
  for (const day of daysBetween(input.from, input.to)) {
    const providers = [...(providersOfDay.get(day) ?? [])].sort();
    for (const station of [ALL, ...input.stations.map((s) => s.id)]) {
      for (const provider of [ALL, ...providers]) {
        const tally = groups.get(`${day}|${station}|${provider}`);
        const isTotal = provider === ALL;
        if (!tally && !(isTotal && (station === ALL || printers.has(station)))) continue;
        const t = figuresOf(tally);
        const ofPrinter = (p: string): boolean => station === ALL || p === station;
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
          printer_hold_minutes: isTotal ? roundMinutes(sumWhere(holds, (p, d) => d === day && ofPrinter(p))) : '',
          backups_used: isTotal ? sumWhere(backups, (p, d) => d === day && ofPrinter(p)) : '',
        });
      }
    }
  }
  return rows;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; lines end CRLF. */
export function toCsv(rows: readonly CsvRow[]): string {
  const field = (value: string | number): string => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => field(r[c])).join(','))].map((line) => `${line}\r\n`).join('');
}
