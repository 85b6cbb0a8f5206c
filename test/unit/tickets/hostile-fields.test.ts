import { afterEach, describe, expect, it, vi } from 'vitest';
import { orderSchema, type Order } from '../../../main/klikit/schemas.js';
import { buildTicket, renderEscPos, renderHtml, renderRaster, renderText, renderTicket, type PaperWidth, type TicketDocument } from '../../../main/tickets/index.js';
import { printedLines } from '../../../main/tickets/layout.js';
import { capText, PAPER_CAPS, SCREEN_CAPS, SEE_SCREEN, TOO_LONG_TO_SHOW } from '../../../main/tickets/ticket-caps.js';
import { columns, graphemes, wrapText } from '../../../main/tickets/wrap.js';
import { hostileOrderBody } from '../../helpers/hostile-order.js';

// An order whose every text field is 250,000 characters (issue 19: one such `external_id` blocked the
// bridge for 17-23 s and printed 27 m of paper). Each field uses its own letter (one no label on the
// ticket has), so the ticket's text says how much of each field got through.

const HUGE = 250_000;
const huge = (letter: string): string => letter.repeat(HUGE);

/** Field → the letter it is made of and the most of it that may reach paper (its cap's characters). */
const FIELDS = {
  external_id: { letter: 'Ä', max: PAPER_CAPS.id.chars },
  short_id: { letter: 'Ë', max: PAPER_CAPS.title.chars },
  vehicle: { letter: 'Ï', max: PAPER_CAPS.vehicle.chars },
  table: { letter: 'Ö', max: PAPER_CAPS.id.chars },
  customer: { letter: 'Ü', max: PAPER_CAPS.person.chars },
  brand: { letter: 'À', max: PAPER_CAPS.label.chars },
  // The name, and again in the allergy note that names the item.
  item: { letter: 'È', max: PAPER_CAPS.name.chars + PAPER_CAPS.label.chars },
  modifier: { letter: 'Ì', max: PAPER_CAPS.name.chars },
  group: { letter: 'Ò', max: PAPER_CAPS.label.chars },
  comment: { letter: 'Ù', max: PAPER_CAPS.note.chars },
  note: { letter: 'Â', max: PAPER_CAPS.note.chars },
  operator: { letter: 'Ê', max: PAPER_CAPS.note.chars },
} as const;
type Field = keyof typeof FIELDS;
const OTHER_BRAND = 'Î';

const base = {
  id: 71290001,
  provider_id: 6,
  status: 1,
  created_at: '2026-06-25T09:14:11Z',
  short_id: '2217',
  cart_v2: [{ id: 'a', name: 'Nasi Goreng', quantity: 1, brand: { id: 1, title: 'Dapur' } }],
};

/** The base order with `fields` made huge. */
function orderWith(fields: readonly Field[]): Order {
  const has = (f: Field): boolean => fields.includes(f);
  const letter = (f: Field, otherwise: string): string => (has(f) ? huge(FIELDS[f].letter) : otherwise);
  const line = {
    id: 'a',
    name: letter('item', 'Nasi Goreng'),
    quantity: 2,
    comment: has('comment') ? `nut allergy ${huge('Ù')}` : '',
    brand: { id: 1 },
    modifier_groups: [{ name: letter('group', 'Level'), modifiers: [{ name: letter('modifier', 'Pedas'), quantity: 1 }] }],
  };
  return orderSchema.parse({
    ...base,
    type: has('customer') || has('table') ? 3 : 1,
    external_id: letter('external_id', 'GF-1'),
    short_id: letter('short_id', '2217'),
    table_no: letter('table', '12'),
    user_first_name: letter('customer', 'Rina'),
    order_comment: letter('note', ''),
    klikit_comment: letter('operator', ''),
    additional_info: { vehicle_info: has('vehicle') ? { plate: huge('Ï'), colour: 'red' } : {} },
    // A brand list of thousands of brands, the cart's own with a huge title.
    brands: [{ id: 1, title: letter('brand', 'Dapur') }, ...Array.from({ length: 5000 }, (_, i) => ({ id: 100 + i, title: OTHER_BRAND.repeat(1000) }))],
    cart_v2: [line, ...Array.from({ length: 2000 }, (_, i) => ({ id: `x${i}`, name: 'Es Teh', quantity: 2, brand: { id: 100 + i } }))],
  });
}

