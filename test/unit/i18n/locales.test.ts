import { afterEach, describe, expect, it, vi } from 'vitest';
import { matchLocale, resolveLocale } from '../../../common/i18n/locales.js';
import { createTranslator } from '../../../common/i18n/translator.js';
import { pseudoText } from '../../../common/i18n/pseudo.js';

describe('choosing a locale', () => {
  it('matches tags to the languages the product speaks', () => {
    expect(matchLocale('id-ID')).toBe('id');
    expect(matchLocale('in')).toBe('id');
    expect(matchLocale('zh-Hans-SG')).toBe('zh');
    expect(matchLocale('zh_CN')).toBe('zh');
    expect(matchLocale('tl-PH')).toBe('fil');
    expect(matchLocale('fil')).toBe('fil');
    expect(matchLocale('ms-MY')).toBe('ms');
    expect(matchLocale('ar-AE')).toBe('ar');
    expect(matchLocale('en-XA')).toBe('en-XA');
    expect(matchLocale('de-DE')).toBeNull();
    expect(matchLocale('not a tag!')).toBeNull();
    expect(matchLocale('')).toBeNull();
  });

  it('takes the first tag that matches, else English', () => {
    expect(resolveLocale('', 'de', 'th-TH')).toBe('th');
    expect(resolveLocale(undefined, 'fr')).toBe('en');
  });
});

describe('a translator', () => {
  const at = Date.UTC(2026, 11, 7, 18, 5);

  it('writes times on 24 hours by default, in the zone given', () => {
    expect(createTranslator('en', { timeZone: 'Asia/Jakarta' }).time(at)).toBe('01:05');
    expect(createTranslator('id', { timeZone: 'UTC' }).time(at)).toBe('18.05');
    expect(createTranslator('en', { timeZone: 'UTC', hour12: true }).time(at)).toMatch(/06:05\s?PM/i);
  });

  it('keeps Latin digits and right-to-left direction in Arabic', () => {
    const ar = createTranslator('ar-AE', { timeZone: 'UTC' });
    expect(ar.dir).toBe('rtl');
    expect(ar.number(1234)).toMatch(/^1.?234$/);
    expect(ar.time(at)).toContain('18:05');
  });

  it('formats minutes and lists in the locale', () => {
    expect(createTranslator('th').minutes(5)).toBe('5 นาที');
    expect(createTranslator('en').list(['rice', 'egg', 'tea'])).toBe('rice, egg, and tea');
    expect(createTranslator('id').list(['nasi', 'telur'])).toBe('nasi dan telur');
  });

  it('translates with arguments, and pseudo-localises English about 40 % longer', () => {
    expect(createTranslator('zh').t('common.languageAuto', { language: 'English' })).toBe('跟随电脑（English）');
    const pseudo = createTranslator('en-XA').t('common.languageAuto', { language: 'English' });
    expect(pseudo.startsWith('⟦')).toBe(true);
    expect(pseudo).toContain('(English)');
    expect(pseudoText('Settings')).toBe('Šééţţîîñĝš··');
    expect(pseudoText('to go')).toBe('ţöö ĝöö');
    const english = 'Reject order and tell the customer why';
    expect(pseudoText(english).length / english.length).toBeGreaterThanOrEqual(1.35);
  });

  describe('words a message', () => {
    afterEach(() => vi.restoreAllMocks());

    it('without asking Intl for its list of number locales (that list costs a Node process ~6 MB for good)', () => {
      const listed = vi.spyOn(Intl.NumberFormat, 'supportedLocalesOf');
      expect(createTranslator('ar').t('core.klikit.onTheWay', { count: 2 })).toBe('إجراءان في الطريق إلى klikit');
      expect(createTranslator('en').t('core.klikit.unreachable', { count: 1 })).toBe('klikit unreachable — 1 action waiting');
      expect(createTranslator('th').t('core.klikit.unreachable', { count: 3 })).toContain('3');
      expect(createTranslator('en-XA').t('core.klikit.unreachable', { count: 3 })).toContain('3');
      expect(listed).not.toHaveBeenCalled();
    });
  });
});
