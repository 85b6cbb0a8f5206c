import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { bridgeMethods } from '../../../common/bridge-api.js';
import { seededRandom } from '../../../dev/simulator/prng.js';
import { insertAction } from '../../../main/actions/action-store.js';
import { createActionOutbox } from '../../../main/actions/outbox.js';
import { stationsWithLines } from '../../../main/actions/station-lines.js';
import { createIngest } from '../../../main/ingest/ingest.js';
import { createDayStats } from '../../../main/stats/day-stats-service.js';
import { CSV_COLUMNS } from '../../../main/stats/day-figures.js';
import { createDayStatsRecorder } from '../../../main/stats/recorder.js';
import { jobsForOrder, markSending, markSent } from '../../../main/store/print-jobs.js';
import type { Db } from '../../../main/store/connection.js';
import { openTempDb } from '../../unit/store/temp-db.js';
import { createHarness, orderBody, seedOrder } from '../../unit/window-api/fakes.js';

// A scripted service on 24 June (UTC) with an injected clock, through the real ingest, outbox, print
// job rows and recorder: the day in numbers must match the figures worked out by hand below.

const STATIONS = [
  { id: 'wok', name: 'Wok', routes: { categories: ['Mains'] } },
  { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] } },
];
const GRAB = 6;
const GOJEK = 9;
const at = (hhmmss: string): number => Date.parse(`2026-06-24T${hhmmss.length === 5 ? `${hhmmss}:00` : hhmmss}.000Z`);
const mains = { name: 'Nasi Goreng', quantity: 1, comment: '', klikit_category_name: 'Mains', modifier_groups: [] };
const drinks = { name: 'Es Teh', quantity: 1, comment: '', klikit_category_name: 'Drinks', modifier_groups: [] };

function scriptedDay(db: Db, retentionDays = 90) {
  const h = createHarness({
    db,
    stations: () => STATIONS,
    withActions: (d, clock) =>
      createActionOutbox({
        db: d,
        clock,
        random: seededRandom(5),
        logger: pino({ level: 'silent' }),
        policy: { baseDelayMs: 1, minDelayMs: 1, maxDelayMs: 1 },
        options: { undoMs: 0, readyWhen: 'expo' },
        stationsOf: (body) => stationsWithLines(body, STATIONS),
        refresh: () => {},
      }),
  });
  const clock = { now: () => h.now.value };
  const ingest = createIngest({ db, clock, printerIds: () => STATIONS.map((s) => s.id), stations: () => STATIONS });
  const recorder = createDayStatsRecorder(db, clock);
  const stats = createDayStats({ db, clock, stations: () => STATIONS, timeZone: 'UTC', retentionDays });
  let n = 0;
  const order = (time: string, id: number, fields: Record<string, unknown>): void => {
    h.now.value = at(time);
    n += 1;
    const iso = new Date(h.now.value).toISOString();
    const body = orderBody(id, { updated_at: iso, ...fields });
    expect(ingest({ eventId: `e${n}`, source: 'manual', eventType: 'klikit.order.status.updated', receivedAt: iso, body: { brand_id: 1, branch_id: 2, orders: [body] } }).outcome).toBe('applied');
  };
  const placed = (time: string, id: number, provider: number, cart: unknown[]) =>
    order(time, id, { status: 1, provider_id: provider, created_at: new Date(at(time)).toISOString(), preparation_time: 15, cart_v2: cart });
  const printed = (time: string, id: number) => {
    h.now.value = at(time);
    for (const job of jobsForOrder(db, id)) {
      markSending(db, job.id, new Date(h.now.value).toISOString());
      markSent(db, job.id, new Date(h.now.value).toISOString());
    }
  };
  const bump = (time: string, id: number, station?: string) => {
    h.now.value = at(time);
    expect(h.api.orderAction({ orderId: id, action: 'ready', ...(station ? { station } : {}) })).toMatchObject({ ok: true });
  };
  const status = (time: string, id: number, provider: number, cart: unknown[], code: number, created: string) =>
    order(time, id, { status: code, provider_id: provider, created_at: new Date(at(created)).toISOString(), preparation_time: 15, cart_v2: cart });

  // 1 (GrabFood): printed 11:01, bar done 11:05, wok 11:12, Ready 11:15 = due: on time. Order 14 min, wok 11, bar 4.
  placed('11:00', 1, GRAB, [mains, drinks]);
  printed('11:01', 1);
  status('11:02', 1, GRAB, [mains, drinks], 2, '11:00');
  bump('11:05', 1, 'bar');
  bump('11:12', 1, 'wok');
  status('11:15', 1, GRAB, [mains, drinks], 4, '11:00');
  // The wok printer runs out of paper 11:20–11:27:30 (7.5 min); one of its jobs printed on the bar's.
  h.now.value = at('11:20');
  recorder.printerChanged({ printerId: 'wok', status: { state: 'paper-out' }, depth: 1 });
  h.now.value = at('11:25');
  recorder.backupUsed(99, 'wok', 'bar');
  recorder.backupUsed(99, 'wok', 'bar');
  h.now.value = at('11:27:30');
  recorder.printerChanged({ printerId: 'wok', status: { state: 'ready' }, depth: 0 });
  // 2 (GoFood): printed 11:31, wok done 11:50, Ready 11:52, due 11:45: late. Order 21 min, wok 19.
  placed('11:30', 2, GOJEK, [mains]);
  printed('11:31', 2);
  bump('11:50', 2, 'wok');
  bump('11:52', 2);
  // 3 (GrabFood): printed 12:00:30, no station bump, Ready 12:08: 7.5 min for the order and the wok.
  placed('12:00', 3, GRAB, [mains]);
  printed('12:00:30', 3);
  status('12:08', 3, GRAB, [mains], 4, '12:00');
  // 4 (GoFood): nobody accepts it; GoFood cancels it at 12:40: a missed acceptance.
  placed('12:30', 4, GOJEK, [mains]);
  status('12:40', 4, GOJEK, [mains], 3, '12:30');
  // 5 (GrabFood): rejected here: cancelled, but not missed.
  placed('13:00', 5, GRAB, [mains]);
  h.now.value = at('13:01');
  insertAction(db, { orderId: 5, action: 'rejected', reasonCode: 'item_unavailable', idempotencyKey: 'k5', at: new Date(h.now.value).toISOString(), state: 'pending' });
  status('13:02', 5, GRAB, [mains], 3, '13:00');
  // 6 (GoFood): still cooking at the end of the script.
  placed('13:30', 6, GOJEK, [mains]);
  printed('13:31', 6);
  h.now.value = at('14:00');
  return { h, stats, recorder };
}

