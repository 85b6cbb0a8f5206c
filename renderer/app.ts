import type { BridgeApi, BridgeResult, Health, OrderSummary, RouteChoices } from '../common/bridge-api.js';
import { REJECT_REASONS, type OrderAction } from '../common/order-actions.js';
import type { SettingsView } from '../common/settings.js';
import { worstStage, type AlarmStage } from '../common/acceptance.js';
import { stageOf, tickCountdowns } from './acceptance-countdown.js';
import { renderTakeover } from './acceptance-takeover.js';
import { createAppStatusView } from './app-status-view.js';
import { longestWait, renderAcceptAlert } from './accept-alert.js';
import { alerting, needsAck, onBoard } from './attention.js';
import { createBoardView, oldestFirst } from './board-view.js';
import { renderAllDay, renderAllDayStrip } from './all-day-view.js';
import { createDayNumbersView } from './day-numbers-view.js';
import { renderDetail } from './detail-view.js';
import { byId, h, replaceChildren } from './dom.js';
import { renderDone } from './done-view.js';
import { clockTime } from './format.js';
import { renderHealth } from './health-view.js';
import { renderMissed } from './missed-view.js';
import { shownActions, type CardContext, type CardHandlers } from './order-card.js';
import { renderProblems } from './problems-view.js';
import { renderSettings } from './settings-view.js';
import { screenLanguage, t, useLanguage } from './i18n.js';
import { ltr } from './bidi.js';
import { rejectReasonLabel } from './order-words.js';
import { startExpoView } from './expo-view.js';
import { startPickupView } from './pickup-view.js';
import { DESKTOP_BOARD, screenFeatures, type BoardTab } from './screen-features.js';
import { renderScreenName, screenNotKnown, showLanguagePicker } from './screen-frame.js';
import { screenSound } from './screen-sound.js';
import { createChime, type AlarmLevel } from './sound.js';
import { createStationFilter, ordersForStation } from './station-filter.js';
import { createStockView } from './out-of-stock-view.js';
import { wireMoreTabs } from './more-tabs.js';
import { createUndoBar } from './undo-bar.js';

// The window's controller: fetches through window.bridge, re-fetches on pushes, and owns the
// little state the views share. No polling: pushes drive every refresh (plus a one-second tick that
// only re-renders the waiting times and the ages).

const PAGE = 200;
const STOCK_REFRESH_MS = 15_000;
const NO_ROUTE_CHOICES: RouteChoices = { brands: [], categories: [], providers: [] };
const TABS = DESKTOP_BOARD.tabs;
type Tab = BoardTab;

const bridge: BridgeApi = window.bridge;
const state = {
  orders: [] as OrderSummary[],
  limit: PAGE,
  health: null as Health | null,
  settings: null as SettingsView | null,
  tab: 'queue' as Tab,
  openOrderId: null as number | null,
  /** What this screen shows (screen-features.ts): the desktop window's everything until the grant is read. */
  screen: DESKTOP_BOARD,
};

const handlers: CardHandlers = {
  tap: (order) => void tapOrder(order),
  open: (order) => void openOrder(order.id),
  act: (order, action) => void act(order, action),
  soldOut: (order, line) => stock.askForOrder(order, line),
};
const board = createBoardView(byId('queue'), document.querySelector<HTMLElement>('.top-stack')!, handlers);
const stationFilter = createStationFilter(byId<HTMLSelectElement>('station-filter'), () => renderOrders());
const chime = createChime();
const undoBar = createUndoBar(byId('undo-bar'), (order, station, undoUntil) => void recall(order, station, undoUntil));
const dayNumbers = createDayNumbersView(byId('numbers'), { bridge, toast: (message, ok) => toast(message, ok) });

function toast(message: string, ok: boolean): void {
  const el = h('div', { class: `toast ${ok ? 'ok' : 'bad'}`, role: 'status' }, message);
  byId('toasts').append(el);
  window.setTimeout(() => el.remove(), 5000);
}

const appStatus = createAppStatusView(byId('app-status'), bridge);
const moreTabs = wireMoreTabs(document.querySelector<HTMLElement>('.tabs')!, byId('tab-more'), byId('tabs-secondary'));
const stock = createStockView(byId('stock'), byId('tab-stock'), { bridge, toast, changed: () => void refreshOrders() });

