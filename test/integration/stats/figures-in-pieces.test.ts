import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { picker, seededRandom } from '../../../dev/simulator/prng.js';
import { dayStartMs, nextDay, periodStart } from '../../../main/stats/calendar.js';
import { dayInNumbersInPieces, type FactRow, type FigureFrame } from '../../../main/stats/day-figures.js';
import type { Db } from '../../../main/store/connection.js';
import { backupPrintsBetween, FACT_PAGE_ROWS, holdsOverlapping, ticketStatPages, ticketStatsBetween } from '../../../main/store/day-stats.js';
import { openTempDb } from '../../unit/store/temp-db.js';
import { seedOrder } from '../../unit/window-api/fakes.js';
import { csvRows, dayInNumbers, toCsv } from './figures-at-once.js';
import { iso, NOW, seededService, seedService, STATIONS, TIME_ZONE } from './seeded-orders.js';

// 90 days of figures are answered in pieces, pausing between them: the answer must be byte for byte
// the one computed from every fact at once (figures-at-once.ts, the computation before pieces), and no
// piece may take more than a page of facts.

const DAYS = 90;

/** 90 days of older figures beside the rolled-up recent orders: every provider, a station no longer configured, unfinished, cancelled, missed, late. */
function seedHistory(db: Db): number {
  const p = picker(seededRandom(7));
  const fact = db.prepare(
    `INSERT INTO ticket_stats (order_id, station, day, provider, received_at, ticket_seconds, due_at, late, cancelled, missed_acceptance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const hold = db.prepare('INSERT INTO printer_holds (printer_id, reason, started_at, ended_at) VALUES (?, ?, ?, ?)');
  const backup = db.prepare('INSERT INTO backup_prints (job_id, printer_id, backup_printer_id, at) VALUES (?, ?, ?, ?)');
  let rows = 0;
  db.transaction(() => {
    for (let d = 3; d < DAYS + 2; d++) {
      const day = new Date(NOW - d * 86_400_000).toISOString().slice(0, 10);
      const orders = p.int(20, 60);
      for (let k = 0; k < orders; k++) {
        const orderId = 100_000 + d * 1000 + k;
        const provider = p.pick(['GrabFood', 'GoFood', 'ShopeeFood', 'Direct']);
        const cancelled = p.chance(0.05) ? 1 : 0;
        const missed = p.chance(0.03) ? 1 : 0;
        for (const station of ['', ...p.sample(['wok', 'grill', 'bar', 'tandoor'], p.int(1, 3))]) {
          const seconds = p.chance(0.1) ? null : p.int(120, 3600);
          const due = p.chance(0.7) ? `${day}T13:00:00.000Z` : null;
          fact.run(orderId, station, day, provider, `${day}T12:00:00.000Z`, seconds, due, p.chance(0.2) ? 1 : 0, cancelled, missed);
          rows += 1;
        }
      }
      // Holds of a few minutes, some across midnight; backups now and then.
      const start = dayStartMs(day, TIME_ZONE) + p.int(0, 86_399) * 1000;
      hold.run(p.pick(['wok', 'grill', 'bar', 'tandoor']), 'paper', iso(start), iso(start + p.int(1, 7_200) * 1000));
      if (p.chance(0.5)) backup.run(d, p.pick(['wok', 'grill', 'bar']), 'spare', iso(start + 60_000));
    }
    hold.run('wok', 'offline', iso(NOW - 2 * 3_600_000), null);
  })();
  return rows;
}

/** The figures' input as the service read it before pieces: every fact of the period in one read. */
function readAtOnce(db: Db, days: number) {
  const from = periodStart(NOW, days, TIME_ZONE);
  const to = periodStart(NOW, 1, TIME_ZONE);
  const fromIso = iso(dayStartMs(from, TIME_ZONE));
  const toIso = iso(dayStartMs(nextDay(to), TIME_ZONE));
  return {
    facts: ticketStatsBetween(db, from, to),
    holds: holdsOverlapping(db, fromIso, toIso),
    backups: backupPrintsBetween(db, fromIso, toIso),
    stations: STATIONS.map((s) => ({ id: s.id, name: s.name })),
    from,
    to,
    nowMs: NOW,
    timeZone: TIME_ZONE,
    retentionDays: DAYS,
  };
}

describe('the day in numbers in pieces', () => {
  let temp: ReturnType<typeof openTempDb>;
  beforeEach(() => {
    temp = openTempDb();
  });
  afterEach(() => temp.dispose());

  it('answers 90 days and their CSV exactly as computed from every fact at once', async () => {
    seedService(temp.db);
    const older = seedHistory(temp.db);
    const { stats } = seededService(temp.db, { retentionDays: DAYS });
    await stats.refresh();
    const input = readAtOnce(temp.db, DAYS);
    expect(input.facts.length).toBeGreaterThan(older);
    expect(input.facts.length).toBeGreaterThan(5 * FACT_PAGE_ROWS);
    for (const days of [1, 7, 30, DAYS]) {
      const atOnce = readAtOnce(temp.db, days);
      expect(JSON.stringify(await stats.figures(days))).toBe(JSON.stringify(dayInNumbers(atOnce)));
      expect(await stats.csv(days)).toBe(toCsv(csvRows(atOnce)));
    }
    // The seed reaches what the figures count: hold minutes on days and stations, backups, unfinished tickets.
    const figures = await stats.figures(DAYS);
    expect(figures.days.filter((d) => d.printerHoldMinutes > 0).length).toBeGreaterThan(DAYS / 2);
    expect(figures.stations.every((s) => s.backupsUsed > 0 && s.printerHoldMinutes > 0)).toBe(true);
    expect(figures.total.orders).toBeGreaterThan(figures.total.finished);
    expect(figures.providers.map((p) => p.provider)).toContain('ShopeeFood');
  });

  it('reads the facts a page at a time: together they are every fact, once', () => {
    seedHistory(temp.db);
    const { from, to, facts } = readAtOnce(temp.db, DAYS);
    const pages = [...ticketStatPages(temp.db, from, to, 250)];
    expect(pages.every((page) => page.length <= 250)).toBe(true);
    expect(pages.length).toBe(Math.floor(facts.length / 250) + 1);
    const key = (f: FactRow): string => JSON.stringify(f);
    expect(pages.flat().map(key).sort()).toEqual(facts.map(key).sort());
  });

  it('takes at most one page of facts per piece and pauses between the pieces of a long range', async () => {
    seedHistory(temp.db);
    const input = readAtOnce(temp.db, DAYS);
    const pages = Array.from({ length: Math.ceil(input.facts.length / 100) }, (_, i) => input.facts.slice(i * 100, (i + 1) * 100));
    let taken = 0;
    const counted = (function* () {
      for (const page of pages) {
        taken += 1;
        yield page;
      }
    })();
    const frame: FigureFrame = { ...input };
    const pieces = dayInNumbersInPieces(frame, counted);
    const takenPerPiece: number[] = [];
    let step = pieces.next();
    takenPerPiece.push(taken);
    while (!step.done) {
      const before = taken;
      step = pieces.next();
      takenPerPiece.push(taken - before);
    }
    expect(Math.max(...takenPerPiece)).toBe(1);
    expect(taken).toBe(pages.length);
    expect(JSON.stringify(step.value)).toBe(JSON.stringify(dayInNumbers(input)));

    // Through the service: a pause at least between every page of facts and every day.
    const { stats, pauses } = seededService(temp.db, { retentionDays: DAYS });
    await stats.refresh();
    const before = pauses();
    await stats.figures(DAYS);
    expect(pauses() - before).toBeGreaterThanOrEqual(Math.ceil(input.facts.length / FACT_PAGE_ROWS) + DAYS);
  });

  it('lets no rollup rewrite the facts while an answer reads them: a run asked for meanwhile waits for it', async () => {
    seedHistory(temp.db);
    const recorded = (): number => (temp.db.prepare('SELECT count(*) FROM ticket_stats WHERE order_id = 9001').pluck().get() as number);
    let answering = false;
    let run: Promise<void> | undefined;
    const recordedWhileAnswering: number[] = [];
    const { stats } = seededService(temp.db, { retentionDays: DAYS, onPause: () => {
      if (!answering) return;
      recordedWhileAnswering.push(recorded());
      // An order arrives and the timer's run starts while the answer is under way.
      if (run) return;
      seedOrder(temp.db, 9_001, iso(NOW - 3_600_000));
      run = stats.refresh();
    } });
    await stats.refresh();
    const expected = JSON.stringify(dayInNumbers(readAtOnce(temp.db, DAYS)));
    answering = true;
    const figures = await stats.figures(DAYS).finally(() => (answering = false));
    await run;
    expect(recordedWhileAnswering.length).toBeGreaterThan(DAYS);
    expect(recordedWhileAnswering.every((n) => n === 0)).toBe(true);
    expect(recorded()).toBeGreaterThan(0);
    expect(JSON.stringify(figures)).toBe(expected);
  });
});
