import type { Problem } from '../common/bridge-api.js';
import { h, replaceChildren } from './dom.js';
import { dateTime } from './format.js';

export function renderProblems(container: HTMLElement, problems: readonly Problem[]): void {
  if (problems.length === 0) {
    replaceChildren(container, h('p', { class: 'empty' }, 'No problems: every event was accepted and every ticket printed.'));
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
          h('strong', {}, p.title),
          h('span', { class: 'reason' }, p.reason),
        ),
      ),
    ),
  );
}
