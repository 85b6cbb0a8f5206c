// How tall each row of the board is, from counts and sizes only: the height each card needs to show
// every line (measured once per content and width, never from the height it was given), the number
// of columns, and the height free under the header, the acceptance strip and the banners.
//
// - Every row whole on screen: each row is as tall as its tallest card needs.
// - Else, when the rows can share the free height at least `minRow` each: rows that need little get
//   what they need and the others share the rest equally, so every card stays on screen (one card
//   alone uses the whole free height).
// - Else (many cards): a row is at most `fallback` tall, which leaves the next row's numbers and first
//   items in view; the board scrolls.

export type RowSizing = {
  /** Each card's needed height in board order; null while not yet measured (treated as tall). */
  needs: readonly (number | null)[];
  columns: number;
  /** The height the board has on screen. */
  free: number;
  gap: number;
  /** The least height rows may share the screen at; below it the board scrolls with `fallback` rows. */
  minRow: number;
  /** The tallest a row may be when the rows do not fit on one screen. */
  fallback: number;
};

/** The level at which `needs` (capped at it) and the gaps fill `room` exactly; Infinity when they fit uncapped. */
function shareLevel(needs: readonly number[], room: number): number {
  const sorted = [...needs].sort((a, b) => a - b);
  let left = room;
  for (let i = 0; i < sorted.length; i++) {
    const share = left / (sorted.length - i);
    if (sorted[i]! > share) return share;
    left -= sorted[i]!;
  }
  return Infinity;
}

export function rowHeights({ needs, columns, free, gap, minRow, fallback }: RowSizing): number[] {
  const perRow = Math.max(1, Math.floor(columns));
  const rows: number[] = [];
  for (let i = 0; i < needs.length; i += perRow) {
    const row = needs.slice(i, i + perRow);
    rows.push(Math.max(...row.map((n) => n ?? Infinity)));
  }
  if (rows.length === 0) return [];
  const level = shareLevel(rows, free - gap * (rows.length - 1));
  const cap = level >= minRow ? level : fallback;
  return rows.map((need) => Math.floor(Math.min(need, cap)));
}

/** The rows as a grid-template-rows value, runs of equal rows folded into repeat(). */
export function templateRows(heights: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < heights.length; ) {
    let j = i;
    while (j < heights.length && heights[j] === heights[i]) j++;
    parts.push(j - i === 1 ? `${heights[i]}px` : `repeat(${j - i}, ${heights[i]}px)`);
    i = j;
  }
  return parts.join(' ');
}
