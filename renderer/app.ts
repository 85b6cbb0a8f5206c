import type { BridgeApi, BridgeResult, Health, OrderSummary } from '../common/bridge-api.js';
import type { SettingsView } from '../common/settings.js';
import { createAppStatusView } from './app-status-view.js';
import { byId, h, replaceChildren } from './dom.js';
import { renderDetail } from './detail-view.js';
import { renderHealth } from './health-view.js';
import { renderProblems } from './problems-view.js';
import { createQueueView } from './queue-view.js';
import { renderSettings } from './settings-view.js';
import { createChime } from './sound.js';

// The window's controller: fetches through window.bridge, re-fetches on pushes, and owns the
// little state the views share. No polling: pushes drive every refresh (plus a per-minute tick
// that only re-renders the ages).

const PAGE = 200;
type Tab = 'queue' | 'problems' | 'settings';

const bridge: BridgeApi = window.bridge;
const state = {
  orders: [] as OrderSummary[],
  limit: PAGE,
  health: null as Health | null,
  settings: null as SettingsView | null,
  tab: 'queue' as Tab,
  openOrderId: null as number | null,
};

const queue = createQueueView(byId('queue'), { open: (order) => void openOrder(order) });
const chime = createChime();

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

async function refreshOrders(): Promise<void> {
  const orders = unwrap(await bridge.listOrders({ limit: state.limit }));
  if (!orders) return;
  state.orders = orders;
  queue.render(orders, Date.now());
  byId('load-more').hidden = orders.length < state.limit;
  const waiting = orders.filter((o) => !o.acknowledged && !o.cancelled).length;
  document.title = waiting > 0 ? `(${waiting}) Kitchen bridge` : 'Kitchen bridge';
  chime.set(waiting > 0 && (state.settings?.settings.sound ?? false));
  if (state.tab === 'problems') await refreshProblems();
}

async function refreshHealth(): Promise<void> {
  const health = unwrap(await bridge.getHealth());
  if (!health) return;
  state.health = health;
  renderHealth(byId('health'), byId('banner'), health);
}

async function refreshProblems(): Promise<void> {
  const problems = unwrap(await bridge.listProblems());
  if (problems) renderProblems(byId('problems'), problems);
}

async function refreshSettings(): Promise<void> {
  const view = unwrap(await bridge.getSettings());
  if (!view) return;
  state.settings = view;
  renderSettings(byId('settings'), view, { bridge, toast, saved: (v) => { state.settings = v; void refreshSettings(); } });
  byId('setup-hint').hidden = view.nextSteps.length === 0;
}

async function openOrder(order: OrderSummary): Promise<void> {
  if (!order.acknowledged) {
    unwrap(await bridge.acknowledgeOrder(order.id));
    void refreshOrders();
  }
  const detail = unwrap(await bridge.getOrder(order.id));
  if (!detail) return;
  state.openOrderId = order.id;
  const dialog = byId<HTMLDialogElement>('detail');
  renderDetail(byId('detail-content'), detail, { bridge, toast, printers: () => state.health?.printers ?? [] });
  if (!dialog.open) dialog.showModal();
}

function showTab(tab: Tab): void {
  state.tab = tab;
  for (const t of ['queue', 'problems', 'settings'] as const) {
    byId(`view-${t}`).hidden = t !== tab;
    byId(`tab-${t}`).setAttribute('aria-selected', String(t === tab));
  }
  if (tab === 'problems') void refreshProblems();
  if (tab === 'settings') void Promise.all([refreshSettings(), appStatus.refresh()]);
}

function wire(): void {
  for (const t of ['queue', 'problems', 'settings'] as const) byId(`tab-${t}`).addEventListener('click', () => showTab(t));
  byId('setup-hint-link').addEventListener('click', () => showTab('settings'));
  byId('load-more').addEventListener('click', () => {
    state.limit = Math.min(state.limit + PAGE, 2000);
    void refreshOrders();
  });
  const dialog = byId<HTMLDialogElement>('detail');
  byId('detail-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => (state.openOrderId = null));
  document.addEventListener('keydown', (e) => {
    if (e.altKey && ['1', '2', '3'].includes(e.key)) showTab((['queue', 'problems', 'settings'] as const)[Number(e.key) - 1]!);
  });

  bridge.onUpdate((update) => {
    if (update.type === 'orders') void refreshOrders();
    if (update.type === 'health') void refreshHealth();
    if (update.type === 'app-status') void appStatus.refresh();
    if (update.type === 'core-restarted') {
      replaceChildren(byId('core-note'), `The order service restarted at ${new Date(update.at).toLocaleTimeString()} (${update.reason}). No orders were lost: they are kept on disk.`);
      byId('core-note').hidden = false;
      void Promise.all([refreshOrders(), refreshHealth()]);
    }
  });
  window.setInterval(() => queue.render(state.orders, Date.now()), 30_000);
}

wire();
void (async () => {
  await refreshSettings();
  await Promise.all([refreshOrders(), refreshHealth()]);
  document.body.dataset.ready = 'true';
})();
