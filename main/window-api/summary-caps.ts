import type { CardLine } from '../../common/bridge-api.js';

// Every text the board gets from an order is capped: a 1 MB note or a 5,000-line cart must not stall
// the window (it is serialised, sent and laid out on every refresh). What is cut says so; the ticket
// and the order's detail preview have it all.

export const SEE_TICKET = '… see ticket';

export const SUMMARY_CAPS = {
  noteChars: 400,
  nameChars: 120,
  modifierChars: 100,
  commentChars: 200,
  customerChars: 30,
  modifiersPerLine: 24,
  lines: 80,
  brands: 8,
} as const;

/** `text` cut to `maxChars` UTF-16 units (never inside a surrogate pair), ending in "… see ticket" when cut. */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = maxChars;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}${SEE_TICKET}`;
}

function capLine(line: CardLine): CardLine {
  const modifiers = line.modifiers.slice(0, SUMMARY_CAPS.modifiersPerLine).map((m) => capText(m, SUMMARY_CAPS.modifierChars));
  const hidden = line.modifiers.length - modifiers.length;
  if (hidden > 0) modifiers.push(`+${hidden} more${SEE_TICKET}`);
  return {
    ...line,
    name: capText(line.name, SUMMARY_CAPS.nameChars),
    modifiers,
    comment: capText(line.comment, SUMMARY_CAPS.commentChars),
  };
}

/** The first lines, each capped, and how many lines were left out. */
export function capCardLines(lines: readonly CardLine[]): { lines: CardLine[]; more: number } {
  const kept = lines.slice(0, SUMMARY_CAPS.lines).map(capLine);
  return { lines: kept, more: lines.length - kept.length };
}
