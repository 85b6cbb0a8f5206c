import type { Clock } from '../../ground/clock.js';
import { providerLabel } from '../klikit/enums.js';
import { stationsOfOrder } from '../actions/station-lines.js';
import type { StationPrinter } from '../routing/routes.js';
import type { Db } from '../store/connection.js';
import { dropTicketStatsExcept, upsertTicketStat } from '../store/day-stats.js';
import { unpackOrderBody } from '../store/order-body.js';
import { statement } from '../store/statements.js';
import { dueAt, parseBody } from '../window-api/order-summary.js';
import { dayOf, dayStartMs, periodStart } from './calendar.js';
import { ticketFacts, type ActionFact, type OrderHistory } from './ticket-facts.js';

// Turns the stored history of recent orders into ticket_stats rows. An order's row is rewritten while
// the order can still change (LOOKBACK), so a Ready or a pickup that comes later counts; older rows
// stay as they are, also once the order itself is pruned.

/** How long after it arrives an order's figures may still change (a pickup the next morning). */
export const ROLLUP_LOOKBACK_MS = 48 * 3_600_000;

/** Older orders recorded per run when catching up. */
export const CATCH_UP_BATCH = 2000;

export type RollupOptions = {
  db: Db;
  clock: Clock;
  stations: () => readonly StationPrinter[];
  timeZone?: string | undefined;
  retentionDays: number;
};

type OrderRow = { id: number; body: string; first_seen_at: string };
type StoredOrderRow = { id: number; packed_body: Uint8Array; first_seen_at: string };

export function historyOf(db: Db, row: OrderRow, stations: readonly StationPrinter[]): OrderHistory {
  const order = parseBody(row.body);
  const changes = statement(db, 'SELECT status, at FROM order_changes WHERE order_id = ? AND applied = 1 ORDER BY id').all(row.id) as Array<{ status: number; at: string }>;
  const actions = statement(db, 'SELECT action, state, station, created_at AS createdAt FROM order_actions WHERE order_id = ? ORDER BY id').all(row.id) as ActionFact[];
  const prints = statement(
    db,
    `SELECT printer_id AS printerId, sent_at AS sentAt FROM print_jobs WHERE order_id = ? AND kind = 'new' AND sent_at IS NOT NULL ORDER BY id`,
  ).all(row.id) as Array<{ printerId: string; sentAt: string }>;
  return {
    orderId: row.id,
    receivedAt: row.first_seen_at,
    provider: providerLabel(order?.provider_id),
    dueAt: order ? dueAt(order) : null,
    changes,
    actions,
    prints,
    stations: order ? stationsOfOrder(order, stations) : [],
  };
}

/** Orders recorded between two yields to the core's other work: 2 to 4 ms on a busy two-core till. */
export const ROLLUP_SLICE_ORDERS = 12;

/** Hands the thread back between slices (the core ingests, prints and answers the window meanwhile); false ends the run there (the bridge stops). */
export type Pause = () => Promise<boolean>;
export const nextTurn: Pause = () => new Promise((resolve) => setImmediate(() => resolve(true)));

/** How much of the order history one look for unrecorded older orders covers: a day is well under a ms. */
export const CATCH_UP_SCAN_MS = 86_400_000;

const latest = (a: string, b: string): string => (a > b ? a : b);

/**
 * The orders to record: every one that may still change, and up to CATCH_UP_BATCH older ones in the
 * retention period not recorded yet, newest first. Ids only, the cheap part; their histories are read
 * slice by slice. The older ones are looked for a day of history at a time, pausing in between.
 * `caughtUpBefore`: a finished run left no order seen before it unrecorded (its `recent`), so only the
 * ones that aged out of the lookback since are looked at, not months of orders each time.
 */
