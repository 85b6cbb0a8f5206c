import { describe, expect, it } from 'vitest';
import { orderSchema } from '../../../main/klikit/schemas.js';
import { buildTicket, renderEscPos, renderText } from '../../../main/tickets/index.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';

// klikit's data reaches the printer: a control character in any field (here the brand title, which
// heads a rule line) must come out as a space, never as a printer command.

const withBrandTitle = (title: string) => {
  const envelope = readKlikitFixture('created-v2.multi-brand-modifiers.envelope.json') as { orders: Record<string, unknown>[] };
  const order = structuredClone(envelope.orders[0]!) as { brands: { title: string }[]; cart_v2: { brand: { title: string } }[] };
  for (const brand of order.brands) brand.title = title;
  for (const line of order.cart_v2) line.brand.title = title;
  return orderSchema.parse(order);
};

const ticket = (title: string) => buildTicket({ kind: 'new', order: withBrandTitle(title) }, { width: 48, timeZone: 'UTC' });

describe('control characters from order data', () => {
  const hostile = 'Kopi\x1b@\x1dV\x00\x10\x04\x01Senja';
  const defused = 'Kopi @ V    Senja';

  it('never reach the ESC/POS bytes: they print as spaces', () => {
    const printer = { type: 'epson', width: 48 } as const;
    expect(renderEscPos(ticket(hostile), printer).equals(renderEscPos(ticket(defused), printer))).toBe(true);
  });

  it('never reach the preview', () => {
    expect(renderText(ticket(hostile), 48)).not.toMatch(/(?![\r\n])\p{Cc}/u);
  });
});
