import type { OrderSummary } from '../common/bridge-api.js';
import { createBoardLayout } from './board-layout.js';
import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';
import { createLineFitter } from './fit-lines.js';
import { buildCard, tickCard, type CardContext, type CardHandlers } from './order-card.js';
import { startedAt, timing } from './order-timing.js';

// The kitchen board: active orders (and VOID cards until acknowledged) as cards, oldest first. Cards
// are keyed by order id and rebuilt only when what they show changes, so a push update on a long list
// touches a handful of nodes.

export const oldestFirst = (a: OrderSummary, b: OrderSummary): number => startedAt(a).localeCompare(startedAt(b)) || a.id - b.id;

// The age ticks every second and is written in place; a card is rebuilt only when what else it shows
// changes (the order, its on-time colour, the station or the klikit mode), so a button under a finger
// is never swapped mid-tap.
function cardKey(order: OrderSummary, ctx: CardContext): string {
  const held = order.lastAction?.state === 'held' && order.lastAction.undoUntil ? Math.ceil((Date.parse(order.lastAction.undoUntil) - ctx.now) / 1000) : '';
  // The station's name too: a station screen's first cards may be drawn before the printers' names arrive.
  const station = ctx.station === null ? '' : `${ctx.station}:${ctx.stationName(ctx.station)}`;
  return `${JSON.stringify(order)}|${timing(order, ctx.now)}|${station}|${ctx.relayOnly}|${held}`;
}

/** `stack`: the header, strip and banners above the board, whose height the board's rows leave free. */
export function createBoardView(list: HTMLElement, stack: HTMLElement, handlers: CardHandlers) {
  const cards = new Map<number, { el: HTMLElement; key: string }>();
  const layout = createBoardLayout(list, stack);
  const fitter = createLineFitter(layout.measured);
  const drop = (el: HTMLElement): void => {
    fitter.forget(el);
    layout.forget(el);
  };

  return {
    /** `ctx.station`: the cards show only that station's lines (the caller already kept its orders). */
    render(orders: readonly OrderSummary[], ctx: CardContext): void {
      if (orders.length === 0) {
        for (const card of cards.values()) drop(card.el);
        cards.clear();
        const empty =
          ctx.station === null
            ? t('board.empty.all')
            : ctx.stationScreen === true
              ? t('board.empty.stationScreen')
              : t('board.empty.station');
        replaceChildren(list, h('li', { class: 'empty' }, empty));
        layout.changed();
        return;
      }
      list.querySelector(':scope > .empty')?.remove();
      const seen = new Set<number>();
      let previous: Element | null = null;
      let moved = false;
      for (const order of orders) {
        seen.add(order.id);
        const key = cardKey(order, ctx);
        let card = cards.get(order.id);
        if (!card || card.key !== key) {
          const el = buildCard(order, handlers, ctx);
          if (card) {
            // A cook who moved to a card with the arrows keeps it when the card is rebuilt under them.
            const hadFocus = card.el.contains(document.activeElement);
            card.el.replaceWith(el);
            layout.replace(card.el, el);
            fitter.replace(card.el, el);
            if (hadFocus) el.focus({ preventScroll: true });
          } else {
            fitter.observe(el);
          }
          card = { el, key };
          cards.set(order.id, card);
          moved = true;
        }
        tickCard(card.el, order, ctx.now);
        const expected: Element | null = previous ? previous.nextElementSibling : list.firstElementChild;
        if (expected !== card.el) {
          list.insertBefore(card.el, expected);
          moved = true;
        }
        previous = card.el;
      }
      for (const [id, card] of cards) {
        if (!seen.has(id)) {
          drop(card.el);
          card.el.remove();
          cards.delete(id);
          moved = true;
        }
      }
      if (moved) layout.changed();
    },
  };
}
