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
export const columns = (text: string): number => (ONE_UNIT_GRAPHEMES.test(text) ? text.length : graphemes(text).length);

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
      if (line !== '') flush();
      let rest = graphemes(word);
      while (rest.length > width - prefix.length) {
        line = rest.slice(0, width - prefix.length).join('');
        rest = rest.slice(width - prefix.length);
        flush();
      }
      line = rest.join('');
    }
    flush();
  }
  return out;
}
