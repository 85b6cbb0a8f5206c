import type { BridgeApi } from '../common/bridge-api.js';
import type { PickupBoard, PickupEntry } from '../common/pickup-board.js';
import { h, replaceChildren } from './dom.js';
import { fmt, t } from './i18n.js';
import { tileWidth, WIDE_NUMBER } from './pickup-tiles.js';
import { showLanguagePicker } from './screen-frame.js';

// The pickup board: where riders and customers stand, read from across the room. It asks the core for
// `pickupBoard` alone (numbers, providers, states), never for orders, so it cannot show a customer's
// name or what they ate. Ready numbers take most of the screen; the ones being prepared sit beside
// them, smaller. An order leaves the board once picked up.

/**
 * Sizes the number to its length: an 8-digit klikit number and a 4-digit one both fill their tile.
 * Left to right in every language, so "A-12" reads the same on an Arabic board as on the receipt.
 */
function numberEl(entry: PickupEntry, cls: string): HTMLElement {
  const el = h('span', { class: cls, dir: 'ltr' }, entry.number);
  el.style.setProperty('--chars', String(Math.max(3, entry.number.length)));
  return el;
}

const readyTile = (e: PickupEntry): HTMLElement =>
  h(
    'li',
    { class: e.number.length > WIDE_NUMBER ? 'pickup-tile pickup-tile-wide' : 'pickup-tile', 'data-number': e.number },
    numberEl(e, 'pickup-number'),
    h('span', { class: 'pickup-provider' }, e.provider),
  );

const preparingRow = (e: PickupEntry): HTMLElement =>
  h('li', { class: 'pickup-prep', 'data-number': e.number }, numberEl(e, 'pickup-prep-number'), h('span', { class: 'pickup-prep-provider' }, e.provider));

/**
 * Drops what the list cannot show from its end and says how many: a board never scrolls. The ready
 * list is oldest order first, so what drops off is the newest, which the next pickup makes room for.
 */
function fitList(list: HTMLElement): void {
  const items = [...list.children] as HTMLElement[];
  let hidden = 0;
  while (list.scrollHeight > list.clientHeight + 1 && items.length > 1) {
    items.pop()!.remove();
    hidden += 1;
  }
  if (hidden === 0) return;
  items.pop()?.remove();
  list.append(h('li', { class: 'pickup-more' }, t('screens.pickup.more', { count: hidden + 1 })));
}

export function startPickupView(bridge: BridgeApi): void {
  const ready = h('ol', { class: 'pickup-ready', id: 'pickup-ready', 'aria-label': t('screens.pickup.ready') });
  const preparing = h('ol', { class: 'pickup-preparing', id: 'pickup-preparing', 'aria-label': t('screens.pickup.preparing') });
  const clock = h('span', { class: 'pickup-clock', dir: 'ltr' });
  const head = h('header', { class: 'pickup-head' }, h('h1', {}, t('screens.pickup.title')), clock);
  const root = h(
    'section',
    { class: 'pickup', id: 'view-pickup' },
    head,
    h(
      'div',
      { class: 'pickup-cols' },
      h('section', { class: 'pickup-col pickup-col-preparing' }, h('h2', {}, t('screens.pickup.preparing')), preparing),
      h('section', { class: 'pickup-col pickup-col-ready' }, h('h2', {}, t('screens.pickup.ready')), ready),
    ),
  );
  document.body.append(root);
  showLanguagePicker(head);

  let shown = '';
  function render(board: PickupBoard): void {
    const key = JSON.stringify(board);
    if (key === shown) return;
    shown = key;
    const readyNow = board.orders.filter((o) => o.state === 'ready');
    const preparingNow = board.orders.filter((o) => o.state === 'preparing');
    ready.style.setProperty('--tile', `${tileWidth(readyNow.length)}px`);
    if (readyNow.length === 0) replaceChildren(ready, h('li', { class: 'pickup-empty' }, t('screens.pickup.noneReady')));
    else replaceChildren(ready, ...readyNow.map(readyTile));
    replaceChildren(preparing, ...preparingNow.map(preparingRow));
    fitList(ready);
    fitList(preparing);
    // The size it was fitted to: a resize fits it again (and tests wait for that).
    root.dataset.fitted = `${window.innerWidth}x${window.innerHeight}`;
  }

  async function refresh(): Promise<void> {
    const board = await bridge.pickupBoard();
    // A failed read keeps the last board: a public screen shows no error text (the link's state is the frame's).
    if (board.ok) render(board.value);
  }

  const tick = (): void => {
    const now = fmt().time(Date.now());
    if (clock.textContent !== now) clock.textContent = now;
  };
  bridge.onUpdate((update) => {
    if (update.type === 'orders' || update.type === 'core-restarted') void refresh();
  });
  window.addEventListener('resize', () => {
    shown = '';
    void refresh();
  });
  window.setInterval(tick, 1_000);
  tick();
  void refresh().then(() => {
    document.body.dataset.ready = 'true';
  });
}
