import type { OrderSummary } from '../common/bridge-api.js';
import { h, replaceChildren } from './dom.js';
import { waited } from './format.js';
import { actionButtons, type CardHandlers } from './order-card.js';
import { startedAt } from './order-timing.js';

// Orders klikit cancels unless someone accepts them: a full-width banner that stays, with how long
// each has waited, until someone accepts or rejects.

const SHOWN = 3;

export function renderAcceptAlert(banner: HTMLElement, waiting: readonly OrderSummary[], now: number, handlers: CardHandlers): void {
  banner.hidden = waiting.length === 0;
  // The clock ticks every second: only the waiting times change then, so the buttons under a finger stay put.
  const key = JSON.stringify(waiting);
  if (banner.dataset.key === key) {
    for (const o of waiting) {
      const wait = banner.querySelector(`[data-waiting-order="${o.id}"] .alert-wait`);
      if (wait) wait.textContent = `waiting ${waited(startedAt(o), now)}`;
    }
    return;
  }
  banner.dataset.key = key;
  if (waiting.length === 0) {
    replaceChildren(banner);
    return;
  }
  replaceChildren(
    banner,
    h('div', { class: 'alert-title' }, waiting.length === 1 ? 'ORDER WAITING FOR ACCEPTANCE' : `${waiting.length} ORDERS WAITING FOR ACCEPTANCE`, h('span', { class: 'alert-why' }, ' — klikit cancels orders nobody accepts')),
    ...waiting.slice(0, SHOWN).map((o) =>
      h(
        'div',
        { class: 'alert-order', 'data-waiting-order': o.id },
        h('span', { class: 'order-id' }, `#${o.shortId}`),
        h('span', { class: 'alert-what' }, `${o.provider} · ${o.itemCount} item${o.itemCount === 1 ? '' : 's'}`),
        h('span', { class: 'alert-wait' }, `waiting ${waited(startedAt(o), now)}`),
        h('span', { class: 'card-actions' }, ...actionButtons(o, handlers)),
      ),
    ),
    waiting.length > SHOWN ? h('div', { class: 'alert-more' }, `and ${waiting.length - SHOWN} more on the board`) : null,
  );
}