const ALL = Object.keys(FIELDS) as Field[];
const paper = (order: Order, width: PaperWidth): TicketDocument => buildTicket({ kind: 'new', order }, { width, timeZone: 'UTC' });
const count = (text: string, letter: string): number => text.split(letter).length - 1;

afterEach(() => vi.restoreAllMocks());

describe('a hostile order on paper', () => {
  it.each([48, 42, 32] as const)('stays within about half a metre at %i columns, every field cut and pointing to the screen', (width) => {
    const doc = paper(orderWith(ALL), width);
    const text = renderText(doc, width);
    expect(printedLines(doc.blocks, width)).toBeLessThanOrEqual(PAPER_CAPS.ticketLines);
    expect(text.split('\n').length).toBeLessThan(PAPER_CAPS.ticketLines);
    for (const line of text.split('\n')) expect(columns(line)).toBeLessThanOrEqual(width);
    for (const field of ALL) {
      const { letter, max } = FIELDS[field];
      // Every field is on the ticket, and no more of it than its cap; allergy notes repeat the comment.
      expect(count(text, letter), field).toBeGreaterThan(0);
      expect(count(text, letter), field).toBeLessThanOrEqual(field === 'comment' ? 2 * max : max);
    }
    for (const line of text.split('\n')) expect(count(line, OTHER_BRAND)).toBeLessThanOrEqual(PAPER_CAPS.label.chars);
    expect(text).toContain(SEE_SCREEN);
    expect(text).toMatch(new RegExp(`\\d+ more items ${SEE_SCREEN}`));
    expect(text).toContain('ITEMS: 4002\n');
    expect(doc.capped).toBe(true);
    expect(paper(orderSchema.parse(base), width).capped).toBe(false);
  });

  it.each(['external_id', 'vehicle', 'short_id', 'brand', 'note', 'table', 'customer', 'item', 'modifier', 'group', 'comment', 'operator'] as const)(
    'cuts a 250,000-character %s and says "see screen"',
    (field) => {
      const order = orderWith([field]);
      const doc = paper({ ...order, cart_v2: order.cart_v2!.slice(0, 1) }, 48);
      const text = renderText(doc, 48);
      const { letter, max } = FIELDS[field];
      expect(count(text, letter)).toBeGreaterThan(0);
      expect(count(text, letter)).toBeLessThanOrEqual(field === 'comment' ? 2 * max : max);
      expect(text).toContain(SEE_SCREEN);
      expect(text.split('\n').length).toBeLessThan(45);
    },
  );

  it('prints the hostile ticket as text and as an image under a metre', () => {
    const doc = paper(orderWith(ALL), 48);
    const bytes = renderEscPos(doc, { type: 'epson', width: 48 });
    expect(bytes.length).toBeLessThan(12_000);
    // The marker prints whole, as ASCII: never "..." at the end of one line and "see screen" on the next.
    const printed = bytes.toString('latin1');
    expect(printed).toContain('... see screen\n');
    expect(printed).not.toMatch(/\.\.\.\s*\n\s*see screen/);
    expect(printed).not.toContain('\u00a0');

    const image = renderRaster(doc, { width: 48, dots: 576 });
    // 203 dpi: 8 dots a millimetre.
    expect(image.bitmap.height / 8).toBeLessThan(600);
  });

  it('prints an ASCII order cut everywhere as text, without saying characters are missing', () => {
    const doc = paper(orderSchema.parse(hostileOrderBody(71290001)), 48);
    expect(doc.capped).toBe(true);
    // The marker alone never sends a ticket to raster, nor flags it as missing characters.
    expect(renderTicket(doc, { type: 'epson', width: 48 })).toEqual({ bytes: renderEscPos(doc, { type: 'epson', width: 48 }) });
  });

  it('keeps the items of a line with thousands of modifiers up to the cap, its name first', () => {
    const modifiers = Array.from({ length: 5000 }, (_, i) => ({ name: `Topping ${i}`, quantity: 1 }));
    const order = orderSchema.parse({ ...base, type: 1, cart_v2: [{ id: 'a', name: 'Bowl', quantity: 1, modifier_groups: [{ name: 'Add', modifiers }] }] });
    const doc = paper(order, 48);
    const text = renderText(doc, 48);
    expect(text).toContain('1 x Bowl\n    Add: Topping 0\n');
    expect(text).toMatch(new RegExp(`\n {2,}${SEE_SCREEN}\n`));
    expect(printedLines(doc.blocks, 48)).toBeLessThanOrEqual(PAPER_CAPS.ticketLines);
  });

  it('caps a void slip of a hostile order too', () => {
    const doc = buildTicket({ kind: 'cancel', order: orderSchema.parse({ ...orderWith(ALL), status: 3 }) }, { width: 32, timeZone: 'UTC' });
    expect(printedLines(doc.blocks, 32)).toBeLessThanOrEqual(PAPER_CAPS.ticketLines);
    expect(renderText(doc, 32)).toMatch(new RegExp(`\\d+ more items ${SEE_SCREEN}`));
  });
});

