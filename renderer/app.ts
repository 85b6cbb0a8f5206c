import type { BridgeApi, BridgeResult, Health, OrderSummary, RouteChoices } from '../common/bridge-api.js';
import { REJECT_REASONS, type OrderAction } from '../common/order-actions.js';
import type { SettingsView } from '../common/settings.js';
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
import { shownActions, type CardContext, type CardHandlers } from './order-card.js';
import { renderProblems } from './problems-view.js';
import { renderSettings } from './settings-view.js';
import { createChime } from './sound.js';
import { createStationFilter, ordersForStation } from './station-filter.js';
import { heldBumps, renderUndoBar } from './undo-bar.js';

// The window's controller: fetches through window.bridge, re-fetches on pushes, and owns the
// little state the views share. No polling: pushes drive every refresh (plus a one-second tick that
// only re-renders the waiting times and the ages).

const PAGE = 200;
const NO_ROUTE_CHOICES: RouteChoices = { brands: [], categories: [], providers: [] };
const TABS = ['queue', 'done', 'problems', 'settings', 'allday', 'numbers'] as const;
type Tab = (typeof TABS)[number];

const bridge: BridgeApi = window.bridge;
const state = {
  orders: [] as OrderSummary[],
  limit: PAGE,
  health: null as Health | null,
  settings: null as SettingsView | null,
  tab: 'queue' as Tab,
  openOrderId: null as number | null,
};

const handlers: CardHandlers = {
  tap: (order) => void tapOrder(order),
  open: (order) => void openOrder(order.id),
  act: (order, action) => void act(order, action),
};
const board = createBoardView(byId('queue'), document.querySelector<HTMLElement>('.top-stack')!, handlers);
const stationFilter = createStationFilter(byId<HTMLSelectElement>('station-filter'), () => renderOrders());
const chime = createChime();
const dayNumbers = createDayNumbersView(byId('numbers'), { bridge, toast: (message, ok) => toast(message, ok) });

function toast(message: string, ok: boolean): void {
  const el = h('div', { class: `toast ${ok ? 'ok' : 'bad'}`, role: 'status' }, message);
  byId('toasts').append(el);
  window.setTimeout(() => el.remove(), 5000);
}

const appStatus = createAppStatusView(byId('app-status'), bridge);

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
    station: stationFilter.selected(),
    stationName: (id) => printers.find((p) => p.id === id)?.name ?? id,
    relayOnly: state.health?.klikit.state === 'none',
  };
}

function renderWaitingCount(list: readonly OrderSummary[], now: number): void {
  const pill = byId('waiting-count');
  pill.hidden = list.length === 0;
  const text = `${list.length} to accept · ${longestWait(list, now)}`;
  if (pill.textContent !== text) pill.textContent = text;
}

function renderOrders(now = Date.now()): void {
  const ctx = cardContext(now);
  const shown = onTheBoard();
  const waitingNow = shown.filter((o) => o.waitingForAcceptance);
  board.render(ordersForStation(shown, ctx.station), ctx);
  renderAcceptAlert(byId('accept-alert'), waitingNow, handlers, ctx);
  renderWaitingCount(waitingNow, now);
  renderUndoBar(byId('undo-bar'), heldBumps(state.orders, now), now, (order) => void recall(order));
}

function renderDoneList(): void {
  const done = state.orders.filter((o) => !onBoard(o));
  renderDone(byId('done-list'), done, byId<HTMLInputElement>('done-search').value, handlers, (order) => void recall(order));
}

function soundOn(): boolean {
  return state.settings?.settings.sound ?? false;
}

async function refreshOrders(): Promise<void> {
  const orders = unwrap(await bridge.listOrders({ limit: state.limit }));
  if (!orders) return;
  state.orders = orders;
  renderOrders();
  if (state.tab === 'done') renderDoneList();
  byId('load-more').hidden = orders.length < state.limit;
  const attention = orders.filter(alerting).length;
  document.title = attention > 0 ? `(${attention}) Kitchen bridge` : 'Kitchen bridge';
  // Tests and the curious read whether the chime repeats here (Web Audio leaves no other trace).
  document.body.dataset.chime = String(attention > 0 && soundOn());
  chime.set(attention > 0 && soundOn());
  if (state.openOrderId !== null) void showDetail(state.openOrderId);
  if (state.tab === 'problems') await refreshProblems();
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
  stationFilter.update(health.printers);
  renderHealth(byId('health'), byId('banner'), health);
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
  button.textContent = on ? 'Sound: on' : 'Sound: off';
  button.className = `sound-toggle ${on ? 'on' : 'off'}`;
}

