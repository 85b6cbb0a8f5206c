import type { BoardTab } from './screen-features.js';

// On a 1024-wide till the views used away from the rush sit under More (styles.css hides them there),
// so the header's states keep their room; wide, More is not shown and every tab is in the row.

/** The tabs that go under More on a narrow screen. */
export const SECONDARY_TABS: readonly BoardTab[] = ['settings', 'stock', 'allday', 'numbers'];

export type MoreTabs = {
  /** After a tab is shown: More is marked when the view shown is one of its own, and is hidden when it holds none. */
  shown(tab: BoardTab, offered: readonly BoardTab[]): void;
};

export function wireMoreTabs(nav: HTMLElement, more: HTMLElement, secondary: HTMLElement): MoreTabs {
  const setOpen = (open: boolean): void => {
    nav.classList.toggle('more-open', open);
    more.setAttribute('aria-expanded', String(open));
  };
  more.addEventListener('click', () => setOpen(!nav.classList.contains('more-open')));
  secondary.addEventListener('click', () => setOpen(false));
  document.addEventListener('click', (e) => {
    if (!nav.contains(e.target as Node)) setOpen(false);
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') setOpen(false);
  });
  return {
    shown(tab, offered) {
      more.setAttribute('aria-selected', String(SECONDARY_TABS.includes(tab)));
      more.hidden = !SECONDARY_TABS.some((t) => offered.includes(t));
    },
  };
}
