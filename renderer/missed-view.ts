import type { MissedCount } from '../common/acceptance.js';
import { ACCEPTANCE_WORDS } from './acceptance-words.js';

// Today's missed orders (cancelled by the platform while they waited for acceptance) in the header,
// with each provider's share in its title; hidden on a day without one.

export function renderMissed(pill: HTMLElement, missed: MissedCount | undefined): void {
  const today = missed?.today ?? 0;
  pill.hidden = today === 0;
  const text = ACCEPTANCE_WORDS.missedToday(today);
  if (pill.textContent !== text) pill.textContent = text;
  const day = missed?.days[0];
  pill.title = day && today > 0 ? ACCEPTANCE_WORDS.missedTitle(day.byProvider) : '';
}
