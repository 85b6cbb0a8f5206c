import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvRows, dayInNumbers, holdMinutesByPrinterDay, percentile, toCsv, type FactRow, type FigureInput } from '../../../main/stats/day-figures.js';

const fact = (over: Partial<FactRow>): FactRow => ({ day: '2026-06-24', station: '', provider: 'GrabFood', ticketSeconds: null, late: false, dueAt: null, cancelled: false, missedAcceptance: false, ...over });

describe('percentiles', () => {
  it('are nearest-rank: always a real ticket’s time', () => {
    const sorted = [60, 120, 180, 240, 300, 360, 420, 480, 540, 600];
    expect(percentile(sorted, 50)).toBe(300);
    expect(percentile(sorted, 90)).toBe(540);
    expect(percentile([42], 90)).toBe(42);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('printer hold minutes', () => {
  it('split a hold across midnight between the two days, and count an open one until now', () => {
    const minutes = holdMinutesByPrinterDay(
      [
        { printerId: 'wok', startedAt: '2026-06-23T23:50:00.000Z', endedAt: '2026-06-24T00:20:00.000Z' },
        { printerId: 'wok', startedAt: '2026-06-24T10:00:00.000Z', endedAt: null },
      ],
      '2026-06-23',
      '2026-06-24',
      Date.parse('2026-06-24T10:05:30.000Z'),
      'UTC',
    );
    expect(Object.fromEntries(minutes)).toEqual({ 'wok|2026-06-23': 10, 'wok|2026-06-24': 25.5 });
  });
});

const input = (over: Partial<FigureInput> = {}): FigureInput => ({
  facts: [],
  holds: [],
  backups: [],
  stations: [{ id: 'wok', name: 'Wok, "hot" side' }],
  from: '2026-06-24',
  to: '2026-06-24',
  nowMs: Date.parse('2026-06-24T23:00:00.000Z'),
  timeZone: 'UTC',
  retentionDays: 90,
  ...over,
});

describe('the day in numbers', () => {
  it('leave cancelled orders out of ticket times but count their missed acceptances', () => {
    const figures = dayInNumbers(
      input({
        facts: [
          fact({ ticketSeconds: 600, dueAt: 'x', late: true }),
          fact({ ticketSeconds: 300, provider: 'GoFood' }),
          fact({ cancelled: true, missedAcceptance: true, provider: 'GoFood' }),
          fact({ station: 'wok', ticketSeconds: 200 }),
        ],
        backups: [{ printerId: 'wok', at: '2026-06-24T12:00:00.000Z' }],
      }),
    );
    expect(figures.days).toEqual([{ day: '2026-06-24', orders: 2, finished: 2, p50Seconds: 300, p90Seconds: 600, late: 1, withDue: 1, missedAcceptances: 1, printerHoldMinutes: 0, backupsUsed: 1 }]);
    expect(figures.providers.map((p) => [p.provider, p.orders, p.missedAcceptances])).toEqual([['GoFood', 1, 1], ['GrabFood', 1, 0]]);
    expect(figures.stations).toEqual([{ id: 'wok', name: 'Wok, "hot" side', orders: 1, finished: 1, p50Seconds: 200, p90Seconds: 200, late: 0, withDue: 0, printerHoldMinutes: 0, backupsUsed: 1 }]);
  });

  it('come out as CSV that a CSV parser reads back to the same rows', () => {
    const rows = csvRows(
      input({
        stations: [{ id: 'wok', name: 'Wok' }],
        facts: [fact({ ticketSeconds: 600 }), fact({ provider: 'Shop, "direct"', ticketSeconds: 120 }), fact({ station: 'wok', ticketSeconds: 90 })],
        holds: [{ printerId: 'wok', startedAt: '2026-06-24T12:00:00.000Z', endedAt: '2026-06-24T12:07:30.000Z' }],
      }),
    );
    const text = toCsv(rows);
    const parsed = parse(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(parsed[0]!)).toEqual([...CSV_COLUMNS]);
    expect(parsed).toEqual(rows.map((r) => Object.fromEntries(CSV_COLUMNS.map((c) => [c, String(r[c])]))));
    expect(parsed.map((r) => [r.station, r.provider, r.ticket_p50_seconds, r.printer_hold_minutes])).toEqual([
      ['all', 'all', '120', '7.5'],
      ['all', 'GrabFood', '600', ''],
      ['all', 'Shop, "direct"', '120', ''],
      ['wok', 'all', '90', '7.5'],
      ['wok', 'GrabFood', '90', ''],
    ]);
  });
});