describe('the day in numbers', () => {
  it('match the hand-computed figures of a scripted day', async () => {
    const temp = openTempDb();
    try {
      const { h } = scriptedDay(temp.db);
      const figures = bridgeMethods.dayInNumbers.result.parse(await h.api.dayInNumbers({ days: 1 }));
      // Finished orders: 840 s, 1260 s, 450 s → sorted 450, 840, 1260: p50 is the 2nd, p90 the 3rd.
      expect(figures.days).toEqual([
        { day: '2026-06-24', orders: 4, finished: 3, p50Seconds: 840, p90Seconds: 1260, late: 1, withDue: 3, missedAcceptances: 1, printerHoldMinutes: 7.5, backupsUsed: 1 },
      ]);
      expect(figures.total).toEqual({ orders: 4, finished: 3, p50Seconds: 840, p90Seconds: 1260, late: 1, withDue: 3 });
      expect(figures.stations).toEqual([
        // Wok: 660, 1140, 450 (order 3 had no wok bump: its Ready) and order 6 still open.
        { id: 'wok', name: 'Wok', orders: 4, finished: 3, p50Seconds: 660, p90Seconds: 1140, late: 1, withDue: 3, printerHoldMinutes: 7.5, backupsUsed: 1 },
        { id: 'bar', name: 'Bar', orders: 1, finished: 1, p50Seconds: 240, p90Seconds: 240, late: 0, withDue: 1, printerHoldMinutes: 0, backupsUsed: 0 },
      ]);
      expect(figures.providers).toEqual([
        { provider: 'GoFood', orders: 2, finished: 1, p50Seconds: 1260, p90Seconds: 1260, late: 1, withDue: 1, missedAcceptances: 1 },
        { provider: 'GrabFood', orders: 2, finished: 2, p50Seconds: 450, p90Seconds: 840, late: 0, withDue: 2, missedAcceptances: 0 },
      ]);
    } finally {
      temp.dispose();
    }
  });

  it('export a CSV that reads back with the same figures, and keep them once the orders are pruned', async () => {
    const temp = openTempDb();
    try {
      const { stats } = scriptedDay(temp.db);
      const before = await stats.figures(1);
      const written = await stats.exportCsv(temp.dir, 1);
      const rows = parse(readFileSync(written.path, 'utf8'), { columns: true }) as Record<string, string>[];
      expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
      const row = (station: string, provider: string) => rows.find((r) => r.station === station && r.provider === provider);
      expect(row('all', 'all')).toEqual({
        day: '2026-06-24',
        station: 'all',
        provider: 'all',
        orders: '4',
        finished: '3',
        ticket_p50_seconds: '840',
        ticket_p90_seconds: '1260',
        late: '1',
        finished_with_due_time: '3',
        missed_acceptances: '1',
        printer_hold_minutes: '7.5',
        backups_used: '1',
      });
      expect(row('wok', 'GoFood')).toMatchObject({ orders: '2', finished: '1', ticket_p50_seconds: '1140', late: '1', printer_hold_minutes: '' });
      expect(row('bar', 'all')).toMatchObject({ orders: '1', ticket_p50_seconds: '240', backups_used: '0' });

      // Another helper prunes old orders: the figures stay.
      temp.db.pragma('foreign_keys = OFF');
      for (const table of ['print_jobs', 'order_actions', 'order_changes', 'order_versions', 'scheduled_prints', 'orders']) temp.db.prepare(`DELETE FROM ${table}`).run();
      expect(await stats.figures(1)).toEqual(before);
    } finally {
      temp.dispose();
    }
  });

  it('drop the days older than the retention period, with their holds and backup prints', async () => {
    const temp = openTempDb();
    try {
      const { h, stats } = scriptedDay(temp.db, 7);
      const rowsOf = (table: string) => (temp.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      h.now.value = Date.parse('2026-06-30T23:59:00.000Z');
      expect((await stats.figures(7)).days[0]).toMatchObject({ day: '2026-06-24', orders: 4, printerHoldMinutes: 7.5, backupsUsed: 1 });
      h.now.value = Date.parse('2026-07-01T00:00:00.000Z');
      const figures = await stats.figures(7);
      expect(figures.from).toBe('2026-06-25');
      expect(figures.days.every((d) => d.orders === 0 && d.printerHoldMinutes === 0)).toBe(true);
      expect([rowsOf('ticket_stats'), rowsOf('printer_holds'), rowsOf('backup_prints')]).toEqual([0, 0, 0]);
      // The orders are still there (their own retention is not this one), and they are not counted again.
      expect(rowsOf('orders')).toBe(6);
      await stats.refresh();
      expect(rowsOf('ticket_stats')).toBe(0);
    } finally {
      temp.dispose();
    }
  });
});

describe('bringing the figures up to date', () => {
  it('writes nothing when nothing changed, so open windows are not told to refresh', async () => {
    const temp = openTempDb();
    try {
      const { stats } = scriptedDay(temp.db);
      await stats.refresh();
      const changes = () => (temp.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
      const before = changes();
      await stats.refresh();
      await stats.figures(7);
      expect(changes()).toBe(before);
    } finally {
      temp.dispose();
    }
  });
});

describe('orders from before these figures existed', () => {
  it('are recorded once, within the retention period only', async () => {
    const temp = openTempDb();
    try {
      seedOrder(temp.db, 1, '2026-06-21T12:00:00.000Z');
      seedOrder(temp.db, 2, '2026-06-10T12:00:00.000Z');
      const stats = createDayStats({ db: temp.db, clock: { now: () => at('14:00') }, stations: () => [], timeZone: 'UTC', retentionDays: 7 });
      expect((await stats.figures(7)).days.find((d) => d.day === '2026-06-21')).toMatchObject({ orders: 1, finished: 0 });
      expect(temp.db.prepare('SELECT order_id, day FROM ticket_stats').all()).toEqual([{ order_id: 1, day: '2026-06-21' }]);
    } finally {
      temp.dispose();
    }
  });
});