describe("the window's copy of a hostile order", () => {
  it('goes further than paper but is capped the same way, saying it is too long to show', () => {
    const doc = buildTicket({ kind: 'new', order: orderWith(ALL) }, { width: 48, timeZone: 'UTC', forScreen: true });
    const text = renderText(doc, 48);
    expect(printedLines(doc.blocks, 48)).toBeLessThanOrEqual(SCREEN_CAPS.ticketLines);
    expect(text).toContain(TOO_LONG_TO_SHOW);
    expect(text).not.toContain(SEE_SCREEN);
    expect(count(text, 'Â')).toBe(SCREEN_CAPS.note.chars);
    expect(renderHtml(doc).length).toBeLessThan(400_000);
  });
});

describe('capText', () => {
  const field = { chars: 10, lines: 2 };

  it('keeps short text as it is and cuts by characters and lines', () => {
    expect(capText('  Rina  ', field, SEE_SCREEN)).toBe('Rina');
    expect(capText('a'.repeat(11), field, SEE_SCREEN)).toBe(`${'a'.repeat(10)} ${SEE_SCREEN}`);
    expect(capText('one\ntwo\nthree', field, SEE_SCREEN)).toBe(`one\ntwo ${SEE_SCREEN}`);
    expect(capText('a'.repeat(10), field, SEE_SCREEN)).toBe('a'.repeat(10));
  });

  it('counts characters, not UTF-16 units, and never splits an emoji', () => {
    expect(capText('👍'.repeat(10), field, SEE_SCREEN)).toBe('👍'.repeat(10));
    expect(capText('👍'.repeat(11), field, SEE_SCREEN)).toBe(`${'👍'.repeat(10)} ${SEE_SCREEN}`);
  });
});

describe('wrapping a huge word', () => {
  it('breaks a 250,000-character word into full lines, nothing lost', () => {
    const lines = wrapText(huge('x'), 48, 4, 2);
    expect(lines).toHaveLength(Math.ceil((HUGE - 44) / 42) + 1);
    expect(lines.join('').replace(/ /g, '')).toHaveLength(HUGE);
  });

  it('never hands the grapheme segmenter more than a window of a long text', () => {
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    const text = '宫保鸡丁👨‍👩‍👧🇮🇩e\u0301'.repeat(5000);
    const gs = graphemes(text);
    expect(gs.join('')).toBe(text);
    expect(gs).toHaveLength(5 * 5000 + 2 * 5000);
    for (const [input] of segment.mock.calls) expect(input.length).toBeLessThanOrEqual(1024);
  });

  it('gives the same graphemes as segmenting the text whole, across window edges', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const text = Array.from({ length: 1500 }, (_, i) => ['👍🏽', '🇮🇩🇯🇵', 'e\u0301', 'ข้', '👨‍👩‍👧', '\r\n', 'a', '宫'][i % 8]).join('');
    expect(graphemes(text)).toEqual(Array.from(segmenter.segment(text), (s) => s.segment));
  });
});
