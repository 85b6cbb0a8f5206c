import { describe, expect, it } from 'vitest';
import { readStoredWords, storeWords } from '../../../common/i18n/stored-words.js';
import { createTranslator } from '../../../common/i18n/translator.js';
import { CREDENTIALS_WORDS, gaveUpWords, heldWords, refusedWords, retryWords } from '../../../main/actions/action-words.js';
import { createCoreLanguage } from '../../../main/core/core-language.js';
import type { ApiFailure } from '../../../main/klikit/api-client.js';

const failure = (kind: ApiFailure['kind'], detail?: string): ApiFailure => ({ ok: false, kind, message: `klikit answered 409 (request_id r-1)${detail ? `: ${detail}` : ''}`, ...(detail ? { detail } : {}) });
const en = createTranslator('en');
const id = createTranslator('id');
const th = createTranslator('th');

describe('an action’s reason, kept as a key and read in the window’s language', () => {
  it('reads in English, Bahasa Indonesia and Thai from the same stored record, without codes or request ids', () => {
    const refused = refusedWords('ready', failure('invalid', 'Order already picked up.'));
    expect(readStoredWords(refused, en)).toBe('klikit did not allow "Ready" for this order now. klikit says: Order already picked up. Check the order on the klikit tablet.');
    expect(readStoredWords(refused, id)).toBe('klikit tidak mengizinkan "Siap" untuk pesanan ini sekarang. Kata klikit: Order already picked up. Periksa pesanan di tablet klikit.');
    expect(readStoredWords(refused, th)).toBe('klikit ไม่อนุญาตให้ "พร้อม" ออเดอร์นี้ในตอนนี้ klikit แจ้งว่า: Order already picked up ตรวจสอบออเดอร์ในแท็บเล็ต klikit');
    expect(refused).not.toMatch(/409|request_id/);
  });

  it('words next tries and giving up per language', () => {
    expect(readStoredWords(retryWords(failure('network')), id)).toBe('klikit tidak bisa dihubungi saat ini. Bridge terus mencoba sendiri; periksa koneksi internet jika ini berlanjut.');
    expect(readStoredWords(retryWords(failure('server')), th)).toBe('klikit มีปัญหาอยู่ในขณะนี้ ระบบกำลังลองใหม่เอง');
    expect(readStoredWords(gaveUpWords('accepted', failure('timeout')), en)).toBe('Not sent: klikit could not be reached before the time to accept this order ran out. Accept it on the klikit tablet if it is still there.');
    expect(readStoredWords(gaveUpWords('picked_up', failure('server')), id)).toBe('Tidak terkirim: klikit terus gagal selama berjam-jam, jadi bridge berhenti mencoba. Tandai "Diambil" di tablet klikit jika perlu.');
    expect(readStoredWords(heldWords(10), th)).toBe('จะแจ้ง klikit ว่าพร้อมใน 10 วินาที: แตะ เลิกทำ หากกดผิด');
    expect(readStoredWords(CREDENTIALS_WORDS, id)).toContain('klikit menolak kunci API bridge');
  });

  it('shows a reason stored as English text before this version as it is, and anything not a record too', () => {
    expect(readStoredWords('Not sent: klikit could not be reached for hours.', th)).toBe('Not sent: klikit could not be reached for hours.');
    expect(readStoredWords('{"key":"no.such.key"}', th)).toBe('{"key":"no.such.key"}');
    expect(readStoredWords('{not json', id)).toBe('{not json');
    expect(readStoredWords(storeWords('core.action.held', {}), id)).toBe(storeWords('core.action.held', {}));
  });
});

describe('the core’s language', () => {
  it('is the settings’ language, the computer’s when empty, English when the computer’s is not one we speak, and follows a change', () => {
    expect(createCoreLanguage('', { systemLocale: 'th-TH' }).words().locale).toBe('th');
    expect(createCoreLanguage('', { systemLocale: 'de-DE' }).words().locale).toBe('en');
    const language = createCoreLanguage('id', { systemLocale: 'th-TH' });
    expect(language.words().t('core.action.firstSend')).toBe('Mengirim ke klikit…');
    language.use('th');
    expect(language.words().t('core.action.firstSend')).toBe('กำลังส่งไปยัง klikit…');
    language.use('');
    expect(language.words().locale).toBe('th');
  });
});
