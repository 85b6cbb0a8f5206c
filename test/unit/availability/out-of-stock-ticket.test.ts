import { describe, expect, it } from 'vitest';
import { orderSchema } from '../../../main/klikit/schemas.js';
import type { StationPrinter } from '../../../main/routing/routes.js';
import { buildTicket, renderText } from '../../../main/tickets/index.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';

// The kitchen ticket of an order that arrived while some of its items were marked out of stock: a box
// before the items and a tag on the line, only for the lines this printer prints.

type Raw = Record<string, unknown> & { cart_v2: Array<Record<string, unknown>> };
const raw = (): Raw => structuredClone((readKlikitFixture('created-v2.multi-brand-modifiers.envelope.json') as { orders: Raw[] }).orders[0]!);

describe('the OUT OF STOCK box', () => {
  it('names the items before the cart and tags their lines', () => {
    const base = raw();
    base.cart_v2[2]!['klikit_category_name'] = 'Drinks';
    const order = orderSchema.parse(base);
    const [first, , drink] = order.cart_v2!;
    const rows = renderText(buildTicket({ kind: 'new', order }, { width: 48, timeZone: 'Asia/Jakarta', outOfStock: [first!.name, drink!.name] }), 48).split('\n').map((r) => r.trim());
    // The banner row (inverted on paper) comes before the notes and the items.
    const box = rows.findIndex((r) => /^\*+ OUT OF STOCK \*+$/.test(r));
    expect(box).toBeGreaterThan(0);
    expect(rows.slice(box + 1, box + 4)).toEqual([`OUT OF STOCK: ${first!.name}`, `OUT OF STOCK: ${drink!.name}`, 'Ask the cashier before cooking']);
    expect(rows.findIndex((r) => /NOTES/.test(r))).toBeGreaterThan(box);
    expect(rows.some((r) => r.startsWith('(OUT OF STOCK) ') && r.includes(first!.name))).toBe(true);
    expect(rows.filter((r) => r.startsWith('(OUT OF STOCK) '))).toHaveLength(2);

    // The bar prints only the drink: its ticket names only the drink.
    const stations: StationPrinter[] = [{ id: 'kitchen', name: 'Kitchen' }, { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] } }];
    const bar = renderText(buildTicket({ kind: 'new', order }, { width: 48, outOfStock: [first!.name, drink!.name], station: { printerId: 'bar', printers: stations } }), 48);
    expect(bar).toContain(`OUT OF STOCK: ${drink!.name}`);
    expect(bar).not.toContain(`OUT OF STOCK: ${first!.name}`);

    const plain = renderText(buildTicket({ kind: 'new', order }, { width: 48 }), 48);
    expect(plain).not.toContain('OUT OF STOCK');
  });
});
