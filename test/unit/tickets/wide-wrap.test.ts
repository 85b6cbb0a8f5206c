import { describe, expect, it } from 'vitest';
import { columns, wrapText } from '../../../main/tickets/wrap.js';

describe('East Asian wide characters take two columns', () => {
  it('counts Han, kana, Hangul and fullwidth forms as two, everything else as one', () => {
    expect(columns('宫保鸡丁')).toBe(8);
    expect(columns('ラーメン')).toBe(8);
    expect(columns('한식')).toBe(4);
    expect(columns('，')).toBe(2);
    expect(columns('Phở ผัดไทย شاورما')).toBe(16);
  });

  it('wraps a run of CJK without spaces at the paper width, starting on the line of its prefix', () => {
    const lines = wrapText('>> 请不要放花生，我对花生严重过敏，谢谢。另外请把酱汁分开装。', 32, 4, 3);
    expect(lines[0]!.startsWith('    >> 请不要')).toBe(true);
    for (const line of lines) expect(columns(line)).toBeLessThanOrEqual(32);
    expect(lines.join('').replace(/ /g, '')).toBe('>>请不要放花生，我对花生严重过敏，谢谢。另外请把酱汁分开装。');
    expect(lines.slice(1).every((l) => l.startsWith('       ') && !l.startsWith('        '))).toBe(true);
  });

  it('still moves a Latin word that fits on a line of its own to the next line', () => {
    expect(wrapText('aaa bbbbbbbbbb', 10)).toEqual(['aaa', 'bbbbbbbbbb']);
    expect(wrapText('aaa bbbbbbbbbbbb', 10)).toEqual(['aaa bbbbbb', 'bbbbbb']);
  });
});
