// The seam between ticket text and the printer's code page. Built-in code pages cannot print most
// scripts of klikit's markets (Thai, Arabic, Chinese...); a raster encoder can later print such lines
// as images by asking `canPrint` per line. Until then they are transliterated or shown as `?`, one per
// character, so the cook sees that something is there and the columns stay right.

import { graphemes } from './wrap.js';

export interface TextEncoderForPrinter {
  /** Whether the printer can print `text` as it is. */
  canPrint(text: string): boolean;
  /**
   * A printable stand-in for `text` with one character per grapheme where possible; never throws.
   * No-break spaces stay, to be sent as spaces once the text is wrapped.
   */
  toPrintable(text: string): string;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const COMBINING_MARKS = /\p{M}/gu;
const PUNCTUATION: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u00b7': '-',
  '\u2022': '*',
  '\u00d7': 'x',
  '\u00df': 'ss',
  '\u00e6': 'ae',
  '\u00c6': 'AE',
  '\u00f8': 'o',
  '\u00d8': 'O',
  '\u0111': 'd',
  '\u0110': 'D',
};

/** Holds words together while a line wraps ("… see screen"); the renderer sends it as a space. */
export const NO_BREAK_SPACE = '\u00a0';

function printableGrapheme(g: string): string {
  if (PRINTABLE_ASCII.test(g) || g === NO_BREAK_SPACE) return g;
  if (/^[\s\p{Cc}]+$/u.test(g)) return ' ';
  const mapped = PUNCTUATION[g];
  if (mapped) return mapped;
  const stripped = g.normalize('NFKD').replace(COMBINING_MARKS, '');
  return stripped !== '' && PRINTABLE_ASCII.test(stripped) ? stripped : '?';
}

/**
 * ASCII, and the two characters of the cut marker ("… see screen"), whose stand-ins lose nothing: a cut
 * ticket prints as text, without the warning that something could not be printed.
 */
const PRINTABLE_AS_IS = /^[\x20-\x7e\u00a0\u2026]*$/;

/** Code page 437's ASCII half: Latin letters lose their accents (`Phở` → `Pho`), other scripts become `?`. */
export const asciiTextEncoder: TextEncoderForPrinter = {
  canPrint: (text) => PRINTABLE_AS_IS.test(text),
  toPrintable: (text) =>
    PRINTABLE_ASCII.test(text)
      ? text
      : text
          .split('\n')
          .map((part) => graphemes(part).map(printableGrapheme).join(''))
          .join('\n'),
};
