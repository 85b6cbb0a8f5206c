// Word wrapping in columns of user-perceived characters (grapheme clusters), so a Thai vowel mark or an
// emoji sequence counts once and is never split.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Printable Latin-1: no character here combines with its neighbour (no marks, joiners or CR LF), so
 * each is a grapheme on its own. Most ticket text is in this range, and segmenting it with ICU cost
 * more than everything else a ticket does.
 */
const ONE_UNIT_GRAPHEMES = /^[\x20-\x7e\u00a0-\u00ff]*$/;

export const graphemes = (text: string): string[] =>
  ONE_UNIT_GRAPHEMES.test(text) ? text.split('') : Array.from(segmenter.segment(text), (s) => s.segment);

/**
 * East Asian wide characters (Han, kana, Hangul, fullwidth forms) take two columns, as in a monospace
 * font and on paper: a line of them wraps at half as many characters.
 */
const WIDE = /^[\p{Script=Han}\p{Script=Hangul}\u3000-\u30ff\u31f0-\u31ff\uff01-\uff60\uffe0-\uffe6]/u;
const graphemeColumns = (g: string): number => (WIDE.test(g) ? 2 : 1);

export const columns = (text: string): number =>
  ONE_UNIT_GRAPHEMES.test(text) ? text.length : graphemes(text).reduce((sum, g) => sum + graphemeColumns(g), 0);

/** How many of `gs` fit in `room` columns (at least one, so a line always makes progress). */
function fitting(gs: string[], room: number): number {
  let used = 0;
  let n = 0;
  while (n < gs.length && used + graphemeColumns(gs[n]!) <= room) used += graphemeColumns(gs[n++]!);
  return Math.max(1, n);
}

/**
 * Control characters could reach the printer as commands: they become spaces. Newlines separate
 * paragraphs. Runs of spaces inside a line are kept (they align labels).
 */
function paragraphs(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((p) => p.replace(/[\s\p{Cc}]/gu, ' ').trim())
    .filter((p, i, all) => p !== '' || all.length === 1);
}

/**
 * Wraps `text` to `width` columns: every line starts with `indent` spaces, continuation lines with
 * `indent + hang`. Words longer than a line are broken. The prefix is capped at half the width so
 * deep nesting still leaves room for the words.
 */
export function wrapText(text: string, width: number, indent = 0, hang = 0): string[] {
  const maxPrefix = Math.floor(width / 2);
  const firstPrefix = ' '.repeat(Math.min(indent, maxPrefix));
  const nextPrefix = ' '.repeat(Math.min(indent + hang, maxPrefix));
  const out: string[] = [];
  for (const paragraph of paragraphs(text)) {
    let line = '';
    let prefix = out.length === 0 ? firstPrefix : nextPrefix;
    const flush = (): void => {
      out.push(prefix + line);
      line = '';
      prefix = nextPrefix;
    };
    for (const [, gap = '', word = ''] of paragraph.matchAll(/( *)([^ ]+)/g)) {
      const room = width - prefix.length - (line === '' ? 0 : columns(line) + gap.length);
      if (columns(word) <= room) {
        line = line === '' ? word : line + gap + word;
        continue;
      }
      let rest = graphemes(word);
      // A word too long for any line (a run of CJK without spaces) starts where it is, so that a
      // `>> ` prefix is not left on a line of its own.
      if (line !== '' && columns(word) > width - nextPrefix.length && room >= graphemeColumns(rest[0]!)) {
        const n = fitting(rest, room);
        line = line + gap + rest.slice(0, n).join('');
        rest = rest.slice(n);
      }
      if (line !== '') flush();
      while (columns(rest.join('')) > width - prefix.length) {
        const n = fitting(rest, width - prefix.length);
        line = rest.slice(0, n).join('');
        rest = rest.slice(n);
        flush();
      }
      line = rest.join('');
    }
    flush();
  }
  return out;
}
