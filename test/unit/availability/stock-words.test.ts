import { describe, expect, it } from 'vitest';
import { readStoredWords } from '../../../common/i18n/stored-words.js';
import { createTranslator } from '../../../common/i18n/translator.js';
import { markedWords, restoredWords, stockRefusedWords, stockRetryWords } from '../../../main/availability/stock-words.js';
import type { ApiFailure } from '../../../main/klikit/api-client.js';

const failure = (kind: ApiFailure['kind'], detail?: string): ApiFailure => ({ ok: false, kind, message: `klikit answered 422 (request_id r-2)`, ...(detail ? { detail } : {}) });

describe('"86" in the window’s language', () => {
  it('answers a tap in Bahasa Indonesia and Thai, the kitchen’s clock time as it is', () => {
    const id = createTranslator('id');
    const th = createTranslator('th');
    expect(markedWords(id, 'Nasi Goreng', { until: 'tomorrow', time: '04:00' })).toBe('Nasi Goreng habis sampai besok 04:00. Memberi tahu klikit sekarang.');
    expect(markedWords(th, 'ต้มยำกุ้ง', { until: 'today', time: '14:35' })).toBe('ต้มยำกุ้ง หมดถึง 14:35 กำลังแจ้ง klikit');
    expect(markedWords(createTranslator('en'), 'Pho', { until: 'off', time: '' })).toBe('Pho is out of stock until you turn it back on. Telling klikit now.');
    expect(restoredWords(id, 'Nasi Goreng', false)).toBe('Nasi Goreng kembali ada di menu.');
  });

  it('keeps what a write to klikit left as a key, read in Bahasa Indonesia or Thai', () => {
    const refused = stockRefusedWords(false, failure('invalid', 'Item is locked.'));
    expect(readStoredWords(refused, createTranslator('id'))).toBe('klikit tidak menandai item ini habis. Kata klikit: Item is locked. Tandai di aplikasi klikit.');
    expect(readStoredWords(stockRetryWords(failure('network')), createTranslator('th'))).toBe('ติดต่อ klikit ไม่ได้ในขณะนี้ ระบบกำลังลองใหม่เอง');
    expect(refused).not.toMatch(/422|request_id/);
  });
});
