import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fontCoverage, fontFileCoverage } from '../../../main/tickets/font-coverage.js';
import { defaultFontsDir, familiesFor, familyDrawing, loadTicketFonts, openTicketFonts, type FontFamily } from '../../../main/tickets/raster-fonts.js';

const FONTS = fileURLToPath(new URL('../../../assets/fonts/', import.meta.url));
const has = (family: FontFamily, ch: string): boolean => loadTicketFonts().coverage(family)(ch.codePointAt(0)!);

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
    for (const family of ['KbSans', 'KbArabic', 'KbThai', 'KbJP', 'KbSC', 'KbEmoji'] as const) expect(has(family, '한')).toBe(false);
    expect([...'김치찌개한식ㄱㅏ'].every((c) => has('KbKR', c))).toBe(true);
    expect(['🌶', '🍜', '\u{1f3fd}', '\u{1f1f0}', '\u20e3', '\ufe0f'].every((c) => has('KbEmoji', c))).toBe(true);
    for (const family of ['KbSans', 'KbArabic', 'KbThai', 'KbJP', 'KbSC', 'KbKR'] as const) expect(has(family, '🌶')).toBe(false);
  });

  it('the Korean subset has Hangul only: Hanja come from the Chinese and Japanese fonts', () => {
    expect(has('KbKR', '鸡') || has('KbKR', 'A')).toBe(false);
    expect(has('KbKR', '\ud7a3') && has('KbKR', '\u3131') && has('KbKR', '\u3002')).toBe(true);
  });

  it('the Japanese subset has kana, the kanji of Shift_JIS and what the Chinese font lacks: rarer Han come from that', () => {
    expect([...'ラーメン餃子込丼呑𠮟'].every((c) => has('KbJP', c))).toBe(true);
    expect(has('KbJP', '𩸽') && !has('KbSC', '𩸽')).toBe(true);
    expect(!has('KbJP', '两') && has('KbSC', '两')).toBe(true);
    expect(familyDrawing('两', openTicketFonts(FONTS), familiesFor('ラーメン'))).toBe('KbSC');
  });

  it('registers a family only when a character needs it, the one meant for it first', () => {
    const fonts = openTicketFonts(FONTS);
    const chinese = familiesFor('宫保鸡丁');
    expect(familyDrawing('A', fonts, chinese)).toBe('KbSans');
    expect(fonts.registered()).toEqual(['KbSans']);
    expect(familyDrawing('김', fonts, chinese)).toBe('KbKR');
    expect(familyDrawing('🌶', fonts, chinese)).toBe('KbEmoji');
    expect(familyDrawing('👨\u{1f3fd}', fonts, chinese)).toBe('KbEmoji');
    expect(fonts.registered().sort()).toEqual(['KbEmoji', 'KbKR', 'KbSans']);
    expect(familyDrawing('鸡', fonts, chinese)).toBe('KbSC');
    expect(familyDrawing('餃', fonts, familiesFor('餃子 ラーメン'))).toBe('KbJP');
  });

  it('tries every family for a character none is meant for, and finds none for one none has', () => {
    const fonts = openTicketFonts(FONTS);
    expect(familyDrawing('→', fonts, familiesFor(''))).toBe('KbSC');
    expect(familyDrawing('क', fonts, familiesFor(''))).toBeUndefined();
    expect(fonts.registered().sort()).toEqual(['KbArabic', 'KbEmoji', 'KbJP', 'KbKR', 'KbSC', 'KbSans', 'KbThai']);
  });

  it('an incomplete folder fails on its first ticket, naming the missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fonts-'));
    try {
      for (const file of readdirSync(FONTS).filter((f) => f.endsWith('.ttf') && f !== 'NotoEmoji-Bold.ttf')) copyFileSync(join(FONTS, file), join(dir, file));
      expect(() => openTicketFonts(dir)).toThrow(`raster ticket font missing: ${join(dir, 'NotoEmoji-Bold.ttf')}`);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('reads format 4 (BMP) and format 12 cmaps alike', () => {
    const sans = fontCoverage(readFileSync(`${FONTS}NotoSans-Regular.ttf`));
    expect(sans(0x41)).toBe(true);
    expect(sans(0x1f35c)).toBe(false);
    expect(() => fontCoverage(Buffer.from('not a font, not at all'))).toThrow();
  });

  it('reads a font file\'s coverage from its cmap alone, as from the whole file', () => {
    for (const file of readdirSync(FONTS).filter((f) => f.endsWith('-Regular.ttf'))) {
      const whole = fontCoverage(readFileSync(join(FONTS, file)));
      const fromCmap = fontFileCoverage(join(FONTS, file));
      for (let codePoint = 0; codePoint < 0x30000; codePoint++) if (whole(codePoint) !== fromCmap(codePoint)) expect.fail(`${file}: U+${codePoint.toString(16)}`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'fonts-'));
    try {
      writeFileSync(join(dir, 'short.ttf'), readFileSync(join(FONTS, 'NotoSansThai-Regular.ttf')).subarray(0, 200));
      expect(() => fontFileCoverage(join(dir, 'short.ttf'))).toThrow('font file ends early');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('draws Han in the Chinese design unless the ticket has kana', () => {
    expect(familiesFor('宫保鸡丁').indexOf('KbSC')).toBeLessThan(familiesFor('宫保鸡丁').indexOf('KbJP'));
    expect(familiesFor('餃子 ラーメン').indexOf('KbJP')).toBeLessThan(familiesFor('餃子 ラーメン').indexOf('KbSC'));
    expect(familiesFor('Pad Thai')[0]).toBe('KbSans');
    expect(familiesFor('김치찌개 🌶').slice(-2)).toEqual(['KbKR', 'KbEmoji']);
  });
});
