import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EscPosDecoder } from '../../dev/virtual-printer/escpos-decoder.js';
import { cellsFor, layoutTicket } from '../../main/tickets/layout.js';
import { renderEscPos, renderText, ticketForJob, type PaperWidth, type TicketKind } from '../../main/tickets/index.js';

// Orders with any text in them (RTL, CJK, Thai, emoji sequences, combining marks, control characters,
// ESC/POS command bytes, endless words), any cart size and deep modifier nesting must still give a
// ticket: every laid-out line fits its columns, the preview fits the paper, and the ESC/POS bytes
// decode to printable text lines that fit, one cut per copy, and no command smuggled in by a name.

const SEED = 0x7ec4e7;

const NASTY = [
  'شاورما دجاج مع ثوم',
  'שקשוקה חריפה',
  '不要香菜，多加辣',
  'ไม่ใส่ผักชี',
  'Phở bò tái chín',
  '👨‍👩‍👧‍👦🍜🇮🇩🏳️‍🌈',
  '\u202eevil\u202c',
  'e\u0301\u0301\u0301\u0301',
  '\x1b@\x1dV\x00\x10\x04\x01',
  '\x1bd\x09\x1b!\x30',
  'tab\there\r\nnew line\n\n\nend',
  'x'.repeat(300),
  'Ａ'.repeat(60),
  '\u200b\u200d\ufeff',
  ' ',
  '',
];
const nastyText = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom(...NASTY), { maxLength: 4 }).map((parts) => parts.join(' ')),
);
const name = nastyText.filter((t) => t.length > 0);
const timestamp = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());

type ModifierGroup = { name: string; modifiers: Array<{ name: string; quantity: number; modifier_groups: ModifierGroup[] }> };
const groupsArb = (depth: number): fc.Arbitrary<ModifierGroup[]> =>
  depth === 0
    ? fc.constant([])
    : fc.array(
        fc.record({
          name: nastyText,
          modifiers: fc.array(fc.record({ name, quantity: fc.nat(20), modifier_groups: groupsArb(depth - 1) }), { maxLength: 2 }),
        }),
        { maxLength: 2 },
      );

const lineArb = fc.record({
  name,
  quantity: fc.nat(999),
  comment: nastyText,
  brand: fc.option(fc.record({ id: fc.integer({ min: 1, max: 4 }), title: nastyText }), { nil: null }),
  modifier_groups: groupsArb(3),
});

const orderArb = (cart: fc.Arbitrary<unknown[]>) =>
  fc.record({
    id: fc.integer({ min: 1, max: 2 ** 31 }),
    short_id: nastyText,
    external_id: nastyText,
    order_queue: fc.option(fc.integer({ min: -5, max: 100_000 }), { nil: null }),
    provider_id: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    type: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
    pickup_type: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    status: fc.integer({ min: 0, max: 12 }),
    table_no: nastyText,
    additional_info: fc.record({ vehicle_info: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(nastyText, fc.integer())) }),
    created_at: timestamp,
    updated_at: timestamp,
    scheduled_time: fc.option(timestamp, { nil: null }),
    estimated_pickup_at: fc.option(timestamp, { nil: null }),
    order_comment: nastyText,
    klikit_comment: nastyText,
    cart_v2: cart,
  });

