import type { OrderSummary } from '../common/bridge-api.js';
import { h, replaceChildren } from './dom.js';
import { buildCard, type CardHandlers } from './order-card.js';
import { age } from './format.js';
import { startedAt, timing } from './order-timing.js';

// The kitchen board: active orders as cards, oldest first. Cards are keyed by order id and rebuilt
// only when what they show changes, so a push update on a long list touches a handful of nodes.

export const oldestFirst = (a: OrderSummary, b: OrderSummary): number => startedAt(a).localeCompare(startedAt(b)) || a.id - b.id;

// The age ticks every second and is written in place; a card is rebuilt only when what else it shows
// changes (the order, or its on-time colour), so a button under a finger is never swapped mid-tap.
function cardKey(order: OrderSummary, now: number, station: string | null): string {
  return `${JSON.stringify(order)}|${timing(order, now)}|${station ?? ''}`;
}

export function createBoardView(list: HTMLElement, handlers: CardHandlers) {
  const cards = new Map<number, { el: HTMLElement; key: string }>();

  return {
    /** `station`: the cards show only that station's lines (the caller already kept its orders). */
    render(active: readonly OrderSummary[], now: number, station: string | null = null): void {
      if (active.length === 0) {
        cards.clear();
        const empty = station === null ? 'No orders in the kitchen. New orders appear here as soon as they arrive.' : 'No orders for this station. Choose All to see every order.';
        replaceChildren(list, h('li', { class: 'empty' }, empty));
        return;
      }
      list.querySelector(':scope > .empty')?.remove();
      const seen = new Set<number>();
      let previous: Element | null = null;
      for (const order of active) {
        seen.add(order.id);
        const key = cardKey(order, now, station);
        let card = cards.get(order.id);
        if (!card || card.key !== key) {
          const el = buildCard(order, now, handlers, station);
          if (card) {
            // A cook who moved to a card with the arrows keeps it when the card is rebuilt under them.
            const hadFocus = card.el.contains(document.activeElement);
            card.el.replaceWith(el);
            if (hadFocus) el.focus({ preventScroll: true });
          }
          card = { el, key };
          cards.set(order.id, card);
        }
        const ageText = age(startedAt(order), now);
        const ageEl = card.el.querySelector('.age');
        if (ageEl && ageEl.textContent !== ageText) ageEl.textContent = ageText;
        const expected: Element | null = previous ? previous.nextElementSibling : list.firstElementChild;
        if (expected !== card.el) list.insertBefore(card.el, expected);
        previous = card.el;
      }
      for (const [id, card] of cards) {
        if (!seen.has(id)) {
          card.el.remove();
          cards.delete(id);
        }
      }
    },
  };
}
