import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stationsWithLines } from '../../../main/actions/station-lines.js';
import { dayOf } from '../../../main/stats/calendar.js';
import { CATCH_UP_BATCH, CATCH_UP_SCAN_MS, historyOf, ROLLUP_LOOKBACK_MS, ROLLUP_SLICE_ORDERS, rollupTargets } from '../../../main/stats/rollup.js';
import { ticketFacts } from '../../../main/stats/ticket-facts.js';
import type { Db } from '../../../main/store/connection.js';
import { unpackOrderBody } from '../../../main/store/order-body.js';
import { waitFor } from '../../helpers/wait.js';
import { openTempDb } from '../../unit/store/temp-db.js';
import { seedOrder } from '../../unit/window-api/fakes.js';
import { iso, NOW, ORDERS, seededService, seedService, STATIONS, TIME_ZONE } from './seeded-orders.js';

// The rollup records its orders a slice at a time, handing the core's thread back between slices. The
// rows it writes must be exactly the ones computed for every order at once, and a change made while it
// waits between slices must not be lost.

/** Every order computed at once, the way the rollup did before it was sliced (all are in the retention period), its stations from the raw body. */
function computedAtOnce(db: Db): unknown[] {
  const ids = db.prepare('SELECT id FROM orders').pluck().all() as number[];
  const rows = ids.flatMap((id) => {
    const stored = db.prepare('SELECT id, packed_body, first_seen_at FROM orders WHERE id = ?').get(id) as { id: number; packed_body: Uint8Array; first_seen_at: string };
    const body = unpackOrderBody(stored.packed_body);
    const history = historyOf(db, { id, body, first_seen_at: stored.first_seen_at }, STATIONS);
    const facts = ticketFacts({ ...history, stations: stationsWithLines(JSON.parse(body) as unknown, STATIONS) });
    const day = dayOf(Date.parse(facts[0]!.printedAt ?? stored.first_seen_at), TIME_ZONE);
    return facts.map((f) => ({ ...f, day }));
  });
  return rows
    .map((r) => ({
      order_id: r.orderId,
      station: r.station,
      day: r.day,
      provider: r.provider,
      received_at: r.receivedAt,
      printed_at: r.printedAt,
      accepted_at: r.acceptedAt,
      done_at: r.doneAt,
      ready_at: r.readyAt,
      picked_up_at: r.pickedUpAt,
      due_at: r.dueAt,
      ticket_seconds: r.ticketSeconds,
      late: r.late ? 1 : 0,
      cancelled: r.cancelled ? 1 : 0,
      missed_acceptance: r.missedAcceptance ? 1 : 0,
    }))
    .sort((a, b) => a.order_id - b.order_id || a.station.localeCompare(b.station));
}

const storedRows = (db: Db): unknown[] => db.prepare('SELECT * FROM ticket_stats ORDER BY order_id, station').all();
const recordedOrders = (db: Db): number => (db.prepare('SELECT count(DISTINCT order_id) AS n FROM ticket_stats').get() as { n: number }).n;

