import { describe, expect, it } from 'vitest';
import { createCoreLanguage } from '../../../main/core/core-language.js';

// The core's translator: the settings' language, or a LAN screen's inside the answer to its request.

describe('the core language', () => {
  it('words an answer in the reader’s language and everything else in the settings’ language', async () => {
    const language = createCoreLanguage('en', { systemLocale: 'en-US' });
    const said = (): string => language.words().t('core.notRunning');
    expect(await language.answerIn('th', async () => said())).toBe('ระบบยังไม่ทำงาน: ตั้งค่าให้เสร็จก่อน');
    expect(await language.answerIn(null, async () => said())).toBe('The bridge is not running yet: finish the settings first.');
    expect(said()).toBe('The bridge is not running yet: finish the settings first.');
    // The same translator each time: its compiled messages and formatters are kept.
    expect(await language.answerIn('th', async () => language.words())).toBe(await language.answerIn('th', async () => language.words()));
  });

  it('keeps two screens’ answers running at once each in its own language', async () => {
    const language = createCoreLanguage('en', { systemLocale: 'en-US' });
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const answer = async (): Promise<string> => {
      await gate;
      return language.words().t('core.order.unknown', { id: '7' });
    };
    const both = Promise.all([language.answerIn('th', answer), language.answerIn('id', answer), answer()]);
    release();
    expect(await both).toEqual(['ไม่รู้จักออเดอร์ 7', 'pesanan 7 tidak dikenal', 'order 7 is not known']);
  });

  it('words work a screen’s request started but that runs after its answer in the settings’ language', async () => {
    const language = createCoreLanguage('id', { systemLocale: 'en-US' });
    let later: Promise<string> | undefined;
    await language.answerIn('th', async () => {
      later = new Promise((resolve) => setTimeout(() => resolve(language.words().t('core.notRunning')), 1));
      return language.words().locale;
    });
    expect(await later).toBe('Bridge belum berjalan: lengkapi pengaturan dulu.');
  });

  it('follows a settings change outside any screen’s answer', async () => {
    const language = createCoreLanguage('', { systemLocale: 'vi-VN' });
    expect(language.words().locale).toBe('vi');
    language.use('ar');
    expect(language.words().locale).toBe('ar');
    expect(await language.answerIn('zh', async () => language.words().locale)).toBe('zh');
  });
});