function unwrap<T>(result: BridgeResult<T>): T | undefined {
  if (result.ok) return result.value;
  toast(result.error, false);
  return undefined;
}

const onTheBoard = (): OrderSummary[] => state.orders.filter(onBoard).sort(oldestFirst);
const waiting = (): OrderSummary[] => onTheBoard().filter((o) => o.waitingForAcceptance);

function cardContext(now = Date.now()): CardContext {
  const printers = state.health?.printers ?? [];
  return {
    now,
    station: state.screen.station ?? stationFilter.selected(),
    stationName: (id) => printers.find((p) => p.id === id)?.name ?? id,
    relayOnly: state.health?.klikit.state === 'none',
    stationScreen: state.screen.station !== null,
  };
}

function renderWaitingCount(list: readonly OrderSummary[], now: number): void {
  const pill = byId('waiting-count');
  pill.hidden = list.length === 0;
  const text = t('board.waitingCount', { count: list.length, longest: ltr(longestWait(list, now)) });
  if (pill.textContent !== text) pill.textContent = text;
}

function renderOrders(now = Date.now()): void {
  const ctx = cardContext(now);
  const shown = onTheBoard();
  const waitingNow = state.screen.accepts ? shown.filter((o) => o.waitingForAcceptance) : [];
  board.render(ordersForStation(shown, ctx.station, ctx.stationScreen), ctx);
  renderAcceptAlert(byId('accept-alert'), waitingNow, handlers, ctx);
  renderTakeover(byId('accept-takeover'), waitingNow, handlers, ctx);
  tickCountdowns(document, now);
  renderWaitingCount(waitingNow, now);
  undoBar.render(state.orders, now);
  soundAlarm(waitingNow, now);
}

const LEVELS: Record<AlarmStage, AlarmLevel> = { calm: 'normal', warning: 'warning', urgent: 'urgent', expired: 'urgent' };

/**
 * The chime while an order asks for someone or a printer's alarm sounds (nothing prints its tickets),
 * louder and then different as a waiting order's deadline nears.
 */
function soundAlarm(waitingNow: readonly OrderSummary[], now: number): void {
  const attention = state.orders.some(alerting) || (state.health?.printers.some((p) => p.alarm !== undefined) ?? false);
  const stage = worstStage(waitingNow.map((o) => stageOf(o, now)).filter((s): s is AlarmStage => s !== null));
  const level = stage ? LEVELS[stage] : 'normal';
  // Tests and the curious read whether the chime repeats, and how loud, here (Web Audio leaves no other trace).
  document.body.dataset.chime = String(attention && soundOn());
  document.body.dataset.alarm = level;
  chime.set(attention && soundOn(), level);
}

function renderDoneList(): void {
  const done = state.orders.filter((o) => !onBoard(o));
  renderDone(byId('done-list'), done, byId<HTMLInputElement>('done-search').value, handlers, (order) => void recall(order));
}

/** The desktop window follows the counter PC's setting; a counter screen its own switch; a station no sound. */
function soundOn(): boolean {
  if (state.screen.settings) return state.settings?.settings.sound ?? false;
  return state.screen.accepts && screenSound.on();
}

async function refreshOrders(): Promise<void> {
  const orders = unwrap(await bridge.listOrders({ limit: state.limit }));
  if (!orders) return;
  state.orders = orders;
  renderOrders();
  if (state.tab === 'done') renderDoneList();
  byId('load-more').hidden = orders.length < state.limit;
  const attention = orders.filter(alerting).length;
  document.title = attention > 0 ? t('board.titleCount', { count: attention }) : t('board.title');
  if (state.openOrderId !== null) void showDetail(state.openOrderId);
  if (state.tab === 'problems') await refreshProblems();
  // The Out of stock count in the tab follows the list; off its tab it is re-read now and then, not on every push.
  if (state.tab === 'stock' || Date.now() - stock.fetchedAt() > STOCK_REFRESH_MS) await stock.refresh();
  if (state.tab === 'numbers') dayNumbers.follow();
  await refreshAllDay();
}

