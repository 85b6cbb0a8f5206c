import type { Clock } from '../../ground/clock.js';
import { providerLabel } from '../klikit/enums.js';
import { stationsWithLines } from '../actions/station-lines.js';
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
    stations: stationsWithLines(JSON.parse(row.body) as unknown, stations),
  };
}

/**
 * Records the figures of every order that may still change, and of up to CATCH_UP_BATCH older ones in
 * the retention period not recorded yet. Says whether older ones are left for the next run.
 */
export function rollupDayStats(options: RollupOptions): { behind: boolean } {
  const { db, clock } = options;
  const now = clock.now();
  const recent = new Date(now - ROLLUP_LOOKBACK_MS).toISOString();
  // The first kept day's start: an older order would only be pruned again.
  const kept = new Date(dayStartMs(periodStart(now, options.retentionDays, options.timeZone), options.timeZone)).toISOString();
  // Catching up (after the upgrade that brought these figures) a batch at a time: a branch's months
  // of orders must not hold the bridge up at start.
  const older = statement(
    db,
    `SELECT id, packed_body, first_seen_at FROM orders WHERE first_seen_at < ? AND first_seen_at >= ?
       AND NOT EXISTS (SELECT 1 FROM ticket_stats WHERE order_id = orders.id) ORDER BY first_seen_at DESC LIMIT ?`,
  ).all(recent, kept, CATCH_UP_BATCH) as StoredOrderRow[];
  const rows = [...(statement(db, 'SELECT id, packed_body, first_seen_at FROM orders WHERE first_seen_at >= ?').all(recent) as StoredOrderRow[]), ...older].map(
    ({ packed_body: packed, ...row }): OrderRow => ({ ...row, body: unpackOrderBody(packed) }),
  );
  const stations = options.stations();
  db.transaction(() => {
    for (const row of rows) {
      const facts = ticketFacts(historyOf(db, row, stations));
      // The kitchen's day: when its ticket printed (a scheduled order is cooked on its day), else when it came.
      const day = dayOf(Date.parse(facts[0]!.printedAt ?? row.first_seen_at), options.timeZone);
      for (const f of facts) upsertTicketStat(db, { ...f, day });
      dropTicketStatsExcept(db, row.id, facts.map((f) => f.station));
    }
  })();
  return { behind: older.length === CATCH_UP_BATCH };
}

