import { describe, expect, it } from 'vitest';
import { orderSchema, type Order } from '../../../main/klikit/schemas.js';
import type { StationPrinter } from '../../../main/routing/routes.js';
import { buildTicket, renderText, type TicketKind } from '../../../main/tickets/index.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';

type Raw = Record<string, unknown> & { cart_v2: Array<Record<string, unknown>> };
function raw(): Raw {
  const base = structuredClone((readKlikitFixture('created-v2.multi-brand-modifiers.envelope.json') as { orders: Raw[] }).orders[0]!);
  base.cart_v2[0]!['klikit_category_id'] = 11;
  base.cart_v2[1]!['klikit_category_name'] = 'Sides';
  base.cart_v2[2]!['klikit_category_name'] = 'Drinks';
  return base;
}
const parse = (r: Raw): Order => orderSchema.parse(r);
const STATIONS: StationPrinter[] = [
  { id: 'kitchen', name: 'Kitchen', routes: { categories: ['11', 'Sides'] } },
  { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] } },
  { id: 'expo', name: 'Expo' },
];
const ticket = (printerId: string, kind: TicketKind, order: Order, previous?: Order, printers = STATIONS): string =>
  renderText(buildTicket({ kind, order, previous }, { width: 32, timeZone: 'Asia/Jakarta', station: { printerId, printers } }), 32);
const lit = (s: string): string => s.slice(1);

describe('station tickets', () => {
  it('the bar gets the full header, only its lines and where the rest is', () => {
    expect(ticket('bar', 'new', parse(raw()))).toBe(lit(`
             #2217
            QUEUE 17
            DELIVERY
            GrabFood
--------------------------------
Placed   Thu 25 Jun 16:14
Due      Thu 25 Jun 16:35
Ref      GF-A-884213
Order    71290001
************ NOTES *************
NOTE: Please no plastic cutlery
================================
also: Kitchen 3 items
--- Kopi Senja -----------------
1 x Es Kopi Susu Gula Aren
    Sugar: 50%
    >> less ice
--------------------------------
ITEMS: 1
`));
  });

  it('the kitchen gets the food by category id and name; expo gets everything without an "also"', () => {
    const kitchen = ticket('kitchen', 'new', parse(raw()));
    expect(kitchen).toContain('also: Bar 1 item\n');
    expect(kitchen).toContain('2 x Cimol Beef Porsi Besar\n');
    expect(kitchen).toContain('1 x Cimol Original\n');
    expect(kitchen).not.toContain('Es Kopi');
    const expo = ticket('expo', 'new', parse(raw()));
    expect(expo).not.toContain('also:');
    expect(expo).toContain('Es Kopi');
    expect(expo).toContain('ITEMS: 4\n');
  });

  it('marks a line no station takes as UNROUTED at the fallback printer', () => {
    const r = raw();
    r.cart_v2[2]!['klikit_category_name'] = 'Merch';
    const printers = [STATIONS[0]!, { ...STATIONS[1]!, fallback: true }];
    const bar = ticket('bar', 'new', parse(r), undefined, printers);
    expect(bar).toContain('UNROUTED ITEMS: NO STATION');
    expect(bar).toContain('(UNROUTED) 1 x Es Kopi Susu Gula\n');
    expect(ticket('kitchen', 'new', parse(r), undefined, printers)).not.toContain('UNROUTED');
  });

  it('an update at the bar marks its changed line and leaves the kitchen lines out; a VOID lists only its lines', () => {
    const before = raw();
    const after = raw();
    after.cart_v2[2]!.quantity = 2;
    const update = ticket('bar', 'update', parse(after), parse(before));
    expect(update).toContain('(CHANGED) 2 x Es Kopi Susu Gula\n');
    expect(update).not.toContain('Cimol');
    const voided = ticket('bar', 'cancel', parse({ ...after, status: 3 }));
    expect(voided).toContain('2 x Es Kopi Susu Gula Aren\n');
    expect(voided).not.toContain('Cimol');
  });

  it('without routes anywhere every printer prints the whole order as before', () => {
    const plain = STATIONS.map(({ id, name }) => ({ id, name }));
    expect(ticket('bar', 'new', parse(raw()), undefined, plain)).toBe(
      renderText(buildTicket({ kind: 'new', order: parse(raw()) }, { width: 32, timeZone: 'Asia/Jakarta' }), 32),
    );
  });
});