/** The All day tab and the board's strip (Settings → Kitchen) follow every order change. */
async function refreshAllDay(): Promise<void> {
  const strip = state.settings?.settings.kitchen.allDayStrip === true;
  if (state.tab !== 'allday' && !strip) {
    renderAllDayStrip(byId('all-day-strip'), null);
    return;
  }
  const counts = unwrap(await bridge.allDayCounts());
  if (!counts) return;
  if (state.tab === 'allday') renderAllDay(byId('allday'), counts);
  renderAllDayStrip(byId('all-day-strip'), strip && state.tab === 'queue' ? counts : null);
}

async function refreshHealth(): Promise<void> {
  const health = unwrap(await bridge.getHealth());
  if (!health) return;
  state.health = health;
  if (state.screen.station === null) stationFilter.update(health.printers);
  else renderScreenName(document.querySelector<HTMLElement>('.top')!, health.printers.find((p) => p.id === state.screen.station)?.name ?? state.screen.station);
  renderHealth(byId('health'), byId('banner'), health);
  renderMissed(byId('missed-count'), health.missed);
  renderOrders();
}

async function refreshProblems(): Promise<void> {
  const problems = unwrap(await bridge.listProblems());
  if (problems) renderProblems(byId('problems'), problems, (id) => void openOrder(id));
}

function renderSoundToggle(): void {
  const on = soundOn();
  const button = byId('sound-toggle');
  button.setAttribute('aria-pressed', String(on));
  button.textContent = on ? t('board.sound.on') : t('board.sound.off');
  button.className = `sound-toggle ${on ? 'on' : 'off'}`;
}

async function refreshSettings(): Promise<void> {
  // The counter's own settings are the desktop window's alone: a LAN screen never reads them.
  if (!state.screen.settings) return;
  const view = unwrap(await bridge.getSettings());
  if (!view) return;
  state.settings = view;
  renderSoundToggle();
  // Rendered only while the tab is open: a form re-drawn under someone's hands loses what they typed and clicked.
  if (state.tab === 'settings') {
    const routeChoices = unwrap(await bridge.routeChoices()) ?? NO_ROUTE_CHOICES;
    if (state.tab === 'settings') renderSettings(byId('settings'), view, { bridge, toast, saved: settingsSaved, routeChoices });
  }
  byId('setup-hint').hidden = view.nextSteps.length === 0;
}

function settingsSaved(view: SettingsView): void {
  state.settings = view;
  void refreshAllDay();
  renderSoundToggle();
  byId('setup-hint').hidden = view.nextSteps.length === 0;
}

async function toggleSound(): Promise<void> {
  if (!state.screen.settings) {
    if (!state.screen.accepts) return;
    screenSound.set(!screenSound.on());
    renderSoundToggle();
    void refreshOrders();
    return;
  }
  const next = !soundOn();
  const r = unwrap(await bridge.saveSettings({ sound: next }));
  if (r?.ok) {
    settingsSaved(r.view);
    const box = document.querySelector<HTMLInputElement>('#settings input[name="sound"]');
    if (box) box.checked = next;
    void refreshOrders();
  }
}

async function act(order: OrderSummary, action: OrderAction, reasonCode?: string): Promise<void> {
  if (action === 'rejected' && reasonCode === undefined) {
    askRejectReason(order);
    return;
  }
  const station = action === 'ready' ? cardContext().station : null;
  const outcome = unwrap(await bridge.orderAction({ orderId: order.id, action, ...(reasonCode ? { reasonCode } : {}), ...(station ? { station } : {}) }));
  if (outcome && !outcome.ok) toast(outcome.message, false);
  if (outcome) undoBar.made(order.id, action, station || null, outcome);
  void refreshOrders();
}

/**
 * Undo a held bump (with `station`, this window's bump of that station's share; `undoUntil` names it
 * exactly), or bring a done order back to the board (the order's newest whole-order bump, and the
 * station bump that released it; never a station's own share).
 */
async function recall(order: OrderSummary, station: string | null = null, undoUntil?: string): Promise<void> {
  // The undo bar names the bump it undoes, whatever station the board shows now; a station screen is
  // held to its own bumps by its credential (main/screens/allow-list.ts), not by the page.
  const outcome = unwrap(await bridge.recallAction({ orderId: order.id, ...(station ? { station } : {}), ...(undoUntil ? { undoUntil } : {}) }));
  if (outcome) toast(outcome.message, outcome.ok);
  void refreshOrders();
}

