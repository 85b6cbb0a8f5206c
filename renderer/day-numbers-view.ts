import type { BridgeApi, BridgeResult } from '../common/bridge-api.js';
import type { DayInNumbers } from '../common/day-numbers.js';
import { barList, columnChart, type Column } from './day-charts.js';
import { duration, minutesText } from './day-words.js';
import { h, replaceChildren } from './dom.js';
import { fmt, t } from './i18n.js';

// The day in numbers: the period's figures as big tiles, then charts per day, station and provider,
// and the CSV export (the core writes it beside the database and says where).

const FOLLOW_EVERY_MS = 30_000;

export type DayNumbersContext = { bridge: BridgeApi; toast(message: string, ok: boolean): void };

const PERIODS = [1, 7, 30, 90] as const;

/** "24/6" (or "6/24", as the language writes it): a day as the axis shows it. `day` is a calendar date, so no zone moves it. */
const shortDay = (day: string): string => new Intl.DateTimeFormat(fmt().tag, { day: 'numeric', month: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

const periodLabel = (days: number): string => (days === 1 ? t('views.day.today') : t('views.day.days', { count: days }));

function tile(label: string, value: string, kind = ''): HTMLElement {
  return h('div', { class: `tile ${kind}` }, h('span', { class: 'tile-value' }, value), h('span', { class: 'tile-label' }, label));
}

function tiles(d: DayInNumbers): HTMLElement {
  const sum = (pick: (x: DayInNumbers['days'][number]) => number): number => d.days.reduce((n, x) => n + pick(x), 0);
  const { late, withDue } = d.total;
  const missed = sum((x) => x.missedAcceptances);
  const held = sum((x) => x.printerHoldMinutes);
  const backups = sum((x) => x.backupsUsed);
  return h(
    'div',
    { class: 'tiles' },
    tile(t('views.day.orders'), fmt().number(d.total.orders)),
    tile(t('views.day.p50'), duration(d.total.p50Seconds)),
    tile(t('views.day.p90'), duration(d.total.p90Seconds)),
    tile(withDue === 0 ? t('views.day.late') : t('views.day.lateOf', { due: fmt().number(withDue) }), withDue === 0 ? '–' : fmt().number(late), late > 0 ? 'warn' : ''),
    tile(t('views.day.missed'), fmt().number(missed), missed > 0 ? 'bad' : ''),
    tile(t('views.day.holds'), minutesText(held), held > 0 ? 'warn' : ''),
    tile(t('views.day.backups'), fmt().number(backups)),
  );
}

function charts(d: DayInNumbers): HTMLElement {
  const count = (v: number): string => fmt().number(Math.round(v));
  const legend = { front: t('views.day.legendFront'), behind: t('views.day.legendBehind') };
  const emptyTimes = t('views.day.emptyTimes');
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
    columnChart({ title: t('views.day.chartTicketTimes'), empty: emptyTimes, scale: minutesText, legend }, times, 'times'),
    barList({ title: t('views.day.chartStations'), empty: emptyTimes, legend }, timed(d.stations, (s) => s.name)),
    barList({ title: t('views.day.chartProviders'), empty: emptyTimes, legend }, timed(d.providers, (p) => p.provider)),
    columnChart({ title: t('views.day.chartLate'), empty: t('views.day.emptyLate'), scale: count }, perDay((x) => x.late), 'late'),
    columnChart({ title: t('views.day.chartMissed'), empty: t('views.day.emptyMissed'), scale: count }, perDay((x) => x.missedAcceptances), 'missed'),
    columnChart({ title: t('views.day.chartHolds'), empty: t('views.day.emptyHolds'), scale: minutesText }, perDay((x) => x.printerHoldMinutes, minutesText), 'holds'),
  );
}

export function createDayNumbersView(container: HTMLElement, ctx: DayNumbersContext) {
  let days = 1;
  let figures: DayInNumbers | null = null;

  function render(): void {
    const periods = h(
      'div',
      { class: 'periods', role: 'group' },
      ...PERIODS.map((p) => h('button', { type: 'button', 'aria-pressed': String(p === days), 'data-days': p, onclick: () => void choose(p) }, periodLabel(p))),
    );
    const save = h('button', { type: 'button', class: 'export', onclick: () => void exportCsv() }, t('views.day.export'));
    replaceChildren(
      container,
      h('header', { class: 'numbers-head' }, h('h1', {}, t('views.day.title')), periods, save),
      figures ? tiles(figures) : null,
      figures ? charts(figures) : null,
      figures ? h('p', { class: 'muted numbers-note' }, t('views.day.kept', { days: figures.retentionDays })) : null,
    );
  }

  function unwrap<T>(result: BridgeResult<T>): T | undefined {
    if (result.ok) return result.value;
    ctx.toast(result.error, false);
    return undefined;
  }

  async function refresh(): Promise<void> {
    // Its header shows at once, in the window's language (known by now; not yet when the view was made).
    if (figures === null) render();
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

  // The CSV file itself (written by the core) keeps English column headers whatever the window's
  // language: it is read by spreadsheets, scripts and head offices that compare branches, and one
  // header row across every kitchen is what lets their formulas and imports work unchanged.
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

  return { refresh, follow };
}
