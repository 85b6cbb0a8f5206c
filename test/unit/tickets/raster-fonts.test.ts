import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fontCoverage } from '../../../main/tickets/font-coverage.js';
import { defaultFontsDir, familiesFor, loadTicketFonts } from '../../../main/tickets/raster-fonts.js';

const FONTS = fileURLToPath(new URL('../../../assets/fonts/', import.meta.url));
const has = (family: keyof ReturnType<typeof loadTicketFonts>['coverage'], ch: string): boolean => loadTicketFonts().coverage[family](ch.codePointAt(0)!);

describe('bundled fonts', () => {
  it('are found in assets/fonts from the module, and registered from there', () => {
    expect(defaultFontsDir()).toBe(FONTS);
    expect(loadTicketFonts().dir).toBe(FONTS);
  });

  it('know which characters each family draws, from its cmap', () => {
    expect(['A', 'ở', 'Đ', '—'].every((c) => has('KbSans', c))).toBe(true);
    expect(has('KbSans', 'ก')).toBe(false);
    expect(has('KbThai', 'ก') && has('KbThai', '\u0e49')).toBe(true);
    expect(has('KbArabic', 'ش') && has('KbArabic', '\u064e')).toBe(true);
    expect(has('KbSC', '鸡') && has('KbJP', 'ラ')).toBe(true);
    for (const family of ['KbSans', 'KbArabic', 'KbThai', 'KbJP', 'KbSC'] as const) expect(has(family, '한')).toBe(false);
  });

  it('reads format 4 (BMP) and format 12 cmaps alike', () => {
    const sans = fontCoverage(readFileSync(`${FONTS}NotoSans-Regular.ttf`));
    expect(sans(0x41)).toBe(true);
    expect(sans(0x1f35c)).toBe(false);
    expect(() => fontCoverage(Buffer.from('not a font, not at all'))).toThrow();
  });

  it('draws Han in the Chinese design unless the ticket has kana', () => {
    expect(familiesFor('宫保鸡丁').indexOf('KbSC')).toBeLessThan(familiesFor('宫保鸡丁').indexOf('KbJP'));
    expect(familiesFor('餃子 ラーメン').indexOf('KbJP')).toBeLessThan(familiesFor('餃子 ラーメン').indexOf('KbSC'));
    expect(familiesFor('Pad Thai')[0]).toBe('KbSans');
  });
});