async function acknowledge(orderId: number): Promise<void> {
  unwrap(await bridge.acknowledgeOrder(orderId));
  await refreshOrders();
}

/** A tap on a card: the kitchen saw what is new on it (new, edited, VOID); a settled card opens its detail. */
async function tapOrder(order: OrderSummary): Promise<void> {
  const current = state.orders.find((o) => o.id === order.id) ?? order;
  if (needsAck(current)) await acknowledge(order.id);
  else await openOrder(order.id);
}

function askRejectReason(order: OrderSummary): void {
  const dialog = byId<HTMLDialogElement>('reject-dialog');
  replaceChildren(byId('reject-title'), t('board.reject.title', { number: ltr(order.shortId) }));
  replaceChildren(
    byId('reject-reasons'),
    ...REJECT_REASONS.map((r) =>
      h('button', {
        type: 'button',
        class: 'reason',
        'data-reason': r.code,
        onclick: () => {
          dialog.close();
          void act(order, 'rejected', r.code);
        },
      }, rejectReasonLabel(r)),
    ),
  );
  dialog.showModal();
}

async function showDetail(orderId: number): Promise<void> {
  const detail = unwrap(await bridge.getOrder(orderId));
  // Closed (or another order opened) while the answer was on its way: it must not pop up again.
  if (!detail || state.openOrderId !== orderId) return;
  const dialog = byId<HTMLDialogElement>('detail');
  renderDetail(byId('detail-content'), detail, { bridge, toast, printers: () => state.health?.printers ?? [], handlers, card: cardContext() });
  if (!dialog.open) dialog.showModal();
}

async function openOrder(orderId: number): Promise<void> {
  const order = state.orders.find((o) => o.id === orderId);
  state.openOrderId = orderId;
  if (!order || needsAck(order)) void acknowledge(orderId);
  await showDetail(orderId);
}

function showTab(tab: Tab): void {
  if (!state.screen.tabs.includes(tab)) return;
  state.tab = tab;
  for (const t of TABS) {
    byId(`view-${t}`).hidden = t !== tab;
    byId(`tab-${t}`).setAttribute('aria-selected', String(t === tab));
  }
  moreTabs.shown(tab, state.screen.tabs);
  if (tab === 'done') renderDoneList();
  if (tab === 'problems') void refreshProblems();
  if (tab === 'stock') void stock.refresh();
  if (tab === 'settings') void Promise.all([refreshSettings(), appStatus.refresh()]);
  if (tab === 'numbers') void dayNumbers.refresh();
  void refreshAllDay();
}

/** The one next step of the focused card (or the oldest waiting order): accept, else ready (the station's with one chosen), else picked up. */
function bumpTarget(): { order: OrderSummary; action: OrderAction } | null {
  const focusedId = Number((document.activeElement as HTMLElement | null)?.dataset.orderId);
  const ctx = cardContext();
  const order = state.orders.find((o) => o.id === focusedId) ?? (ctx.relayOnly || !state.screen.accepts ? undefined : waiting()[0]);
  const action = order ? shownActions(order, ctx).find((a) => a !== 'rejected') : undefined;
  return order && action ? { order, action } : null;
}

type Step = 'nextElementSibling' | 'previousElementSibling';
// The card each arrow key moves to. In Arabic the board flows right to left: the left arrow goes on to
// the next card, as the eye does.
const ARROWS: Record<'ltr' | 'rtl', Readonly<Record<string, Step>>> = {
  ltr: { ArrowDown: 'nextElementSibling', ArrowUp: 'previousElementSibling', ArrowRight: 'nextElementSibling', ArrowLeft: 'previousElementSibling' },
  rtl: { ArrowDown: 'nextElementSibling', ArrowUp: 'previousElementSibling', ArrowRight: 'previousElementSibling', ArrowLeft: 'nextElementSibling' },
};

const arrowStep = (key: string): Step | undefined => ARROWS[document.documentElement.dir === 'rtl' ? 'rtl' : 'ltr'][key];

