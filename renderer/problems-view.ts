import type { Problem } from '../common/bridge-api.js';
import type { MessageKey } from '../common/i18n/catalogue.js';
import { ltr } from './bidi.js';
import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';
import { dateTime } from './format.js';

const KIND_TEXT = {
  quarantine: 'board.problems.quarantine',
  job: 'board.problems.job',
  duplicate: 'board.problems.duplicate',
  action: 'board.problems.action',
  characters: 'board.problems.characters',
  unrouted: 'board.problems.unrouted',
} as const satisfies Record<Problem['kind'], MessageKey>;

export function renderProblems(container: HTMLElement, problems: readonly Problem[], openOrder: (orderId: number) => void): void {
  if (problems.length === 0) {
    replaceChildren(container, h('p', { class: 'empty' }, t('board.problems.none')));
    return;
  }
  replaceChildren(
    container,
    h(
      'ul',
      { class: 'problems' },
      ...problems.map((p) =>
        h(
          'li',
          { class: `problem problem-${p.kind}` },
          h('time', {}, dateTime(p.at)),
          h(
            'div',
            { class: 'problem-title' },
            h('span', { class: 'problem-kind' }, t(KIND_TEXT[p.kind])),
            p.orderId !== null
              ? h('button', { type: 'button', class: 'link order-link', 'data-open-order': p.orderId, onclick: () => openOrder(p.orderId!) }, t('board.problems.order', { number: ltr(p.orderNumber ?? p.orderId) }))
              : null,
            h('strong', {}, p.title),
          ),
          h('span', { class: 'reason' }, p.reason),
        ),
      ),
    ),
  );
}
