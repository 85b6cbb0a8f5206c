import type { OrderSummary } from '../common/bridge-api.js';
import { h, replaceChildren } from './dom.js';
import { ltr } from './bidi.js';
import { t } from './i18n.js';
import { actionLabel } from './order-words.js';
import { countdown } from './order-card.js';

// A bump is held for a few seconds before it goes to klikit (a rider is dispatched on READY): the bar
// at the bottom of the screen offers Undo for each held bump, with its countdown, until it is sent.

export const heldBumps = (orders: readonly OrderSummary[], now: number): OrderSummary[] =>
  orders.filter((o) => o.lastAction?.state === 'held' && o.lastAction.undoUntil !== null && Date.parse(o.lastAction.undoUntil) > now);

export function renderUndoBar(bar: HTMLElement, held: readonly OrderSummary[], now: number, undo: (order: OrderSummary) => void): void {
  bar.hidden = held.length === 0;
  const key = held.map((o) => `${o.id}:${o.lastAction!.undoUntil}`).join(',');
  if (bar.dataset.key === key) {
    for (const o of held) {
      const left = bar.querySelector(`[data-undo-order="${o.id}"] .undo-left`);
      if (left) left.textContent = countdown(o.lastAction!.undoUntil!, now);
    }
    return;
  }
  bar.dataset.key = key;
  replaceChildren(
    bar,
    ...held.map((o) =>
      h(
        'div',
        { class: 'undo-item', 'data-undo-order': o.id },
        h('span', { class: 'undo-what' }, t('board.undo.what', { number: ltr(o.shortId), action: actionLabel(o.lastAction!.action) })),
        h('button', { type: 'button', class: 'undo', title: t('board.undo.title'), onclick: () => undo(o) }, t('board.undo.button'), ' ', h('span', { class: 'undo-left' }, countdown(o.lastAction!.undoUntil!, now))),
      ),
    ),
  );
}
