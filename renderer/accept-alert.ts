import type { OrderSummary } from '../common/bridge-api.js';
import { alarmStage, timeLeftMs } from '../common/acceptance.js';
import { acceptCountdown } from './acceptance-countdown.js';
import { ACCEPTANCE_WORDS } from './acceptance-words.js';
import { ltr } from './bidi.js';
import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';
import { orderWhat } from './order-words.js';
import { waited } from './format.js';
import { actionButtons, type CardContext, type CardHandlers } from './order-card.js';
import { startedAt } from './order-timing.js';

// Orders klikit cancels unless someone accepts them: one compact strip under the header that stays in
// view while the board scrolls, with the count and the longest wait first, then each order as a chip
// with its Accept and Reject. A relay-only counter cannot accept from here: the strip says where.

export function longestWait(waiting: readonly OrderSummary[], now: number): string {
  const oldest = waiting.map(startedAt).sort()[0];
  return oldest ? waited(oldest, now) : '';
}

/** What the strip and the header say of the waiting orders: how soon the first is cancelled, else the longest wait. */
export function waitingSummary(waiting: readonly OrderSummary[], now: number): string {
  const first = waiting.flatMap((o) => (o.acceptBy ? [o.acceptBy] : [])).sort((a, b) => a.cancelsAt.localeCompare(b.cancelsAt))[0];
  return first ? ACCEPTANCE_WORDS.firstCancels(timeLeftMs(first, now), alarmStage(first, now)) : t('board.alert.longest', { wait: ltr(longestWait(waiting, now)) });
}

export function renderAcceptAlert(strip: HTMLElement, waiting: readonly OrderSummary[], handlers: CardHandlers, ctx: CardContext): void {
  strip.hidden = waiting.length === 0;
  // The clock ticks every second: only the waiting times change then, so the buttons under a finger stay put.
  const key = `${JSON.stringify(waiting)}|${ctx.relayOnly}`;
  if (strip.dataset.key === key) {
    for (const o of waiting) {
      const wait = strip.querySelector(`[data-waiting-order="${o.id}"] .alert-wait`);
      if (wait) wait.textContent = waited(startedAt(o), ctx.now);
    }
    const longest = strip.querySelector('.alert-longest');
    if (longest) longest.textContent = waitingSummary(waiting, ctx.now);
    return;
  }
  strip.dataset.key = key;
  if (waiting.length === 0) {
    replaceChildren(strip);
    return;
  }
  const what = ctx.relayOnly ? t('board.alert.relayOnly') : t('board.alert.why');
  replaceChildren(
    strip,
    h(
      'div',
      { class: 'alert-title' },
      h('span', { class: 'alert-count' }, t('board.alert.count', { count: waiting.length })),
      h('span', { class: 'alert-longest' }, waitingSummary(waiting, ctx.now)),
      // On a narrow till the reason gives its room to the orders' buttons; where no button can accept, it says where to.
      h('span', { class: ctx.relayOnly ? 'alert-why alert-why-elsewhere' : 'alert-why' }, what),
    ),
    h(
      'div',
      { class: 'alert-orders' },
      ...waiting.map((o) =>
        h(
          'div',
          { class: 'alert-order', 'data-waiting-order': o.id },
          h('span', { class: 'order-id' }, `#${o.shortId}`),
          h('span', { class: 'alert-what' }, orderWhat(o)),
          // The time left before the platform cancels it says more than the time waited; orders without a deadline show the wait.
          acceptCountdown(o, ctx.now) ?? h('span', { class: 'alert-wait' }, waited(startedAt(o), ctx.now)),
          h('span', { class: 'card-actions' }, ...actionButtons(o, handlers, ctx, ['accepted', 'rejected'])),
        ),
      ),
    ),
  );
}
