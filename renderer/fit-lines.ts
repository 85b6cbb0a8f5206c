import { t } from './i18n.js';

// What does not fit on a card is never clipped silently. Once a card is laid out (when it comes into
// view, and again whenever its size changes), every line that would be cut is hidden whole and the
// card says exactly how many it does not show ("+4 more — tap"). Cards out of view are fitted when
// they scroll in, so a long board costs nothing here.
//
// Fitting also measures the height the card needs to show every line. That height depends only on
// the card's content and width, never on the height the board gave it (the line list does not grow
// into spare room, so its scroll height is its content): the board sizes its rows from it, the card
// is fitted again at its new size and measures the same need, and nothing moves after that.

/** The line is cut by the bottom of the list (its own box: the gap under the last line may be cut). */
const cut = (list: HTMLElement, line: HTMLElement): boolean => line.getBoundingClientRect().bottom > list.getBoundingClientRect().top + list.clientHeight + 0.5;

const px = (value: string): number => Number.parseFloat(value) || 0;

/** The card's height with every child at its own size and the line list whole (the lines all shown). */
function neededHeight(card: HTMLElement, list: HTMLElement): number {
  const style = getComputedStyle(card);
  let height = px(style.paddingTop) + px(style.paddingBottom) + px(style.borderTopWidth) + px(style.borderBottomWidth);
  let shown = 0;
  for (const child of card.children) {
    if (child.getClientRects().length === 0) continue;
    height += child === list ? list.scrollHeight : child.getBoundingClientRect().height;
    shown += 1;
  }
  return Math.ceil(height + px(style.rowGap) * Math.max(0, shown - 1));
}

/** Fits the card's lines to its height; returns the height it needs to show them all (null: not a card with lines). */
export function fitLines(card: HTMLElement): number | null {
  const list = card.querySelector<HTMLElement>('.card-lines');
  const more = card.querySelector<HTMLElement>('.more-lines');
  if (!list || !more) return null;
  const base = Number(more.dataset.base ?? 0);
  const items = [...list.children] as HTMLElement[];
  for (const item of items) item.hidden = false;
  const show = (hidden: number): void => {
    more.hidden = hidden === 0;
    more.textContent = t('board.card.moreLines', { count: hidden });
  };
  show(base);
  const need = neededHeight(card, list);
  let hidden = 0;
  for (let i = items.length - 1; i >= 0 && cut(list, items[i]!); i--) {
    items[i]!.hidden = true;
    hidden += 1;
    show(base + hidden);
  }
  card.dataset.hiddenLines = String(base + hidden);
  return need;
}

/** `measured`: a card in view was fitted and needs this height to show every line. */
export function createLineFitter(measured: (card: HTMLElement, need: number) => void) {
  const visible = new Set<HTMLElement>();
  const fit = (card: HTMLElement): void => {
    const need = fitLines(card);
    if (need !== null) measured(card, need);
  };
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const card = entry.target as HTMLElement;
        if (!entry.isIntersecting) {
          visible.delete(card);
          continue;
        }
        visible.add(card);
        fit(card);
      }
    },
    { rootMargin: '300px 0px' },
  );
  // A card changes size with the window and with the rows the board gives it: fitted again then, if in view.
  // The card's own box, and its head: the head's live countdown can wrap onto a second line (a longer
  // word, a wider time) and push the lines down inside a card whose box stays the same size.
  const resized = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const card = (entry.target.closest('[data-order-id]') ?? entry.target) as HTMLElement;
      if (visible.has(card)) fit(card);
    }
  });
  const watch = (card: HTMLElement): void => {
    resized.observe(card);
    const head = card.querySelector('.card-head');
    if (head) resized.observe(head);
  };
  const unwatch = (card: HTMLElement): void => {
    resized.unobserve(card);
    const head = card.querySelector('.card-head');
    if (head) resized.unobserve(head);
  };
  // A card whose content Chromium skipped (content-visibility: auto, just out of view) may have been
  // measured stale: fitted again when its content is rendered.
  const rendered = (e: Event): void => {
    const card = e.currentTarget as HTMLElement;
    if (!(e as Event & { skipped?: boolean }).skipped && visible.has(card)) fit(card);
  };
  return {
    observe(card: HTMLElement): void {
      observer.observe(card);
      watch(card);
      card.addEventListener('contentvisibilityautostatechange', rendered);
    },
    /** A rebuilt card takes its predecessor's place: fitted at once when that one was in view. */
    replace(old: HTMLElement, card: HTMLElement): void {
      observer.unobserve(old);
      unwatch(old);
      const wasVisible = visible.delete(old);
      observer.observe(card);
      watch(card);
      card.addEventListener('contentvisibilityautostatechange', rendered);
      if (wasVisible) {
        visible.add(card);
        fit(card);
      }
    },
    forget(card: HTMLElement): void {
      observer.unobserve(card);
      unwatch(card);
      visible.delete(card);
    },
  };
}
