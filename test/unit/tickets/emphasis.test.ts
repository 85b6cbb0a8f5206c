import { describe, expect, it } from 'vitest';
import { EscPosDecoder } from '../../../dev/virtual-printer/escpos-decoder.js';
import { orderSchema } from '../../../main/klikit/schemas.js';
import { buildTicket, renderEscPos } from '../../../main/tickets/index.js';
import { layoutTicket } from '../../../main/tickets/layout.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';

const order = orderSchema.parse((readKlikitFixture('created-v2.multi-brand-modifiers.envelope.json') as { orders: unknown[] }).orders[0]);

/** Each printed line with whether any of its characters was printed emphasised. */
function printedLines(bytes: Buffer, dialect: 'epson' | 'star'): Array<{ text: string; bold: boolean }> {
  const lines: Array<{ text: string; bold: boolean }> = [];
  let current = { text: '', bold: false };
  for (const event of new EscPosDecoder(dialect).push(bytes)) {
    if (event.type !== 'text') continue;
    if (event.text === '\n') {
      lines.push(current);
      current = { text: '', bold: false };
    } else current = { text: current.text + event.text, bold: current.bold || (event.bold && event.text.trim() !== '') };
  }
  return lines;
}

describe('text path emphasis and character set', () => {
  it.each(['epson', 'star'] as const)('%s: every line the document marks bold is printed emphasised, and only those', (type) => {
    for (const kind of ['new', 'update', 'cancel'] as const) {
      const doc = buildTicket({ kind, order, previous: order }, { width: 48, timeZone: 'Asia/Jakarta' });
      const printed = printedLines(renderEscPos(doc, { type, width: 48 }), type);
      const laid = layoutTicket(doc, 48).filter((l) => l.type === 'text' || l.type === 'banner');
      const boldTexts = laid.filter((l) => l.type === 'banner' || l.bold).map((l) => ('text' in l ? l.text.trim() : ''));
      expect(boldTexts.length).toBeGreaterThan(3);
      for (const text of boldTexts) {
        const line = printed.find((p) => p.text.trim() === text);
        expect(line, `"${text}" printed`).toBeDefined();
        expect(line!.bold, `"${text}" emphasised`).toBe(true);
      }
      const plain = laid.filter((l) => l.type === 'text' && !l.bold && l.text.trim() !== '').map((l) => ('text' in l ? l.text.trim() : ''));
      for (const text of plain) expect(printed.find((p) => p.text.trim() === text)?.bold, `"${text}" plain`).toBe(false);
    }
  });

  it('Epson: ESC R 0 and ESC t 0 follow every ESC @', () => {
    const bytes = renderEscPos({ ...buildTicket({ kind: 'new', order }, { width: 48 }), copies: 2 }, { type: 'epson', width: 48 });
    const init = Buffer.from([0x1b, 0x40]);
    const charset = Buffer.from([0x1b, 0x40, 0x1b, 0x52, 0x00, 0x1b, 0x74, 0x00]);
    let inits = 0;
    let followed = 0;
    for (let i = bytes.indexOf(init); i !== -1; i = bytes.indexOf(init, i + 1)) {
      inits++;
      if (bytes.subarray(i, i + charset.length).equals(charset) || i + 2 === bytes.length) followed++;
    }
    expect(inits).toBeGreaterThanOrEqual(3);
    expect(followed).toBe(inits);
  });
});
