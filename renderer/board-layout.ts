import { rowHeights, templateRows } from './board-rows.js';

// Sizes the board's rows to the room it has: under the header, the acceptance strip and the banners,
// from the number of columns and the height each card needs (reported by the line fitter). A layout
// is computed once per change of those inputs and written only when it differs, and it never reads
// the rows it wrote, so giving a card a new height cannot start another layout.

/** Rows may share the screen down to this height; below it the board scrolls (the cards' old minimum). */
const MIN_ROW = 240;
/** Room kept under the last row on a full screen. */
const BOTTOM_MARGIN = 8;

/** The tallest a row may be when the board scrolls: the next row's numbers and first items stay in view. */
const scrollingRowHeight = (viewport: number, stack: number): number => Math.min(360, Math.max(MIN_ROW, viewport - stack - 150));

export function createBoardLayout(list: HTMLElement, stack: HTMLElement) {
  const needs = new Map<Element, number>();
  let scheduled = false;
  let width = -1;

  function layout(): void {
    scheduled = false;
    const cards = [...list.children].filter((c) => c instanceof HTMLElement && c.dataset.orderId !== undefined);
    if (cards.length === 0) {
      list.style.removeProperty('grid-template-rows');
      delete list.dataset.rows;
      return;
    }
    // A hidden board (another tab) has no width to lay out in: it is laid out when it shows again.
    if (list.clientWidth === 0) return;
    const style = getComputedStyle(list);
    const columns = style.gridTemplateColumns.split(' ').filter(Boolean).length;
    const stackHeight = stack.getBoundingClientRect().height;
    // Where the board starts on the page (under the stack, which takes its room in the flow), wherever it is scrolled.
    const top = list.getBoundingClientRect().top + window.scrollY;
    const rows = rowHeights({
      needs: cards.map((c) => needs.get(c) ?? null),
      columns,
      free: window.innerHeight - top - BOTTOM_MARGIN,
      gap: Number.parseFloat(style.rowGap) || 0,
      minRow: MIN_ROW,
      fallback: scrollingRowHeight(window.innerHeight, stackHeight),
    });
    const template = templateRows(rows);
    if (list.style.gridTemplateRows !== template) list.style.gridTemplateRows = template;
    list.dataset.rows = rows.join(' ');
  }

  /** Lays the board out once the current task is done, however many changes it brought. */
  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(layout);
  }

  // The strip and the banners come and go: the free height changes with them (and the cards' old
  // height, still the one rows take before a layout, follows it in CSS).
  new ResizeObserver(() => {
    document.documentElement.style.setProperty('--stack-height', `${Math.ceil(stack.getBoundingClientRect().height)}px`);
    schedule();
  }).observe(stack);
  // Only the board's width matters here (its height is what the layout writes).
  new ResizeObserver(() => {
    if (list.clientWidth !== width) {
      width = list.clientWidth;
      schedule();
    }
  }).observe(list);
  window.addEventListener('resize', schedule);

  return {
    /** A fitted card needs this height to show every line (an unchanged need changes nothing). */
    measured(card: HTMLElement, need: number): void {
      if (needs.get(card) === need) return;
      needs.set(card, need);
      schedule();
    },
    /** Cards were added, removed or rebuilt. */
    changed: schedule,
    /** A rebuilt card keeps its predecessor's need until it is measured itself (its row does not jump meanwhile). */
    replace(old: Element, card: Element): void {
      const need = needs.get(old);
      needs.delete(old);
      if (need !== undefined) needs.set(card, need);
    },
    forget(card: Element): void {
      needs.delete(card);
    },
  };
}
