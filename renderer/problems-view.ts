import type { Problem } from '../common/bridge-api.js';
import { h, replaceChildren } from './dom.js';
import { dateTime } from './format.js';

const KIND_TEXT: Record<Problem['kind'], string> = {
  quarantine: 'Rejected event',
  job: 'Ticket',
  duplicate: 'Possible duplicate',
  action: 'Action refused',
  characters: 'Incomplete ticket',
  unrouted: 'Unrouted lines',
};

export function renderProblems(container: HTMLElement, problems: readonly Problem[], openOrder: (orderId: number) => void): void {
  if (problems.length === 0) {
    replaceChildren(container, h('p', { class: 'empty' }, 'No problems: every event was accepted, every ticket printed once and in full, and every action reached klikit.'));
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
            h('span', { class: 'problem-kind' }, KIND_TEXT[p.kind]),
            p.orderId !== null
              ? h('button', { type: 'button', class: 'link order-link', 'data-open-order': p.orderId, onclick: () => openOrder(p.orderId!) }, `Order #${p.orderNumber ?? p.orderId}`)
              : null,
            h('strong', {}, p.title),
          ),
          h('span', { class: 'reason' }, p.reason),
        ),
      ),
    ),
  );
}
