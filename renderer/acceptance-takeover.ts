import type { OrderSummary } from '../common/bridge-api.js';
import { acceptCountdown, stageOf } from './acceptance-countdown.js';
import { ACCEPTANCE_WORDS } from './acceptance-words.js';
import { h, replaceChildren } from './dom.js';
import { orderWhat } from './order-words.js';
import { actionButtons, type CardContext, type CardHandlers } from './order-card.js';

// The last minutes before a platform cancels a waiting order: a band across the whole width of the
// window, over the header, that nobody at the pass can miss on a 1024×600 screen, with the order's
// number, its time left and Accept right there, and Reject (the band covers the strip, and a kitchen
// that cannot cook the order should say so rather than let the platform count a miss). It goes as
// soon as the order is accepted, rejected or cancelled: the summary stops waiting, the band empties.

const SHOWN = 2;

/** Waiting orders in their last minutes (or past them, until klikit says what happened), most pressing first. */
export function urgentOrders(waiting: readonly OrderSummary[], now: number): OrderSummary[] {
  return waiting
    .filter((o) => {
      const stage = stageOf(o, now);
      return stage === 'urgent' || stage === 'expired';
    })
    .sort((a, b) => a.acceptBy!.cancelsAt.localeCompare(b.acceptBy!.cancelsAt) || a.id - b.id);
}

export function renderTakeover(band: HTMLElement, waiting: readonly OrderSummary[], handlers: CardHandlers, ctx: CardContext): void {
  const urgent = urgentOrders(waiting, ctx.now);
  band.hidden = urgent.length === 0;
  // Rebuilt only when the orders or what they allow change; the countdowns tick in place.
  const key = `${JSON.stringify(urgent.map((o) => [o.id, o.actions, o.acceptBy]))}|${ctx.relayOnly}`;
  if (band.dataset.key === key) return;
  band.dataset.key = key;
  if (urgent.length === 0) {
    replaceChildren(band);
    return;
  }
  const shown = urgent.slice(0, SHOWN);
  replaceChildren(
    band,
    h('div', { class: 'takeover-title' }, ACCEPTANCE_WORDS.takeoverTitle(urgent.length)),
    ...shown.map((o) =>
      h(
        'div',
        { class: 'takeover-order', 'data-takeover-order': o.id },
        h('span', { class: 'takeover-id' }, `#${o.shortId}`),
        h('span', { class: 'takeover-what' }, orderWhat(o)),
        acceptCountdown(o, ctx.now),
        h('span', { class: 'takeover-actions' }, ...actionButtons(o, handlers, ctx, ['accepted', 'rejected'])),
      ),
    ),
    h('div', { class: 'takeover-why' }, ctx.relayOnly ? ACCEPTANCE_WORDS.takeoverRelayOnly() : ACCEPTANCE_WORDS.takeoverWhy(), urgent.length > SHOWN ? ` ${ACCEPTANCE_WORDS.takeoverMore(urgent.length - SHOWN)}` : ''),
  );
}