const kindArb = fc.constantFrom<TicketKind>('new', 'update', 'cancel', 'reprint');
const widthArb = fc.constantFrom<PaperWidth>(48, 32);
const graphemeCount = (text: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;

function checkTicket(order: unknown, previous: unknown, kind: TicketKind, width: PaperWidth, possibleDuplicate: boolean, dialect: 'epson' | 'star'): void {
  const result = ticketForJob(
    { kind, payload: { order, previous }, possibleDuplicate },
    { width, timeZone: 'Asia/Jakarta', printedAt: '2026-06-24T12:00:00.000Z' },
  );
  if (!result.ok) throw new Error(`no ticket: ${result.error}`);
  const ticket = result.ticket;

  for (const line of layoutTicket(ticket, width)) {
    if (line.type === 'text' || line.type === 'banner') {
      expect(graphemeCount(line.text), `laid-out line too wide: ${JSON.stringify(line.text)}`).toBeLessThanOrEqual(cellsFor(width, line.size));
    }
  }

  const preview = renderText(ticket, width);
  for (const line of preview.split('\n')) {
    expect(graphemeCount(line), `preview line too wide: ${JSON.stringify(line)}`).toBeLessThanOrEqual(width);
  }
  if (possibleDuplicate) expect(preview).toContain('POSSIBLE DUPLICATE');

  const bytes = renderEscPos(ticket, { type: dialect, width });
  const decoder = new EscPosDecoder(dialect);
  const events = decoder.push(bytes);
  expect(decoder.leftover).toBe(0);
  expect(events.filter((e) => e.type === 'cut')).toHaveLength(1);
  expect(events.filter((e) => e.type === 'status-request')).toEqual([]);
  const printed = events.map((e) => (e.type === 'text' ? e.text : '')).join('');
  for (const line of printed.split('\n')) {
    expect(line, 'non-printable text reached the printer').toMatch(/^[\x20-\x7e]*$/);
    expect(line.length, `printed line too wide: ${JSON.stringify(line)}`).toBeLessThanOrEqual(width);
  }
}

describe('fuzz: ticket rendering', () => {
  it('orders with any text and nested modifiers give a ticket that fits the paper', () => {
    fc.assert(
      fc.property(orderArb(fc.array(lineArb, { maxLength: 6 })), orderArb(fc.array(lineArb, { maxLength: 3 })), kindArb, widthArb, fc.boolean(), fc.constantFrom('epson' as const, 'star' as const), (order, previous, kind, width, dup, dialect) =>
        checkTicket(order, kind === 'update' ? previous : undefined, kind, width, dup, dialect),
      ),
      { seed: SEED, numRuns: 80 },
    );
  });

  it('empty carts and orders without any cart still print', () => {
    fc.assert(
      fc.property(orderArb(fc.constant([])), kindArb, widthArb, (order, kind, width) => {
        checkTicket(order, undefined, kind, width, false, 'epson');
        const { cart_v2: _cart, ...withoutCart } = order;
        checkTicket(withoutCart, undefined, kind, width, false, 'epson');
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('huge carts render in full', () => {
    fc.assert(
      fc.property(orderArb(fc.array(lineArb.map((l) => ({ ...l, modifier_groups: [] })), { minLength: 250, maxLength: 300 })), widthArb, (order, width) => {
        checkTicket(order, undefined, 'new', width, false, 'epson');
        const preview = renderText(buildPreviewTicket(order, width), width);
        expect(preview).toContain(`ITEMS: ${(order.cart_v2 as Array<{ quantity: number }>).reduce((sum, l) => sum + l.quantity, 0)}`);
      }),
      { seed: SEED, numRuns: 2 },
    );
  });

  // The preview is what `npm run ticket` writes to a terminal and what the window shows: a control
  // character from klikit's data (ESC, BEL...) must not reach it either.
  it('the text preview carries no control characters from order text', () => {
    fc.assert(
      fc.property(orderArb(fc.array(lineArb, { maxLength: 4 })), widthArb, (order, width) => {
        const preview = renderText(buildPreviewTicket(order, width), width);
        for (const line of preview.split('\n')) expect(line).not.toMatch(/\p{Cc}/u);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('50-deep modifier nesting keeps every level and fits the paper', () => {
    const chain = fc.array(name, { minLength: 50, maxLength: 50 }).map((names) => {
      let groups: ModifierGroup[] = [];
      for (const n of names) groups = [{ name: 'g', modifiers: [{ name: n, quantity: 1, modifier_groups: groups }] }];
      return groups;
    });
    fc.assert(
      fc.property(chain, widthArb, (groups, width) => {
        const order = { id: 1, status: 1, updated_at: '2026-06-24T12:00:00Z', cart_v2: [{ name: 'Deep', quantity: 1, modifier_groups: groups }] };
        checkTicket(order, undefined, 'new', width, false, 'epson');
        const ticket = buildPreviewTicket(order, width);
        const modifierLines = ticket.blocks.filter((b) => b.type === 'text' && b.text.startsWith('g: '));
        expect(modifierLines).toHaveLength(50);
      }),
      { seed: SEED, numRuns: 10 },
    );
  });
});

function buildPreviewTicket(order: unknown, width: PaperWidth) {
  const result = ticketForJob({ kind: 'new', payload: { order }, possibleDuplicate: false }, { width });
  if (!result.ok) throw new Error(result.error);
  return result.ticket;
}
