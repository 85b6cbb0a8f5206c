import type { BridgeApi, BridgeResult, Health, OrderSummary } from '../common/bridge-api.js';
import { ACTION_LABELS, type OrderAction } from '../common/order-actions.js';
import { onBoard } from './attention.js';
import { oldestFirst } from './board-view.js';
import { byId, h, replaceChildren } from './dom.js';
import { readyToHandOut, stationsOf } from './expo-orders.js';
import { age } from './format.js';
import { renderHealth } from './health-view.js';
import { actionText, orderType } from './order-card.js';
import { startedAt, timing } from './order-timing.js';
import { fmt, t } from './i18n.js';
import { renderScreenName, showLanguagePicker } from './screen-frame.js';
import { createUndoBar } from './undo-bar.js';

// The expo screen: where orders are checked and handed out. Every order in the kitchen with each
// station's progress (done or still cooking), and beside them the ready orders waiting for their rider
// or customer. Expo bumps orders Ready and Picked up; accepting stays with the counter.

const PAGE = 300;
/** Lines an expo card lists before "+N more": enough to check a bag, not a ticket. */
const EXPO_LINES = 6;

type StationName = (id: string) => string;

function stationChips(order: OrderSummary, name: StationName): HTMLElement | null {
  const stations = stationsOf(order);
  if (stations.length === 0) return null;
  return h(
    'div',
    { class: 'expo-stations' },
    ...stations.map((id) => {
      const done = order.stationsDone.includes(id);
      return h('span', { class: `station ${done ? 'station-done' : 'station-open'}`, 'data-station': id }, done ? t('screens.expo.stationDone', { station: name(id) }) : t('screens.expo.stationCooking', { station: name(id) }));
    }),
  );
}

function lines(order: OrderSummary): HTMLElement {
  const shown = order.lines.slice(0, EXPO_LINES);
  const more = order.lines.length - shown.length + order.moreLines;
  return h(
    'ul',
    { class: 'expo-lines' },
    ...shown.map((l) => {
      const done = (l.stations?.length ?? 0) > 0 && l.stations!.every((s) => order.stationsDone.includes(s));
      return h('li', { class: done ? 'expo-line expo-line-done' : 'expo-line' }, h('span', { class: 'qty', dir: 'ltr' }, `${fmt().number(l.quantity)}×`), ` ${l.name}`);
    }),
    more > 0 ? h('li', { class: 'expo-line expo-line-more' }, t('screens.expo.moreLines', { count: more })) : null,
  );
}

/** What the order waits for, in words, when no button says it. */
function note(order: OrderSummary, now: number): string | null {
  if (order.attention === 'void') return t('screens.expo.void');
  if (order.waitingForAcceptance) return t('screens.expo.waitingAccept');
  const action = actionText(order.lastAction, now);
  if (action && order.lastAction?.state !== 'held') return action.text;
  const stations = stationsOf(order);
  if (order.active && stations.length > 0 && stations.every((s) => order.stationsDone.includes(s))) return t('screens.expo.allStationsDone');
  return null;
}

type Act = (order: OrderSummary, action: OrderAction) => void;

/** `offered`: the bumps this column makes (Ready in the kitchen, Picked up once ready, where the stations are history). */
function expoCard(order: OrderSummary, now: number, name: StationName, act: Act, offered: readonly OrderAction[]): HTMLElement {
  const when = timing(order, now);
  const buttons = order.actions.filter((a) => offered.includes(a));
  const words = note(order, now);
  return h(
    'li',
    { class: `expo-order timing-${when}${order.attention === 'void' ? ' order-void' : ''}`, 'data-order-id': order.id },
    h(
      'div',
      { class: 'expo-head' },
      h('span', { class: 'order-id', dir: 'ltr' }, `#${order.shortId}`),
      order.customerName ? h('span', { class: 'customer' }, order.customerName) : null,
      h('span', { class: `age timing timing-${when}`, 'data-since': startedAt(order) }, age(startedAt(order), now)),
    ),
    h('div', { class: 'expo-meta' }, h('span', { class: 'provider' }, order.provider), h('span', { class: 'type' }, orderType(order))),
    offered.includes('ready') ? stationChips(order, name) : null,
    lines(order),
    h(
      'div',
      { class: 'expo-foot' },
      words ? h('span', { class: 'expo-note' }, words) : null,
      ...buttons.map((action) =>
        h('button', { type: 'button', class: `act act-${action}`, 'data-action': action, onclick: () => act(order, action) }, ACTION_LABELS[action]),
      ),
    ),
  );
}

