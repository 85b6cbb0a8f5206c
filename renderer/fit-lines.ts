// A card has a fixed height so the board stays a grid a cook can scan; what does not fit is never
// clipped silently. Once a card is laid out (when it comes into view, and again whenever its size
// changes), every line that would be cut is hidden whole and the card says exactly how many it does
// not show ("+4 more — tap"). Cards out of view are fitted when they scroll in, so a long board
// costs nothing here.

const overflows = (list: HTMLElement): boolean => list.scrollHeight > list.clientHeight + 1;

export function fitLines(card: HTMLElement): void {
  const list = card.querySelector<HTMLElement>('.card-lines');
  const more = card.querySelector<HTMLElement>('.more-lines');
  if (!list || !more) return;
  const base = Number(more.dataset.base ?? 0);
  const items = [...list.children] as HTMLElement[];
  for (const item of items) item.hidden = false;
  const show = (hidden: number): void => {
    more.hidden = hidden === 0;
    more.textContent = `+${hidden} more — tap`;
  };
  show(base);
  let hidden = 0;
  for (let i = items.length - 1; i >= 0 && overflows(list); i--) {
    items[i]!.hidden = true;
    hidden += 1;
    show(base + hidden);
  }
  card.dataset.hiddenLines = String(base + hidden);
}

export function createLineFitter() {
  const visible = new Set<HTMLElement>();
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const card = entry.target as HTMLElement;
        if (!entry.isIntersecting) {
          visible.delete(card);
          continue;
        }
        visible.add(card);
        fitLines(card);
      }
    },
    { rootMargin: '300px 0px' },
  );
  // A card changes size with the window and with the alerts above the board: fitted again then, if in view.
  const resized = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const card = entry.target as HTMLElement;
      if (visible.has(card)) fitLines(card);
    }
  });
  // A card whose content Chromium skipped (content-visibility: auto, just out of view) may have been
  // measured stale: fitted again when its content is rendered.
  const rendered = (e: Event): void => {
    const card = e.currentTarget as HTMLElement;
    if (!(e as Event & { skipped?: boolean }).skipped && visible.has(card)) fitLines(card);
  };
  return {
    observe(card: HTMLElement): void {
      observer.observe(card);
      resized.observe(card);
      card.addEventListener('contentvisibilityautostatechange', rendered);
    },
    /** A rebuilt card takes its predecessor's place: fitted at once when that one was in view. */
    replace(old: HTMLElement, card: HTMLElement): void {
      observer.unobserve(old);
      resized.unobserve(old);
      const wasVisible = visible.delete(old);
      observer.observe(card);
      resized.observe(card);
      card.addEventListener('contentvisibilityautostatechange', rendered);
      if (wasVisible) {
        visible.add(card);
        fitLines(card);
      }
    },
    forget(card: HTMLElement): void {
      observer.unobserve(card);
      resized.unobserve(card);
      visible.delete(card);
    },
  };
}
