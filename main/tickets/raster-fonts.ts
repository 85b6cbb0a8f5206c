// The bundled fonts of raster tickets (assets/fonts/, see its README): registered once, at first use,
// under our own family names, so that no system font can stand in for them. The folder is found from
// this module's location, which works from the sources (main/tickets/) and from the bundles
// (dist/bridge/, dist/core/) alike; callers may pass another folder.

import { canvasModule } from './canvas-module.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fontCoverage, type Coverage } from './font-coverage.js';

export type FontFamily = 'KbSans' | 'KbArabic' | 'KbThai' | 'KbJP' | 'KbSC';

const FILES: Record<FontFamily, [regular: string, bold: string]> = {
  KbSans: ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf'],
  KbArabic: ['NotoSansArabic-Regular.ttf', 'NotoSansArabic-Bold.ttf'],
  KbThai: ['NotoSansThai-Regular.ttf', 'NotoSansThai-Bold.ttf'],
  KbJP: ['NotoSansJP-Regular.ttf', 'NotoSansJP-Bold.ttf'],
  KbSC: ['NotoSansSC-Regular.ttf', 'NotoSansSC-Bold.ttf'],
};

export type TicketFonts = {
  /** The folder the files were read from. */
  dir: string;
  coverage: Record<FontFamily, Coverage>;
};

let loaded: TicketFonts | undefined;

/**
 * Both the sources and the bundles sit two folders below the project root. In the packaged app the
 * fonts are unpacked beside app.asar (electron-builder.yml): Skia reads files itself, not through
 * Electron's asar-aware fs.
 */
export const defaultFontsDir = (): string => fileURLToPath(new URL('../../assets/fonts/', import.meta.url)).replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');

/**
 * Registers the bundled fonts (once per process: the first caller's folder wins) and reads their
 * coverage. Throws with the missing file's path when the folder is incomplete.
 */
export function loadTicketFonts(dir: string = defaultFontsDir()): TicketFonts {
  if (loaded) return loaded;
  const coverage = {} as Record<FontFamily, Coverage>;
  for (const [family, files] of Object.entries(FILES) as Array<[FontFamily, [string, string]]>) {
    for (const file of files) {
      const path = join(dir, file);
      if (!existsSync(path) || !canvasModule().GlobalFonts.registerFromPath(path, family)) throw new Error(`raster ticket font missing or unreadable: ${path}`);
    }
    coverage[family] = fontCoverage(readFileSync(join(dir, files[0])));
  }
  loaded = { dir, coverage };
  return loaded;
}

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * The families in the order Skia tries them for each character. Han characters get the Chinese
 * (SC) design unless the ticket has kana: the same code point is drawn differently in Japan and
 * China, kana only occur in Japanese, and Han text without kana in klikit's markets is Chinese.
 */
export function familiesFor(ticketText: string): FontFamily[] {
  return KANA.test(ticketText) ? ['KbSans', 'KbArabic', 'KbThai', 'KbJP', 'KbSC'] : ['KbSans', 'KbArabic', 'KbThai', 'KbSC', 'KbJP'];
}
