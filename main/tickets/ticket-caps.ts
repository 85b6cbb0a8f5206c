// Limits that keep an absurd order (a 3,000-line note, 500 items) from printing metres of paper:
// the ticket stops at a sane length and says so. The window's copy has none: it shows everything.

export const SEE_SCREEN = '… see screen';

export type TicketCaps = { noteChars: number; noteLines: number; nameChars: number; cartRows: number };

/** Cart rows (items, modifiers, comments): about half a metre of 80 mm paper. */
export const PAPER_CAPS: TicketCaps = { noteChars: 280, noteLines: 6, nameChars: 120, cartRows: 80 };
export const NO_CAPS: TicketCaps = { noteChars: Infinity, noteLines: Infinity, nameChars: Infinity, cartRows: Infinity };

/** `text` cut to `maxChars` characters and `maxLines` lines, ending in "… see screen" when cut. */
export function capText(text: string, maxChars: number, maxLines = Infinity): string {
  const lines = text.trim().split(/\r\n|\r|\n/);
  let kept = lines.slice(0, maxLines).join('\n');
  let cut = lines.length > maxLines;
  const chars = Array.from(kept);
  if (chars.length > maxChars) {
    kept = chars.slice(0, maxChars).join('').trimEnd();
    cut = true;
  }
  return cut ? `${kept} ${SEE_SCREEN}` : kept;
}
