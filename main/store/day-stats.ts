import type { Db } from './connection.js';
import { statement } from './statements.js';

// The tables of the day in numbers (migration "the day in numbers"): ticket_stats (one row per order
// and station, rewritten while the order can still change), printer_holds and backup_prints.

export type TicketStatRow = {
  orderId: number;
  station: string;
  day: string;
  provider: string;
  receivedAt: string;
  printedAt: string | null;
  acceptedAt: string | null;
  doneAt: string | null;
  readyAt: string | null;
  pickedUpAt: string | null;
  dueAt: string | null;
  ticketSeconds: number | null;
  late: boolean;
  cancelled: boolean;
  missedAcceptance: boolean;
};

/** Returns 1 when the row was written, 0 when it was already the same. */
export function upsertTicketStat(db: Db, r: TicketStatRow): number {
  return statement(
    db,
    `INSERT INTO ticket_stats (order_id, station, day, provider, received_at, printed_at, accepted_at, done_at, ready_at, picked_up_at, due_at, ticket_seconds, late, cancelled, missed_acceptance)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (order_id, station) DO UPDATE SET day = excluded.day, provider = excluded.provider, received_at = excluded.received_at,
       printed_at = excluded.printed_at, accepted_at = excluded.accepted_at, done_at = excluded.done_at, ready_at = excluded.ready_at,
       picked_up_at = excluded.picked_up_at, due_at = excluded.due_at, ticket_seconds = excluded.ticket_seconds, late = excluded.late,
       cancelled = excluded.cancelled, missed_acceptance = excluded.missed_acceptance
     -- Unchanged rows are not written: the window's change counter (ordersFingerprint) must not move
     -- every time the figures are brought up to date, or every open window would refresh for nothing.
     WHERE (ticket_stats.day, ticket_stats.provider, ticket_stats.received_at, ticket_stats.printed_at, ticket_stats.accepted_at,
            ticket_stats.done_at, ticket_stats.ready_at, ticket_stats.picked_up_at, ticket_stats.due_at, ticket_stats.ticket_seconds,
            ticket_stats.late, ticket_stats.cancelled, ticket_stats.missed_acceptance)
       IS NOT (excluded.day, excluded.provider, excluded.received_at, excluded.printed_at, excluded.accepted_at, excluded.done_at,
            excluded.ready_at, excluded.picked_up_at, excluded.due_at, excluded.ticket_seconds, excluded.late, excluded.cancelled,
            excluded.missed_acceptance)`,
  ).run(r.orderId, r.station, r.day, r.provider, r.receivedAt, r.printedAt, r.acceptedAt, r.doneAt, r.readyAt, r.pickedUpAt, r.dueAt, r.ticketSeconds, r.late ? 1 : 0, r.cancelled ? 1 : 0, r.missedAcceptance ? 1 : 0).changes;
}

/** A station that no longer cooks part of the order (an edit removed its lines) loses its row. */
export function dropTicketStatsExcept(db: Db, orderId: number, stations: readonly string[]): number {
  return statement(db, 'DELETE FROM ticket_stats WHERE order_id = ? AND station NOT IN (SELECT value FROM json_each(?))').run(orderId, JSON.stringify(stations)).changes;
}

/** What the figures read of each stored ticket: only the columns they count, for speed over 90 days. */
export type TicketStatFigures = Pick<TicketStatRow, 'day' | 'station' | 'provider' | 'ticketSeconds' | 'late' | 'dueAt' | 'cancelled' | 'missedAcceptance'>;

type FactTuple = [string, string, string, number | null, number, string | null, number, number, number];

const factOf = ([day, station, provider, ticketSeconds, late, dueAt, cancelled, missed]: FactTuple): TicketStatFigures => ({
  day,
  station,
  provider,
  ticketSeconds,
  late: late === 1,
  dueAt,
  cancelled: cancelled === 1,
  missedAcceptance: missed === 1,
});

const FACT_COLUMNS = 'day, station, provider, ticket_seconds, late, due_at, cancelled, missed_acceptance, order_id';

