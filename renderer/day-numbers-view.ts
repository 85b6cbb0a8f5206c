import type { BridgeApi, BridgeResult } from '../common/bridge-api.js';
import type { DayInNumbers } from '../common/day-numbers.js';
import { barList, columnChart, type Column } from './day-charts.js';
import { DAY_WORDS, duration, minutesText } from './day-words.js';
import { h, replaceChildren } from './dom.js';

// The day in numbers: the period's figures as big tiles, then charts per day, station and provider,
// and the CSV export (the core writes it beside the database and says where).

const FOLLOW_EVERY_MS = 30_000;

export type DayNumbersContext = { bridge: BridgeApi; toast(message: string, ok: boolean): void };

/** "24/6": a day as the axis shows it. */
const shortDay = (day: string): string => `${Number(day.slice(8, 10))}/${Number(day.slice(5, 7))}`;

function tile(label: string, value: string, kind = ''): HTMLElement {
  return h('div', { class: `tile ${kind}` }, h('span', { class: 'tile-value' }, value), h('span', { class: 'tile-label' }, label));
}

function tiles(d: DayInNumbers): HTMLElement {
  const t = DAY_WORDS.tiles;
  const sum = (pick: (x: DayInNumbers['days'][number]) => number): number => d.days.reduce((n, x) => n + pick(x), 0);
  const { late, withDue } = d.total;
  const missed = sum((x) => x.missedAcceptances);
  const held = sum((x) => x.printerHoldMinutes);
  const backups = sum((x) => x.backupsUsed);
  return h(
    'div',
    { class: 'tiles' },
    tile(t.orders, String(d.total.orders)),
    tile(t.p50, duration(d.total.p50Seconds)),
    tile(t.p90, duration(d.total.p90Seconds)),
    tile(DAY_WORDS.lateLabel(withDue), withDue === 0 ? '–' : String(late), late > 0 ? 'warn' : ''),
    tile(t.missed, String(missed), missed > 0 ? 'bad' : ''),
    tile(t.holds, minutesText(held), held > 0 ? 'warn' : ''),
    tile(t.backups, String(backups)),
  );
}

function charts(d: DayInNumbers): HTMLElement {
  const c = DAY_WORDS.charts;
  const e = DAY_WORDS.empty;
  const count = (v: number): string => String(Math.round(v));
  const perDay = (pick: (x: DayInNumbers['days'][number]) => number, text?: (v: number) => string): Column[] =>
    d.days.map((x) => ({ label: shortDay(x.day), value: pick(x), ...(text ? { text: text(pick(x)) } : {}) }));
  const times: Column[] = d.days.map((x) => ({
    label: shortDay(x.day),
    value: (x.p50Seconds ?? 0) / 60,
    behind: (x.p90Seconds ?? 0) / 60,
    text: x.p50Seconds === null ? '' : duration(x.p50Seconds),
  }));
  const timed = <T extends { p50Seconds: number | null; p90Seconds: number | null }>(rows: readonly T[], label: (r: T) => string) =>
    rows
      .filter((r) => r.p50Seconds !== null)
      .map((r) => ({ label: label(r), value: r.p50Seconds!, behind: r.p90Seconds ?? 0, text: `${duration(r.p50Seconds)} · ${duration(r.p90Seconds)}` }));
  return h(
    'div',
    { class: 'charts' },
    columnChart({ title: c.ticketTimes, empty: e.times, scale: minutesText, legend: DAY_WORDS.legend }, times, 'times'),
    barList({ title: c.stations, empty: e.times, legend: DAY_WORDS.legend }, timed(d.stations, (s) => s.name)),
    barList({ title: c.providers, empty: e.times, legend: DAY_WORDS.legend }, timed(d.providers, (p) => p.provider)),
    columnChart({ title: c.late, empty: e.late, scale: count }, perDay((x) => x.late), 'late'),
    columnChart({ title: c.missed, empty: e.missed, scale: count }, perDay((x) => x.missedAcceptances), 'missed'),
    columnChart({ title: c.holds, empty: e.holds, scale: minutesText }, perDay((x) => x.printerHoldMinutes, minutesText), 'holds'),
  );
}

export function createDayNumbersView(container: HTMLElement, ctx: DayNumbersContext) {
  let days = 1;
  let figures: DayInNumbers | null = null;

  function render(): void {
    const periods = h(
      'div',
      { class: 'periods', role: 'group' },
      ...DAY_WORDS.periods.map((p) =>
        h('button', { type: 'button', 'aria-pressed': String(p.days === days), 'data-days': p.days, onclick: () => void choose(p.days) }, p.label),
      ),
    );
    const save = h('button', { type: 'button', class: 'export', onclick: () => void exportCsv() }, DAY_WORDS.export);
    replaceChildren(
      container,
      h('header', { class: 'numbers-head' }, h('h1', {}, DAY_WORDS.title), periods, save),
      figures ? tiles(figures) : null,
      figures ? charts(figures) : null,
      figures ? h('p', { class: 'muted numbers-note' }, DAY_WORDS.kept(figures.retentionDays)) : null,
    );
  }

  function unwrap<T>(result: BridgeResult<T>): T | undefined {
    if (result.ok) return result.value;
    ctx.toast(result.error, false);
    return undefined;
  }

  async function refresh(): Promise<void> {
    const asked = days;
    const value = unwrap(await ctx.bridge.dayInNumbers({ days: asked }));
    if (value && asked === days) {
      figures = value;
      render();
    }
  }

  async function choose(next: number): Promise<void> {
    days = next;
    render();
    await refresh();
  }

  async function exportCsv(): Promise<void> {
    const outcome = unwrap(await ctx.bridge.exportDayInNumbers({ days }));
    if (outcome) ctx.toast(outcome.message, outcome.ok);
  }

  /** While the tab is open orders keep finishing: follow them, but at most twice a minute (the core re-reads recent orders for it). */
  let lastRefresh = 0;
  function follow(): void {
    if (Date.now() - lastRefresh < FOLLOW_EVERY_MS) return;
    lastRefresh = Date.now();
    void refresh();
  }

  render();
  return { refresh, follow };
}
