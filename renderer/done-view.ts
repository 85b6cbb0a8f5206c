import type { OrderSummary } from '../common/bridge-api.js';
import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';
import { clockTime } from './format.js';
import type { CardHandlers } from './order-card.js';
import { orderType } from './order-words.js';

// Ready, picked up, delivered and cancelled orders, newest first, searchable by the number staff
// call, provider, brand or item. An order bumped by mistake comes back to the board with Recall.

function matches(order: OrderSummary, query: string): boolean {
  if (query === '') return true;
  const haystack = [order.shortId, String(order.id), order.provider, order.statusLabel, ...order.brands, ...order.lines.map((l) => l.name)].join(' ').toLowerCase();
  return query.toLowerCase().split(/\s+/).every((word) => haystack.includes(word.replace(/^#/, '')));
}

export function renderDone(list: HTMLElement, done: readonly OrderSummary[], query: string, handlers: CardHandlers, recall: (order: OrderSummary) => void): void {
  const shown = done.filter((o) => matches(o, query.trim()));
  if (shown.length === 0) {
    replaceChildren(list, h('li', { class: 'empty' }, query ? t('board.done.noMatch', { query }) : t('board.done.none')));
    return;
  }
  replaceChildren(
    list,
    ...shown.map((o) =>
      h(
        'li',
        { class: `done-row${o.cancelled ? ' order-cancelled' : ''}`, tabindex: 0, 'data-order-id': o.id, onclick: () => handlers.open(o) },
        h('span', { class: 'order-id' }, `#${o.shortId}`),
        h('span', { class: 'done-time' }, clockTime(o.createdAt ?? o.firstSeenAt)),
        h('span', { class: `status${o.cancelled ? ' status-cancelled' : ''}` }, o.statusLabel),
        h('span', { class: 'done-what' }, `${o.provider} · ${orderType(o)} · ${o.lines.map((l) => `${l.quantity}× ${l.name}`).join(', ')}`),
        h(
          'span',
          { class: 'card-actions' },
          o.cancelled
            ? null
            : h('button', {
                type: 'button',
                class: 'act act-recall',
                'data-action': 'recall',
                onclick: ((e: Event) => {
                  e.stopPropagation();
                  recall(o);
                }) as EventListener,
              }, t('board.done.recall')),
        ),
      ),
    ),
  );
}
