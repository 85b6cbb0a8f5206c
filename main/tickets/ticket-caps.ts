// Limits that keep an absurd order (a 3,000-line note, 500 items) from printing metres of paper:
// the ticket stops at a sane length and says so; the window shows everything.

export const SEE_SCREEN = '… see screen';
export const MAX_NOTE_CHARS = 280;
export const MAX_NOTE_LINES = 6;
export const MAX_NAME_CHARS = 120;
/** Cart rows (items, modifiers, comments) on one ticket: about half a metre of 80 mm paper. */
export const MAX_CART_ROWS = 80;

/** `text` cut to `maxChars` characters and `maxLines` lines, ending in "… see screen" when cut. */
export function capText(text: string, maxChars: number, maxLines = Number.POSITIVE_INFINITY): string {
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