export async function rollupTargets(
  options: Pick<RollupOptions, 'db' | 'retentionDays' | 'timeZone'>,
  now: number,
  caughtUpBefore = '',
  pause: Pause = nextTurn,
): Promise<{ ids: number[]; behind: boolean; recent: string; complete: boolean }> {
  const { db } = options;
  const recent = new Date(now - ROLLUP_LOOKBACK_MS).toISOString();
  const recentIds = statement(db, 'SELECT id FROM orders WHERE first_seen_at >= ?').pluck().all(recent) as number[];
  // The first kept day's start: an older order would only be pruned again. No stored order is older
  // than the oldest one: the look stops there.
  const firstKept = new Date(dayStartMs(periodStart(now, options.retentionDays, options.timeZone), options.timeZone)).toISOString();
  const oldest = (statement(db, 'SELECT min(first_seen_at) FROM orders WHERE first_seen_at >= ?').pluck().get(firstKept) as string | null) ?? recent;
  const kept = latest(latest(caughtUpBefore, firstKept), oldest);
  // Catching up (after the upgrade that brought these figures) a batch at a time: a branch's months
  // of orders must not hold the bridge up at start.
  const unrecorded = statement(
    db,
    `SELECT id FROM orders WHERE first_seen_at < ? AND first_seen_at >= ?
       AND NOT EXISTS (SELECT 1 FROM ticket_stats WHERE order_id = orders.id) ORDER BY first_seen_at DESC LIMIT ?`,
  ).pluck();
  const older: number[] = [];
  for (let to = recent; to > kept && older.length < CATCH_UP_BATCH; ) {
    if (to !== recent && !(await pause())) return { ids: [], behind: true, recent, complete: false };
    const from = latest(kept, new Date(Date.parse(to) - CATCH_UP_SCAN_MS).toISOString());
    older.push(...(unrecorded.all(to, from, CATCH_UP_BATCH - older.length) as number[]));
    to = from;
  }
  return { ids: [...recentIds, ...older], behind: older.length === CATCH_UP_BATCH, recent, complete: true };
}

/**
 * Writes the ticket_stats rows of these orders from their stored history, in one transaction (an order
 * gone since, pruned, is skipped). Returns the rows written, for the caller's change count.
 */
export function recordOrders(db: Db, ids: readonly number[], stations: readonly StationPrinter[], timeZone: string | undefined): number {
  return db.transaction(() => {
    const rows = statement(db, 'SELECT id, packed_body, first_seen_at FROM orders WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as StoredOrderRow[];
    let written = 0;
    for (const { packed_body: packed, ...stored } of rows) {
      const row: OrderRow = { ...stored, body: unpackOrderBody(packed) };
      const facts = ticketFacts(historyOf(db, row, stations));
      // The kitchen's day: when its ticket printed (a scheduled order is cooked on its day), else when it came.
      const day = dayOf(Date.parse(facts[0]!.printedAt ?? row.first_seen_at), timeZone);
      for (const f of facts) written += upsertTicketStat(db, { ...f, day });
      written += dropTicketStatsExcept(db, row.id, facts.map((f) => f.station));
    }
    return written;
  })();
}

export type RollupRun = {
  /** Older orders are left for the next run. */
  behind: boolean;
  /** Where the lookback began: once complete and not behind, every order seen before it is recorded. */
  recent: string;
  /** ticket_stats rows written or deleted. */
  written: number;
  /** Every target was recorded (false: the pause ended the run early). */
  complete: boolean;
};

/**
 * Records the figures of the rollup's targets ROLLUP_SLICE_ORDERS at a time, pausing between slices
 * (and between the days of history it looks through) so that no piece holds the core's thread for long.
 */
export async function rollupDayStats(options: RollupOptions, pause: Pause = nextTurn, caughtUpBefore = ''): Promise<RollupRun> {
  const { ids, behind, recent, complete } = await rollupTargets(options, options.clock.now(), caughtUpBefore, pause);
  if (!complete) return { behind, recent, written: 0, complete };
  const stations = options.stations();
  let written = 0;
  for (let i = 0; i < ids.length; i += ROLLUP_SLICE_ORDERS) {
    if (i > 0 && !(await pause())) return { behind, recent, written, complete: false };
    written += recordOrders(options.db, ids.slice(i, i + ROLLUP_SLICE_ORDERS), stations, options.timeZone);
  }
  return { behind, recent, written, complete: true };
}
