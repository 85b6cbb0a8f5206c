// The bundled fonts of raster tickets (assets/fonts/, see its README), registered under our own
// family names, so that no system font can stand in for them. A family is registered the first time
// a ticket needs it: a Latin ticket never reads the 30 MB of CJK fonts. The folder is found from this
// module's location, which works from the sources (main/tickets/) and from the bundles (dist/bridge/,
// dist/core/) alike; callers may pass another folder.

import { canvasModule } from './canvas-module.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fontFileCoverage, type Coverage } from './font-coverage.js';

export type FontFamily = 'KbSans' | 'KbArabic' | 'KbThai' | 'KbJP' | 'KbSC' | 'KbKR' | 'KbEmoji';

const FILES: Record<FontFamily, [regular: string, bold: string]> = {
  KbSans: ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf'],
  KbArabic: ['NotoSansArabic-Regular.ttf', 'NotoSansArabic-Bold.ttf'],
  KbThai: ['NotoSansThai-Regular.ttf', 'NotoSansThai-Bold.ttf'],
  KbJP: ['NotoSansJP-Regular.ttf', 'NotoSansJP-Bold.ttf'],
  KbSC: ['NotoSansSC-Regular.ttf', 'NotoSansSC-Bold.ttf'],
  KbKR: ['NotoSansKR-Regular.ttf', 'NotoSansKR-Bold.ttf'],
  KbEmoji: ['NotoEmoji-Regular.ttf', 'NotoEmoji-Bold.ttf'],
};

export type TicketFonts = {
  /** The folder the files are read from. */
  dir: string;
  /** Which code points the family draws; registers the family on first use. */
  coverage(family: FontFamily): Coverage;
  /** The families registered so far. */
  registered(): FontFamily[];
  isRegistered(family: FontFamily): boolean;
};

/**
 * Both the sources and the bundles sit two folders below the project root. In the packaged app the
 * fonts are unpacked beside app.asar (electron-builder.yml): Skia reads files itself, not through
 * Electron's asar-aware fs.
 */
export const defaultFontsDir = (): string => fileURLToPath(new URL('../../assets/fonts/', import.meta.url)).replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');

/**
 * The fonts of `dir`, none registered yet. Throws with the missing file's path when the folder is
 * incomplete, so a broken install shows on its first raster ticket rather than on its first Korean one.
 */
export function openTicketFonts(dir: string): TicketFonts {
  for (const files of Object.values(FILES)) {
    for (const file of files) if (!existsSync(join(dir, file))) throw new Error(`raster ticket font missing: ${join(dir, file)}`);
  }
  const coverage = new Map<FontFamily, Coverage>();
  return {
    dir,
    coverage(family) {
      let known = coverage.get(family);
      if (!known) {
        const [regular, bold] = FILES[family];
        for (const file of [regular, bold]) {
          if (!canvasModule().GlobalFonts.registerFromPath(join(dir, file), family)) throw new Error(`raster ticket font unreadable: ${join(dir, file)}`);
        }
        known = fontFileCoverage(join(dir, regular));
        coverage.set(family, known);
      }
      return known;
    },
    registered: () => [...coverage.keys()],
    isRegistered: (family) => coverage.has(family),
  };
}

let loaded: TicketFonts | undefined;

/** The process's fonts: the first caller's folder wins (Skia's font collection is process-wide). */
export function loadTicketFonts(dir: string = defaultFontsDir()): TicketFonts {
  loaded ??= openTicketFonts(dir);
  return loaded;
}

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * The families in the order Skia tries them for each character. Han characters get the Chinese
 * (SC) design unless the ticket has kana: the same code point is drawn differently in Japan and
 * China, kana only occur in Japanese, and Han text without kana in klikit's markets is Chinese.
 * Hangul comes after both (the Korean font has no Hanja), emoji last (its digits and symbols are
 * pictures).
 */
export function familiesFor(ticketText: string): FontFamily[] {
  const cjk: FontFamily[] = KANA.test(ticketText) ? ['KbJP', 'KbSC'] : ['KbSC', 'KbJP'];
  return ['KbSans', 'KbArabic', 'KbThai', ...cjk, 'KbKR', 'KbEmoji'];
}

/** Emoji and the characters that only occur in emoji sequences (flags, skin tones, keycaps, tags). */
export const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u20e3\u{e0020}-\u{e007f}]/u;

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Bopomofo}\\u3000-\\u303f\\uff00-\\uffef';
/** The characters a family is there for: it is registered for them before any other family is tried. */
const MEANT_FOR: Partial<Record<FontFamily, RegExp>> = {
  KbArabic: /\p{Script=Arabic}/u,
  KbThai: /\p{Script=Thai}/u,
  KbJP: new RegExp(`[${CJK}]`, 'u'),
  KbSC: new RegExp(`[${CJK}]`, 'u'),
  KbKR: /\p{Script=Hangul}/u,
  KbEmoji: EMOJI,
};

/** Zero-width joiners and variation selectors: they shape their neighbours and need no glyph. */
const needsNoGlyph = (p: number): boolean => p === 0x200c || p === 0x200d || (p >= 0xfe00 && p <= 0xfe0f) || (p >= 0xe0100 && p <= 0xe01ef);

/**
 * The first family of `order` that draws every character of `grapheme`, or undefined when none
 * does. Families already registered and those meant for the grapheme are tried first, the others
 * only when these fail: a Korean ticket registers the Korean font, not the Chinese one before it.
 */
export function familyDrawing(grapheme: string, fonts: TicketFonts, order: FontFamily[]): FontFamily | undefined {
  const points = Array.from(grapheme, (c) => c.codePointAt(0)!).filter((p) => !needsNoGlyph(p));
  const draws = (family: FontFamily): boolean => points.every((p) => fonts.coverage(family)(p));
  const likely = (family: FontFamily): boolean => family === 'KbSans' || fonts.isRegistered(family) || MEANT_FOR[family]?.test(grapheme) === true;
  return order.find((family) => likely(family) && draws(family)) ?? order.find((family) => !likely(family) && draws(family));
}
