import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderSchema } from '../../../main/klikit/schemas.js';
import { asciiTextEncoder, buildTicket, renderEscPos, renderHtml, renderText } from '../../../main/tickets/index.js';
import { wrapText } from '../../../main/tickets/wrap.js';

const line = (name: string, extra: Record<string, unknown> = {}) => ({ id: name, name, quantity: 1, brand: { id: 1, title: 'Dapur' }, ...extra });
const orderWith = (cart: unknown[]) =>
  orderSchema.parse({ id: 9, short_id: 'A1', provider_id: 6, type: 2, status: 2, created_at: '2026-06-25T09:14:11Z', cart_v2: cart });
const preview = (cart: unknown[], width: 48 | 32) => renderText(buildTicket({ kind: 'new', order: orderWith(cart) }, { width, timeZone: 'UTC' }), width);

describe('wrapping', () => {
  it('wraps long names at word boundaries with a hanging indent under the name', () => {
    const text = preview([line('Nasi Goreng Spesial Kampung dengan Telur Mata Sapi dan Kerupuk Udang')], 32);
    expect(text).toContain('1 x Nasi Goreng Spesial Kampung\n    dengan Telur Mata Sapi dan\n    Kerupuk Udang\n');
  });

  it('breaks words longer than the line', () => {
    expect(wrapText('x'.repeat(70), 32, 0, 4)).toEqual(['x'.repeat(32), `    ${'x'.repeat(28)}`, `    ${'x'.repeat(10)}`]);
  });

  it('caps the indentation of deep modifiers without dropping any of them', () => {
    type Group = { name: string; modifiers: Array<{ name: string; quantity: number; modifier_groups: Group[] }> };
    let groups: Group[] = [];
    for (let depth = 9; depth >= 1; depth--) groups = [{ name: `G${depth}`, modifiers: [{ name: `M${depth}`, quantity: 1, modifier_groups: groups }] }];
    const text = preview([line('Bowl', { modifier_groups: groups })], 32);
    for (let depth = 1; depth <= 9; depth++) expect(text).toContain(`G${depth}: M${depth}`);
    expect(text).toContain('\n            G5: M5\n            G6: M6\n');
  });

  it('keeps every word and every line within the width (property)', () => {
    const word = fc.string({ minLength: 1, maxLength: 60 }).filter((w) => !/\s/.test(w));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 20 }), fc.constantFrom(48, 32, 24, 16), fc.nat(12), fc.nat(8), (words, width, indent, hang) => {
        const lines = wrapText(words.join(' '), width, indent, hang);
        for (const l of lines) expect([...new Intl.Segmenter().segment(l)].length).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/ /g, '')).toBe(words.join('').replace(/[\s\p{Cc}]/gu, ''));
      }),
      { numRuns: 300 },
    );
  });
});

describe('names in any script', () => {
  const names = ['ข้าวผัดกะเพรา', 'شاورما دجاج', '宫保鸡丁', 'Phở bò tái', 'Bánh mì đặc biệt'];

  it.each([48, 32] as const)('keeps Thai, Arabic, Chinese and Vietnamese names in the preview at %i columns', (width) => {
    const text = preview(names.map((n) => line(n)), width);
    for (const n of names) expect(text).toContain(`1 x ${n}`);
  });

  it('prints them without throwing: accents stripped, other scripts as one ? per character', () => {
    const bytes = renderEscPos(buildTicket({ kind: 'new', order: orderWith(names.map((n) => line(n))) }, { width: 48, timeZone: 'UTC' }), { type: 'epson', width: 48 });
    const latin = bytes.toString('latin1');
    expect(latin).toContain('1 x Pho bo tai\n');
    expect(latin).toContain('1 x Banh mi dac biet\n');
    expect(latin).toContain('1 x ????\n');
    expect(latin).toContain('1 x ?????? ????\n');
    expect(latin).toMatch(/1 x \?{5,}\n/);
    expect([...bytes.subarray(2)].every((b) => b < 0x80)).toBe(true);
  });

  it('says per line whether the code page can print it (the seam for raster printing)', () => {
    expect(asciiTextEncoder.canPrint('2 x Cimol')).toBe(true);
    expect(asciiTextEncoder.canPrint('宫保鸡丁')).toBe(false);
    expect(asciiTextEncoder.toPrintable('“Keju” – 50% × 2')).toBe('"Keju" - 50% x 2');
  });

  it('never lets control characters in a name reach the printer as commands', () => {
    const bytes = renderEscPos(buildTicket({ kind: 'new', order: orderWith([line('Evil\x1b@\x1dV\x00Cut')]) }, { width: 32 }), { type: 'epson', width: 32 });
    expect(bytes.toString('latin1')).toContain('1 x Evil @ V Cut\n');
  });

  it('escapes names in the HTML preview', () => {
    const html = renderHtml(buildTicket({ kind: 'new', order: orderWith([line('<img src=x onerror=alert(1)> & "q"')]) }, { width: 48 }));
    expect(html).toContain('1 x &lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;');
    expect(html).not.toContain('<img');
  });
});