function onKey(e: KeyboardEvent): void {
  if (e.altKey && /^[1-9]$/.test(e.key)) {
    const tab = state.screen.tabs[Number(e.key) - 1];
    if (tab) showTab(tab);
    return;
  }
  const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
  if (typing || e.ctrlKey || e.metaKey || e.altKey || byId<HTMLDialogElement>('reject-dialog').open || byId<HTMLDialogElement>('stock-dialog').open) return;
  const card = (e.target as HTMLElement).closest?.('[data-order-id]') as HTMLElement | null;
  if (card && (e.key === 'Enter' || e.key === ' ')) {
    e.preventDefault();
    const order = state.orders.find((o) => o.id === Number(card.dataset.orderId));
    if (order) void tapOrder(order);
  } else if (e.key === 'b' || e.key === 'B') {
    const target = bumpTarget();
    if (target) void act(target.order, target.action);
  } else if (e.key === 'u' || e.key === 'U') {
    undoBar.undoLatest();
  } else if (e.key === 's' || e.key === 'S') {
    void toggleSound();
  } else if ((e.key === 't' || e.key === 'T') && !byId('station-filter').hidden) {
    byId('station-filter').focus();
  } else if (e.key === '/') {
    e.preventDefault();
    showTab('done');
    byId('done-search').focus();
  } else if (card && arrowStep(e.key)) {
    e.preventDefault();
    const step = arrowStep(e.key)!;
    (card[step] as HTMLElement | null)?.focus();
  }
}

function wire(): void {
  for (const t of TABS) byId(`tab-${t}`).addEventListener('click', () => showTab(t));
  byId('setup-hint-link').addEventListener('click', () => showTab('settings'));
  byId('sound-toggle').addEventListener('click', () => void toggleSound());
  byId('done-search').addEventListener('input', () => renderDoneList());
  byId('load-more').addEventListener('click', () => {
    state.limit = Math.min(state.limit + PAGE, 2000);
    void refreshOrders();
  });
  const dialog = byId<HTMLDialogElement>('detail');
  byId('detail-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => (state.openOrderId = null));
  byId('reject-cancel').addEventListener('click', () => byId<HTMLDialogElement>('reject-dialog').close());
  document.addEventListener('keydown', onKey);

  bridge.onUpdate((update) => {
    if (update.type === 'orders') void refreshOrders();
    if (update.type === 'health') void refreshHealth();
    if (update.type === 'app-status' && state.screen.settings) void appStatus.refresh();
    if (update.type === 'core-restarted') {
      // The reason (an exit code, a signal) is in the diagnostics; staff need to know nothing was lost.
      replaceChildren(byId('core-note'), t('board.coreRestarted', { time: ltr(clockTime(update.at)) }));
      byId('core-note').hidden = false;
      void Promise.all([refreshOrders(), refreshHealth()]);
    }
  });
  window.setInterval(() => renderOrders(), 1_000);
}

/** The board's screens (desktop, counter, station): tabs and controls this screen does not offer are hidden. */
function startBoard(): void {
  for (const t of TABS) byId(`tab-${t}`).hidden = !state.screen.tabs.includes(t);
  document.querySelector<HTMLElement>('.tabs')!.hidden = state.screen.tabs.length < 2;
  moreTabs.shown(state.tab, state.screen.tabs);
  byId('sound-toggle').hidden = !state.screen.settings && !state.screen.accepts;
  renderSoundToggle();
  wire();
  void (async () => {
    await refreshSettings();
    await Promise.all([refreshOrders(), refreshHealth()]);
    document.body.dataset.ready = 'true';
  })();
}

void (async () => {
  const grant = await bridge.screenGrant();
  if (!grant.ok) {
    screenNotKnown(grant.error);
    return;
  }
  // Styles and tests read the kind of screen here.
  document.body.dataset.screen = grant.value.kind;
  const screen = screenFeatures(grant.value);
  // The desktop window speaks the counter's language (Settings); a LAN screen its own, chosen on it.
  const settings = screen.view === 'board' && screen.settings ? await bridge.getSettings() : null;
  useLanguage(settings?.ok ? settings.value.settings.language : screenLanguage());
  if (screen.view === 'pickup') startPickupView(bridge);
  else if (screen.view === 'expo') startExpoView(bridge, toast);
  else {
    state.screen = screen;
    // A counter or station screen chooses its own language; the desktop window's is in Settings.
    if (!screen.settings) showLanguagePicker(document.querySelector<HTMLElement>('.top')!);
    startBoard();
  }
})();