/** The period's facts in one read (the bench's and the tests' reference; the service reads pages). */
export function ticketStatsBetween(db: Db, fromDay: string, toDay: string): TicketStatFigures[] {
  const rows = statement(db, `SELECT ${FACT_COLUMNS} FROM ticket_stats WHERE day >= ? AND day <= ?`).raw(true).all(fromDay, toDay) as FactTuple[];
  return rows.map(factOf);
}

/** Rows of facts read per page: 2 to 4 ms, read and counted, on a busy two-core till. */
export const FACT_PAGE_ROWS = 500;

/**
 * The same facts as ticketStatsBetween, a page at a time in the order of the day index (day, order_id,
 * station), each page read only when the previous one has been taken.
 */
export function* ticketStatPages(db: Db, fromDay: string, toDay: string, pageRows = FACT_PAGE_ROWS): Generator<TicketStatFigures[], void, void> {
  const first = statement(db, `SELECT ${FACT_COLUMNS} FROM ticket_stats WHERE day >= ? AND day <= ? ORDER BY day, order_id, station LIMIT ?`).raw(true);
  const after = statement(
    db,
    `SELECT ${FACT_COLUMNS} FROM ticket_stats WHERE (day, order_id, station) > (?, ?, ?) AND day <= ? ORDER BY day, order_id, station LIMIT ?`,
  ).raw(true);
  let rows = first.all(fromDay, toDay, pageRows) as FactTuple[];
  for (;;) {
    yield rows.map(factOf);
    if (rows.length < pageRows) return;
    const [day, station, , , , , , , orderId] = rows[rows.length - 1]!;
    rows = after.all(day, orderId, station, toDay, pageRows) as FactTuple[];
  }
}

/** A printer's queue is held from now: one open hold per printer (a second start is ignored). */
export function startHold(db: Db, printerId: string, reason: string, at: string): void {
  statement(db, `INSERT INTO printer_holds (printer_id, reason, started_at) VALUES (?, ?, ?) ON CONFLICT (printer_id) WHERE ended_at IS NULL DO NOTHING`).run(printerId, reason, at);
}

/** Ends the printer's open hold (every printer's with `printerId` null: the bridge stops or restarts). */
export function endHold(db: Db, printerId: string | null, at: string): void {
  statement(db, 'UPDATE printer_holds SET ended_at = max(started_at, ?) WHERE ended_at IS NULL AND (? IS NULL OR printer_id = ?)').run(at, printerId, printerId);
}

export function holdsOverlapping(db: Db, fromIso: string, toIso: string): Array<{ printerId: string; startedAt: string; endedAt: string | null }> {
  return statement(
    db,
    'SELECT printer_id AS printerId, started_at AS startedAt, ended_at AS endedAt FROM printer_holds WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?) ORDER BY id',
  ).all(toIso, fromIso) as Array<{ printerId: string; startedAt: string; endedAt: string | null }>;
}

/** A job of `printerId` printed on its backup: counted once per job however often it is reported. */
export function recordBackupPrint(db: Db, jobId: number, printerId: string, backupPrinterId: string, at: string): void {
  statement(db, 'INSERT INTO backup_prints (job_id, printer_id, backup_printer_id, at) VALUES (?, ?, ?, ?) ON CONFLICT (job_id) DO NOTHING').run(jobId, printerId, backupPrinterId, at);
}

export function backupPrintsBetween(db: Db, fromIso: string, toIso: string): Array<{ printerId: string; at: string }> {
  return statement(db, 'SELECT printer_id AS printerId, at FROM backup_prints WHERE at >= ? AND at < ? ORDER BY at').all(fromIso, toIso) as Array<{ printerId: string; at: string }>;
}

/** Drops the figures of days before `beforeDay` and holds and backup prints that ended before `beforeIso`. */
export function pruneDayStats(db: Db, beforeDay: string, beforeIso: string): { tickets: number; holds: number; backups: number } {
  return db.transaction(() => ({
    tickets: statement(db, 'DELETE FROM ticket_stats WHERE day < ?').run(beforeDay).changes,
    holds: statement(db, 'DELETE FROM printer_holds WHERE ended_at IS NOT NULL AND ended_at < ?').run(beforeIso).changes,
    backups: statement(db, 'DELETE FROM backup_prints WHERE at < ?').run(beforeIso).changes,
  }))();
}
