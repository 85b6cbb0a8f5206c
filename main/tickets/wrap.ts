// Word wrapping in columns of user-perceived characters (grapheme clusters), so a Thai vowel mark or an
// emoji sequence counts once and is never split.

// Made by the first ticket that wraps: an idle bridge does not hold ICU's break rules.
let segmenter: Intl.Segmenter | undefined;

/**
 * Printable Latin-1 and typographic punctuation (dashes, quotes, bullets, the ellipsis of "… see
 * screen"): no character here combines with its neighbour (no marks, joiners or CR LF), so each is a
 * grapheme on its own. Most ticket text is in this range, and segmenting it with ICU cost more than
 * everything else a ticket does.
 */
const ONE_UNIT_GRAPHEMES = /^[\x20-\x7e\u00a0-\u00ff\u2010-\u2027]*$/;

/**
 * V8's segmenter slows down with the length of the string it walks (a 40,000-character string took
 * 28 s), so long text is segmented in windows. A window's last cluster may continue past the window's
 * end: it is dropped and the next window starts at it, and every window starts on a true boundary.
 */
const SEGMENT_WINDOW = 1024;

function segmented(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  while (from < text.length) {
    const end = from + SEGMENT_WINDOW;
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const window = Array.from(segmenter.segment(text.slice(from, end)), (s) => s.segment);
    // A single cluster longer than the window (a letter under a thousand marks) is cut there.
    if (end < text.length && window.length > 1) window.pop();
    for (const g of window) {
      out.push(g);
      from += g.length;
    }
  }
  return out;
}

export const graphemes = (text: string): string[] => (ONE_UNIT_GRAPHEMES.test(text) ? text.split('') : segmented(text));

/**
 * East Asian wide characters (Han, kana, Hangul, fullwidth forms) take two columns, as in a monospace
 * font and on paper: a line of them wraps at half as many characters.
 */
const WIDE = /^[\p{Script=Han}\p{Script=Hangul}\u3000-\u30ff\u31f0-\u31ff\uff01-\uff60\uffe0-\uffe6]/u;
const graphemeColumns = (g: string): number => (WIDE.test(g) ? 2 : 1);

const columnsOf = (gs: readonly string[]): number => gs.reduce((sum, g) => sum + graphemeColumns(g), 0);

export const columns = (text: string): number => (ONE_UNIT_GRAPHEMES.test(text) ? text.length : columnsOf(graphemes(text)));

/** How many of `gs` from `at` fit in `room` columns (at least one, so a line always makes progress). */
function fitting(gs: readonly string[], at: number, room: number): number {
  let used = 0;
  let n = 0;
  while (at + n < gs.length && used + graphemeColumns(gs[at + n]!) <= room) used += graphemeColumns(gs[at + n++]!);
  return Math.max(1, n);
}

/** White space but the no-break space, which keeps words together (the "… see screen" marker). */
const BREAKING_SPACE = /[^\S\u00a0]/gu;

/**
 * Control characters could reach the printer as commands: they become spaces. Newlines separate
 * paragraphs. Runs of spaces inside a line are kept (they align labels).
 */
function paragraphs(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((p) => p.replace(BREAKING_SPACE, ' ').replace(/\p{Cc}/gu, ' ').trim())
    .filter((p, i, all) => p !== '' || all.length === 1);
}

/**
 * Wraps `text` to `width` columns: every line starts with `indent` spaces, continuation lines with
 * `indent + hang`. Words longer than a line are broken. The prefix is capped at half the width so
 * deep nesting still leaves room for the words.
 *
 * Linear in the text's length: each word is split into graphemes once and broken by moving an index
 * through them, and the line's columns are counted as it grows (re-slicing and re-measuring the rest
 * of a 250,000-character word for every line took seconds).
 */
export function wrapText(text: string, width: number, indent = 0, hang = 0): string[] {
  const maxPrefix = Math.floor(width / 2);
  const firstPrefix = ' '.repeat(Math.min(indent, maxPrefix));
  const nextPrefix = ' '.repeat(Math.min(indent + hang, maxPrefix));
  const out: string[] = [];
  for (const paragraph of paragraphs(text)) {
    let line = '';
    let lineColumns = 0;
    let prefix = out.length === 0 ? firstPrefix : nextPrefix;
    const flush = (): void => {
      out.push(prefix + line);
      line = '';
      lineColumns = 0;
      prefix = nextPrefix;
    };
    const append = (piece: string, pieceColumns: number): void => {
      line += piece;
      lineColumns += pieceColumns;
    };
    for (const [, gap = '', word = ''] of paragraph.matchAll(/( *)([^ ]+)/g)) {
      const gs = graphemes(word);
      const wordColumns = columnsOf(gs);
      const room = width - prefix.length - (line === '' ? 0 : lineColumns + gap.length);
      if (wordColumns <= room) {
        append(line === '' ? word : gap + word, wordColumns + (line === '' ? 0 : gap.length));
        continue;
      }
      let at = 0;
      let restColumns = wordColumns;
      const take = (n: number): [string, number] => {
        const piece = gs.slice(at, at + n);
        const pieceColumns = columnsOf(piece);
        at += n;
        restColumns -= pieceColumns;
        return [piece.join(''), pieceColumns];
      };
      // A word too long for any line (a run of CJK without spaces) starts where it is, so that a
      // `>> ` prefix is not left on a line of its own.
      if (line !== '' && wordColumns > width - nextPrefix.length && room >= graphemeColumns(gs[0]!)) {
        const [piece, pieceColumns] = take(fitting(gs, at, room));
        append(gap + piece, gap.length + pieceColumns);
      }
      if (line !== '') flush();
      while (restColumns > width - prefix.length) {
        append(...take(fitting(gs, at, width - prefix.length)));
        flush();
      }
      append(...take(gs.length - at));
    }
    flush();
  }
  return out;
}