export function startExpoView(bridge: BridgeApi, toast: (message: string, ok: boolean) => void): void {
  const cooking = h('ol', { class: 'expo-list', id: 'expo-cooking', 'aria-label': t('screens.expo.cooking') });
  const ready = h('ol', { class: 'expo-list', id: 'expo-ready', 'aria-label': t('screens.expo.ready') });
  const cookingCount = h('span', { class: 'expo-count' });
  const readyCount = h('span', { class: 'expo-count' });
  const header = document.querySelector<HTMLElement>('.top')!;
  renderScreenName(header, t('screens.expo.name'));
  showLanguagePicker(header);
  const main = document.querySelector('main')!;
  main.append(
    h(
      'section',
      { class: 'expo', id: 'view-expo' },
      h('section', { class: 'expo-col expo-col-cooking' }, h('h2', {}, t('screens.expo.cooking'), ' ', cookingCount), cooking),
      h('section', { class: 'expo-col expo-col-ready' }, h('h2', {}, t('screens.expo.ready'), ' ', readyCount), ready),
    ),
  );
  let orders: OrderSummary[] = [];
  let health: Health | null = null;
  const keys = { cooking: '', ready: '' };
  const undoBar = createUndoBar(byId('undo-bar'), (order, _station, undoUntil) => void recall(order, undoUntil));

  const stationName: StationName = (id) => health?.printers.find((p) => p.id === id)?.name ?? id;

  function unwrap<T>(result: BridgeResult<T>): T | undefined {
    if (result.ok) return result.value;
    toast(result.error, false);
    return undefined;
  }

  async function act(order: OrderSummary, action: OrderAction): Promise<void> {
    const outcome = unwrap(await bridge.orderAction({ orderId: order.id, action }));
    if (outcome && !outcome.ok) toast(outcome.message, false);
    if (outcome) undoBar.made(order.id, action, null, outcome);
    void refreshOrders();
  }

  async function recall(order: OrderSummary, undoUntil: string): Promise<void> {
    const outcome = unwrap(await bridge.recallAction({ orderId: order.id, undoUntil }));
    if (outcome) toast(outcome.message, outcome.ok);
    void refreshOrders();
  }

  /** Rebuilds a column only when what it shows changed, so a button under a finger stays put; ages tick in place. */
  function renderColumn(list: HTMLElement, count: HTMLElement, which: keyof typeof keys, shown: readonly OrderSummary[], now: number, offered: readonly OrderAction[], empty: string): void {
    count.textContent = fmt().number(shown.length);
    const key = JSON.stringify(shown.map((o) => [o, timing(o, now)])) + JSON.stringify(health?.printers.map((p) => p.name));
    if (keys[which] !== key) {
      keys[which] = key;
      if (shown.length === 0) replaceChildren(list, h('li', { class: 'empty' }, empty));
      else replaceChildren(list, ...shown.map((o) => expoCard(o, now, stationName, (order, action) => void act(order, action), offered)));
    }
    for (const el of list.querySelectorAll<HTMLElement>('[data-since]')) {
      const text = age(el.dataset.since!, now);
      if (el.textContent !== text) el.textContent = text;
    }
  }

  function render(now = Date.now()): void {
    const inKitchen = orders.filter(onBoard).sort(oldestFirst);
    renderColumn(cooking, cookingCount, 'cooking', inKitchen, now, ['ready'], t('screens.expo.noneCooking'));
    renderColumn(ready, readyCount, 'ready', readyToHandOut(orders), now, ['picked_up'], t('screens.expo.noneReady'));
    undoBar.render(orders, now);
  }

  async function refreshOrders(): Promise<void> {
    const list = unwrap(await bridge.listOrders({ limit: PAGE }));
    if (!list) return;
    orders = list;
    render();
  }

  async function refreshHealth(): Promise<void> {
    const value = unwrap(await bridge.getHealth());
    if (!value) return;
    health = value;
    renderHealth(byId('health'), byId('banner'), value);
    render();
  }

  bridge.onUpdate((update) => {
    if (update.type === 'orders') void refreshOrders();
    if (update.type === 'health') void refreshHealth();
    if (update.type === 'core-restarted') void Promise.all([refreshOrders(), refreshHealth()]);
  });
  window.setInterval(() => render(), 1_000);
  void Promise.all([refreshOrders(), refreshHealth()]).then(() => {
    document.body.dataset.ready = 'true';
  });
}