describe('the rollup in slices', () => {
  let temp: ReturnType<typeof openTempDb>;
  beforeEach(() => {
    temp = openTempDb();
  });
  afterEach(() => temp.dispose());

  it('records exactly the rows computed for every order at once', async () => {
    seedService(temp.db);
    const expected = computedAtOnce(temp.db);
    expect(expected.length).toBeGreaterThan(ORDERS);
    const { stats, pauses } = seededService(temp.db);
    await stats.refresh();
    expect(pauses()).toBeGreaterThan(0);
    expect(storedRows(temp.db)).toEqual(expected);
    // The seed covers what the figures count: finished, late, cancelled, missed, per station. Nothing
    // changed since the run: the window's ask does not start another (it pauses only between the
    // pieces of its answer, as many times as a second ask does).
    const ran = pauses();
    const figures = await stats.figures(7);
    const asked = pauses() - ran;
    await stats.figures(7);
    expect(pauses() - ran - asked).toBe(asked);
    expect(figures.total.finished).toBeGreaterThan(0);
    expect(figures.total.late).toBeGreaterThan(0);
    expect(figures.days.some((d) => d.missedAcceptances > 0)).toBe(true);
    expect(figures.stations.map((s) => s.id)).toEqual(['wok', 'grill', 'bar']);
  });

  it('records at most a slice of orders between two pauses', async () => {
    seedService(temp.db);
    const targets = (await rollupTargets({ db: temp.db, retentionDays: 90, timeZone: TIME_ZONE }, NOW)).ids.length;
    const recordedAtPause: number[] = [];
    const { stats, pauses } = seededService(temp.db, { onPause: () => recordedAtPause.push(recordedOrders(temp.db)) });
    await stats.refresh();
    const steps = [...recordedAtPause, recordedOrders(temp.db)].map((n, i, all) => n - (all[i - 1] ?? 0));
    expect(Math.max(...steps)).toBeLessThanOrEqual(ROLLUP_SLICE_ORDERS);
    expect(pauses()).toBe(Math.ceil(targets / ROLLUP_SLICE_ORDERS) - 1);
    expect(recordedOrders(temp.db)).toBe(targets);
  });

  it('counts a change made during a pause to an order already recorded at the next ask', async () => {
    seedService(temp.db);
    // An order that may still change, not done: Ready comes while the rollup waits between slices.
    const open = (): { order_id: number } | undefined =>
      temp.db
        .prepare(`SELECT order_id FROM ticket_stats WHERE station = '' AND done_at IS NULL AND cancelled = 0 AND received_at >= ? ORDER BY order_id LIMIT 1`)
        .get(iso(NOW - ROLLUP_LOOKBACK_MS)) as { order_id: number } | undefined;
    let readied: number | undefined;
    const { stats } = seededService(temp.db, { onPause: () => {
      const order = readied === undefined ? open() : undefined;
      if (!order) return;
      readied = order.order_id;
      temp.db.prepare(`INSERT INTO order_changes (order_id, event_id, event_type, status, updated_at, applied, at) VALUES (?, 'late-ready', 'e', 4, ?, 1, ?)`).run(readied, iso(NOW), iso(NOW));
    } });
    await stats.refresh();
    expect(readied).toBeDefined();
    await stats.figures(1);
    expect(temp.db.prepare(`SELECT done_at FROM ticket_stats WHERE order_id = ? AND station = ''`).get(readied)).toEqual({ done_at: iso(NOW) });
    expect(storedRows(temp.db)).toEqual(computedAtOnce(temp.db));
  });

  it('still records an order that aged out of the lookback unrecorded between two runs', async () => {
    seedService(temp.db);
    const now = { value: NOW };
    const { stats } = seededService(temp.db, { clock: { now: () => now.value } });
    await stats.refresh();
    // Seen 47½ h ago but stored after that run (a late import): an hour on, it is past the lookback.
    seedOrder(temp.db, 9_001, iso(NOW - 47.5 * 3_600_000));
    now.value = NOW + 3_600_000;
    await stats.figures(1);
    expect(temp.db.prepare('SELECT station FROM ticket_stats WHERE order_id = 9001').all()).toContainEqual({ station: '' });
  });

  it('looks for unrecorded older orders only since the last finished run', async () => {
    seedOrder(temp.db, 1, iso(NOW - 50 * 3_600_000));
    seedOrder(temp.db, 2, iso(NOW - 70 * 3_600_000));
    const options = { db: temp.db, retentionDays: 90, timeZone: TIME_ZONE };
    expect((await rollupTargets(options, NOW)).ids).toEqual([1, 2]);
    expect((await rollupTargets(options, NOW, iso(NOW - 60 * 3_600_000))).ids).toEqual([1]);
  });

  it('looks through weeks of unrecorded orders a day at a time, newest first', async () => {
    // Three weeks of orders from before these figures existed, every 40 minutes, the last of them 2 days ago.
    const seen = Array.from({ length: 21 * 36 }, (_, i) => NOW - ROLLUP_LOOKBACK_MS - (i + 1) * 40 * 60_000);
    temp.db.transaction(() => seen.forEach((at, i) => seedOrder(temp.db, 10_000 + i, iso(at))))();
    let pauses = 0;
    const options = { db: temp.db, retentionDays: 90, timeZone: TIME_ZONE };
    const found = await rollupTargets(options, NOW, '', async () => {
      pauses += 1;
      return true;
    });
    expect(found.ids).toEqual(seen.map((_, i) => 10_000 + i));
    expect(found.behind).toBe(false);
    // From two days ago back to the oldest, 21 days: 21 looks, 20 pauses between them.
    expect(pauses).toBe(Math.ceil((seen.length * 40 * 60_000) / CATCH_UP_SCAN_MS) - 1);
  });

  it('stops looking once a batch of unrecorded orders is found, the newest, and says more are left', async () => {
    const seen = Array.from({ length: CATCH_UP_BATCH + 100 }, (_, i) => NOW - ROLLUP_LOOKBACK_MS - (i + 1) * 20 * 60_000);
    temp.db.transaction(() => seen.forEach((at, i) => seedOrder(temp.db, 10_000 + i, iso(at))))();
    const found = await rollupTargets({ db: temp.db, retentionDays: 90, timeZone: TIME_ZONE }, NOW, '', async () => true);
    expect(found.ids).toEqual(seen.map((_, i) => 10_000 + i).slice(0, CATCH_UP_BATCH));
    expect(found.behind).toBe(true);
  });

  it('ends a run under way at its next pause when stopped', async () => {
    seedService(temp.db);
    let stop: Promise<void> | undefined;
    const { stats, pauses } = seededService(temp.db, { onPause: () => {
      stop ??= stats.stop();
    } });
    stats.start(60_000, (err) => {
      throw err;
    });
    await waitFor('the first pause', () => pauses() > 0);
    await stop;
    expect(pauses()).toBe(1);
    expect(recordedOrders(temp.db)).toBe(ROLLUP_SLICE_ORDERS);
  });
});