async function refreshSettings(): Promise<void> {
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
  const station = action === 'ready' ? stationFilter.selected() : null;
  const outcome = unwrap(await bridge.orderAction({ orderId: order.id, action, ...(reasonCode ? { reasonCode } : {}), ...(station ? { station } : {}) }));
  if (outcome && !outcome.ok) toast(outcome.message, false);
  void refreshOrders();
}

/** Undo a held bump, or bring a done order back to the board. */
async function recall(order: OrderSummary): Promise<void> {
  const outcome = unwrap(await bridge.recallAction(order.id));
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
  replaceChildren(byId('reject-title'), `Reject order #${order.shortId}?`);
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
      }, r.label),
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
  state.tab = tab;
  for (const t of TABS) {
    byId(`view-${t}`).hidden = t !== tab;
    byId(`tab-${t}`).setAttribute('aria-selected', String(t === tab));
  }
  if (tab === 'done') renderDoneList();
  if (tab === 'problems') void refreshProblems();
  if (tab === 'settings') void Promise.all([refreshSettings(), appStatus.refresh()]);
  if (tab === 'numbers') void dayNumbers.refresh();
  void refreshAllDay();
}

/** The one next step of the focused card (or the oldest waiting order): accept, else ready (the station's with one chosen), else picked up. */
function bumpTarget(): { order: OrderSummary; action: OrderAction } | null {
  const focusedId = Number((document.activeElement as HTMLElement | null)?.dataset.orderId);
  const ctx = cardContext();
  const order = state.orders.find((o) => o.id === focusedId) ?? (ctx.relayOnly ? undefined : waiting()[0]);
  const action = order ? shownActions(order, ctx).find((a) => a !== 'rejected') : undefined;
  return order && action ? { order, action } : null;
}

function onKey(e: KeyboardEvent): void {
  if (e.altKey && /^[1-9]$/.test(e.key) && Number(e.key) <= TABS.length) {
    showTab(TABS[Number(e.key) - 1]!);
    return;
  }
  const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
  if (typing || e.ctrlKey || e.metaKey || e.altKey || byId<HTMLDialogElement>('reject-dialog').open) return;
  const card = (e.target as HTMLElement).closest?.('[data-order-id]') as HTMLElement | null;
  if (card && (e.key === 'Enter' || e.key === ' ')) {
    e.preventDefault();
    const order = state.orders.find((o) => o.id === Number(card.dataset.orderId));
    if (order) void tapOrder(order);
  } else if (e.key === 'b' || e.key === 'B') {
    const target = bumpTarget();
    if (target) void act(target.order, target.action);
  } else if (e.key === 'u' || e.key === 'U') {
    const latest = heldBumps(state.orders, Date.now()).sort((a, b) => b.lastAction!.at.localeCompare(a.lastAction!.at))[0];
    if (latest) void recall(latest);
  } else if (e.key === 's' || e.key === 'S') {
    void toggleSound();
  } else if ((e.key === 't' || e.key === 'T') && !byId('station-filter').hidden) {
    byId('station-filter').focus();
  } else if (e.key === '/') {
    e.preventDefault();
    showTab('done');
    byId('done-search').focus();
  } else if (card && ['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp'].includes(e.key)) {
    e.preventDefault();
    const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 'nextElementSibling' : 'previousElementSibling';
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
    if (update.type === 'app-status') void appStatus.refresh();
    if (update.type === 'core-restarted') {
      // The reason (an exit code, a signal) is in the diagnostics; staff need to know nothing was lost.
      replaceChildren(byId('core-note'), `The order service restarted at ${clockTime(update.at)}. No orders were lost: they are kept on disk.`);
      byId('core-note').hidden = false;
      void Promise.all([refreshOrders(), refreshHealth()]);
    }
  });
  window.setInterval(() => renderOrders(), 1_000);
}

wire();
void (async () => {
  await refreshSettings();
  await Promise.all([refreshOrders(), refreshHealth()]);
  document.body.dataset.ready = 'true';
})();
