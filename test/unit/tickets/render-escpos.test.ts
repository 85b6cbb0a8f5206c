import { describe, expect, it } from 'vitest';
import { orderSchema } from '../../../main/klikit/schemas.js';
import { buildTicket, renderEscPos, renderHtml, ticketForJob } from '../../../main/tickets/index.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';

const rawOrder = (): Record<string, unknown> => (readKlikitFixture('created-v2.multi-brand-modifiers.envelope.json') as { orders: Array<Record<string, unknown>> }).orders[0]!;
const doc = (copies = 1) => buildTicket({ kind: 'new', order: orderSchema.parse(rawOrder()) }, { width: 48, timeZone: 'Asia/Jakarta', copies });
const bytes = (...parts: Array<number[] | string>): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const count = (haystack: Buffer, needle: Buffer): number => {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
};

const ESC_INIT = [0x1b, 0x40];
const EPSON_CHARSET = [0x1b, 0x52, 0x00, 0x1b, 0x74, 0x00];
const STAR_CHARSET = [0x1b, 0x52, 0x00];

describe('ESC/POS rendering', () => {
  it('Epson: initialises, prints the id big and bold centred, the lines, and cuts', () => {
    const out = renderEscPos(doc(), { type: 'epson', width: 48 });
    expect([...out.subarray(0, 2)]).toEqual(ESC_INIT);
    // ESC a 1 (centre), ESC ! 0x30 (double width and height), ESC E 1 (bold), then the id.
    expect(out.indexOf(bytes([0x1b, 0x61, 0x01], [0x1b, 0x21, 0x30], [0x1b, 0x45, 0x01], [0x1d, 0x42, 0x00], '#2217\n'))).toBeGreaterThan(-1);
    // back to normal size before the next, double-height line.
    expect(out.indexOf(bytes('#2217\n', [0x1b, 0x21, 0x10], [0x1b, 0x45, 0x01], 'QUEUE 17\n'))).toBeGreaterThan(-1);
    for (const text of ['2 x Cimol Beef Porsi Besar\n', '      Jenis Keju: Mozzarella\n', '    >> extra crispy\n', 'NOTE: Please no plastic cutlery\n']) {
      expect(out.includes(Buffer.from(text))).toBe(true);
    }
    expect(out.includes(Buffer.from('25000'))).toBe(false);
    // GS V 0 full cut, then ESC @ and the character set again.
    expect(out.subarray(-11)).toEqual(bytes([0x1d, 0x56, 0x00], ESC_INIT, EPSON_CHARSET));
  });

  it('Star: uses the Star command set for size and cut', () => {
    const out = renderEscPos(doc(), { type: 'star', width: 48 });
    expect([...out.subarray(0, 2)]).toEqual(ESC_INIT);
    expect(out.indexOf(bytes([0x1b, 0x69, 0x01, 0x01], [0x1b, 0x45], [0x1b, 0x35], '#2217\n'))).toBeGreaterThan(-1);
    expect(out.subarray(-8)).toEqual(bytes([0x1b, 0x64, 0x02], ESC_INIT, STAR_CHARSET));
  });

  it('prints banners inverted across the full width', () => {
    const order = orderSchema.parse(rawOrder());
    const out = renderEscPos(buildTicket({ kind: 'update', order, previous: order }, { width: 32 }), { type: 'epson', width: 32 });
    const row = `${' '.repeat(12)}UPDATED${' '.repeat(13)}\n`;
    expect(out.indexOf(bytes([0x1b, 0x21, 0x10], [0x1b, 0x45, 0x01], [0x1d, 0x42, 0x01], row))).toBeGreaterThan(-1);
  });

  it('repeats the ticket for each copy, each with its own cut', () => {
    const cut = Buffer.from([0x1d, 0x56, 0x00]);
    expect(count(renderEscPos(doc(1), { type: 'epson', width: 48 }), cut)).toBe(1);
    const two = renderEscPos(doc(2), { type: 'epson', width: 48 });
    expect(count(two, cut)).toBe(2);
    expect(count(two, Buffer.from('#2217\n'))).toBe(2);
  });

  it('wraps at 32 columns on 58 mm paper', () => {
    const out = renderEscPos(doc(), { type: 'epson', width: 32 }).toString('latin1');
    expect(out).toContain('--------------------------------\n');
    expect(out).not.toContain('---------------------------------');
  });
});

describe('HTML rendering', () => {
  it('gives sizes, emphasis and banners classes', () => {
    const order = orderSchema.parse(rawOrder());
    const html = renderHtml(buildTicket({ kind: 'reprint', order }, { width: 32 }));
    expect(html.startsWith('<div class="ticket ticket-w32 ticket-reprint">')).toBe(true);
    expect(html).toContain('<div class="tk-line tk-banner tk-size-normal tk-align-center">REPRINT</div>');
    expect(html).toContain('<div class="tk-line tk-size-big tk-align-center tk-bold">#2217</div>');
    expect(html).toContain('<hr class="tk-cut">');
  });
});

describe('ticketForJob', () => {
  it('builds the ticket of a stored job, with the POSSIBLE DUPLICATE banner when asked', () => {
    const result = ticketForJob({ kind: 'new', payload: { order: rawOrder() }, possibleDuplicate: true }, { width: 48 });
    expect(result.ok && result.ticket.blocks[0]).toEqual({ type: 'banner', text: 'POSSIBLE DUPLICATE' });
  });

  it('returns an error value for a payload that is not an order', () => {
    expect(ticketForJob({ kind: 'new', payload: { order: { ...rawOrder(), status: 'x' } }, possibleDuplicate: false }, { width: 48 })).toEqual({
      ok: false,
      error: 'not an order: status: Invalid input: expected number, received string',
    });
    expect(ticketForJob({ kind: 'reprint', payload: { order: null }, possibleDuplicate: false }, { width: 32 }).ok).toBe(false);
    const deep = { ...rawOrder(), cart_v2: JSON.parse('['.repeat(600) + ']'.repeat(600)) as unknown };
    expect(ticketForJob({ kind: 'new', payload: { order: deep }, possibleDuplicate: false }, { width: 48 })).toEqual({
      ok: false,
      error: 'not an order: nested deeper than 256 levels',
    });
  });

  it('prints a test job without an order, and ignores an unreadable previous version', () => {
    const test = ticketForJob({ kind: 'test', payload: { order: null }, possibleDuplicate: false }, { width: 32 });
    expect(test.ok && test.ticket.orderId).toBeNull();
    const update = ticketForJob({ kind: 'update', payload: { order: rawOrder(), previous: 'garbage' }, possibleDuplicate: false }, { width: 32 });
    expect(update.ok && update.ticket.blocks[0]).toEqual({ type: 'banner', text: 'UPDATED', size: 'tall' });
  });
});
