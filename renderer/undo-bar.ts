import type { OrderActionOutcome, OrderSummary } from '../common/bridge-api.js';
import type { OrderAction } from '../common/order-actions.js';
import { h, replaceChildren } from './dom.js';
import { ltr } from './bidi.js';
import { t } from './i18n.js';
import { actionLabel } from './order-words.js';
import { countdown } from './order-card.js';

// A bump is held for a few seconds before it goes to klikit (a rider is dispatched on READY): the bar
// at the bottom of the screen offers Undo for it, with its countdown, until it is sent. Only for the
// bumps made in this window: every screen is told of every held Ready (the orders are pushed to all),
// and a cook must never undo what another station, screen or tab did. So the bar remembers this
// window's own bumps, from the answers to its own calls.

/**
 * A bump this window made: the station whose share it was (null: the whole order), until when it can
 * be recalled, and whether the orders have shown it yet (the answer can come before the push).
 */
type OwnBump = { orderId: number; action: OrderAction; station: string | null; undoUntil: string; seen: boolean };

/** Still standing as this window made it: not recalled or sent since (the orders as the core pushed them last). */
function standing(bump: OwnBump, order: OrderSummary): boolean {
  if (bump.station !== null) return order.stationsDone.includes(bump.station);
  const last = order.lastAction;
  return last !== null && last.action === bump.action && (last.state === 'held' || last.state === 'local') && last.undoUntil === bump.undoUntil;
}

export type UndoBar = {
  /** This window's bump and the core's answer to it: remembered when the core says it can be undone. */
  made(orderId: number, action: OrderAction, station: string | null, outcome: OrderActionOutcome): void;
  render(orders: readonly OrderSummary[], now: number): void;
  /** Undoes the newest bump the bar offers (the U key). */
  undoLatest(): void;
};

/** Recalls exactly this window's bump: the order's, of `station` (null: whole order), with that undo time. */
export type Undo = (order: OrderSummary, station: string | null, undoUntil: string) => void;

/** One bump per order and station: a window may bump the grill's share and then the bar's of one order. */
const ownKey = (orderId: number, station: string | null): string => `${orderId}:${station ?? ''}`;

/** `undo`: recall the order's bump (with `station`, that station's share and the Ready it released). */
export function createUndoBar(bar: HTMLElement, undo: Undo): UndoBar {
  // Oldest first: a bump made again goes to the end.
  const own = new Map<string, OwnBump>();
  let offered: Array<{ order: OrderSummary; bump: OwnBump }> = [];
  return {
    made(orderId, action, station, outcome) {
      if (!outcome.ok || !outcome.undoUntil) return;
      const key = ownKey(orderId, station);
      own.delete(key);
      own.set(key, { orderId, action, station, undoUntil: outcome.undoUntil, seen: false });
    },
    render(orders, now) {
      const held: Array<{ order: OrderSummary; bump: OwnBump }> = [];
      for (const bump of own.values()) {
        const order = orders.find((o) => o.id === bump.orderId);
        const stands = order !== undefined && standing(bump, order);
        bump.seen ||= stands;
        if (Date.parse(bump.undoUntil) <= now || (bump.seen && !stands)) own.delete(ownKey(bump.orderId, bump.station));
        else if (order && stands) held.push({ order, bump });
      }
      offered = held;
      renderUndoBar(bar, held, now, undo);
    },
    undoLatest() {
      const latest = offered.at(-1);
      if (latest) undo(latest.order, latest.bump.station, latest.bump.undoUntil);
    },
  };
}

function renderUndoBar(bar: HTMLElement, held: ReadonlyArray<{ order: OrderSummary; bump: OwnBump }>, now: number, undo: Undo): void {
  bar.hidden = held.length === 0;
  const key = held.map(({ order, bump }) => `${ownKey(order.id, bump.station)}:${bump.undoUntil}`).join(',');
  if (bar.dataset.key === key) {
    // Same items in the same order as when the bar was built.
    bar.querySelectorAll('.undo-left').forEach((left, i) => {
      const bump = held[i]?.bump;
      if (bump) left.textContent = countdown(bump.undoUntil, now);
    });
    return;
  }
  bar.dataset.key = key;
  replaceChildren(
    bar,
    ...held.map(({ order, bump }) =>
      h(
        'div',
        { class: 'undo-item', 'data-undo-order': order.id, 'data-undo-station': bump.station ?? '' },
        h('span', { class: 'undo-what' }, t('board.undo.what', { number: ltr(order.shortId), action: actionLabel(bump.action) })),
        h('button', { type: 'button', class: 'undo', title: t('board.undo.title'), onclick: () => undo(order, bump.station, bump.undoUntil) }, t('board.undo.button'), ' ', h('span', { class: 'undo-left' }, countdown(bump.undoUntil, now))),
      ),
    ),
  );
}
