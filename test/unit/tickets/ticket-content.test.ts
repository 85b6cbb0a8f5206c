import { describe, expect, it } from 'vitest';
import { orderSchema, type Order } from '../../../main/klikit/schemas.js';
import { buildTicket, renderText, type TicketOptions } from '../../../main/tickets/index.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';

type Raw = Record<string, unknown> & { cart_v2: Array<Record<string, unknown>> };
const baseOrder = (): Raw => (readKlikitFixture('created-v2.multi-brand-modifiers.envelope.json') as { orders: Raw[] }).orders[0]!;
const order = (patch: Record<string, unknown> = {}): Order => orderSchema.parse({ ...baseOrder(), ...patch });
const kopiOnly = (): Array<Record<string, unknown>> => [baseOrder().cart_v2[2]!];
const text = (doc: ReturnType<typeof buildTicket>, width: 48 | 32): string => renderText(doc, width);
const opts = (width: 48 | 32, more: Partial<TicketOptions> = {}): TicketOptions => ({ width, timeZone: 'Asia/Jakarta', ...more });
const lit = (s: string): string => s.slice(1);

describe('ticket banners and content', () => {
  it('marks changed, new and removed lines on an UPDATED ticket, each in its brand', () => {
    const cart = baseOrder().cart_v2;
    cart[0]!.quantity = 3;
    const removed = cart.splice(1, 1);
    expect(removed).toHaveLength(1);
    cart.push({ id: '400', name: 'Pisang Goreng', quantity: 1, brand: { id: 5301, title: 'Kopi Senja' } });
    const doc = buildTicket({ kind: 'update', order: order({ cart_v2: cart }), previous: order() }, opts(48));
    expect(text(doc, 48)).toBe(lit(`
******************* UPDATED ********************
                     #2217
                    QUEUE 17
                    DELIVERY
                    GrabFood
------------------------------------------------
Placed   Thu 25 Jun 16:14
Due      Thu 25 Jun 16:35
Ref      GF-A-884213
Order    71290001
--- (DEMO) Cimol Bojot AA ----------------------
(CHANGED) 3 x Cimol Beef Porsi Besar
    Level Pedas: Level 3
    Topping: 2 x Keju
      Jenis Keju: Mozzarella
    >> extra crispy
REMOVED: 1 x Cimol Original
--- Kopi Senja ---------------------------------
1 x Es Kopi Susu Gula Aren
    Sugar: 50%
    >> less ice
(NEW) 1 x Pisang Goreng
------------------------------------------------
ITEMS: 5
------------------------------------------------
NOTE: Please no plastic cutlery
`));
  });

  it('marks a changed modifier as a changed line', () => {
    const cart = baseOrder().cart_v2;
    const sugar = cart[2]!.modifier_groups as Array<{ modifiers: Array<{ name: string }> }>;
    sugar[0]!.modifiers[0]!.name = '0%';
    const preview = text(buildTicket({ kind: 'update', order: order({ cart_v2: cart }), previous: order() }, opts(48)), 48);
    expect(preview).toContain('(CHANGED) 1 x Es Kopi Susu Gula Aren\n    Sugar: 0%\n');
    expect(preview).toContain('\n2 x Cimol Beef Porsi Besar\n');
  });

  it('prints a short VOID slip for a cancelled order', () => {
    const doc = buildTicket({ kind: 'cancel', order: order({ status: 3, updated_at: '2026-06-25T09:16:02Z' }) }, opts(32));
    expect(text(doc, 32)).toBe(lit(`
************* VOID *************
             #2217
            QUEUE 17
            DELIVERY
            GrabFood
--------------------------------
 ORDER CANCELLED - DO NOT COOK
Cancelled Thu 25 Jun 16:16
Ref      GF-A-884213
Order    71290001
--------------------------------
2 x Cimol Beef Porsi Besar
1 x Cimol Original
1 x Es Kopi Susu Gula Aren
--------------------------------
ITEMS: 4
`));
    expect(doc.blocks[0]).toEqual({ type: 'banner', text: 'VOID', size: 'big' });
  });

  it('announces a scheduled order with its time', () => {
    const doc = buildTicket({ kind: 'new', order: order({ status: 6, scheduled_time: '2026-06-26T05:00:00Z', cart_v2: kopiOnly() }) }, opts(32));
    expect(text(doc, 32)).toBe(lit(`
********** SCHEDULED ***********
      FOR Fri 26 Jun 12:00
             #2217
            QUEUE 17
            DELIVERY
            GrabFood
--------------------------------
Placed   Thu 25 Jun 16:14
Due      Fri 26 Jun 12:00
Ref      GF-A-884213
Order    71290001
--- Kopi Senja -----------------
1 x Es Kopi Susu Gula Aren
    Sugar: 50%
    >> less ice
--------------------------------
ITEMS: 1
--------------------------------
NOTE: Please no plastic cutlery
`));
  });

  it('puts POSSIBLE DUPLICATE and REPRINT (with the time of the reprint) on top', () => {
    const doc = buildTicket({ kind: 'reprint', order: order({ cart_v2: kopiOnly() }) }, opts(48, { printedAt: '2026-06-25T10:00:00Z', possibleDuplicate: true }));
    expect(text(doc, 48).split('\n').slice(0, 5).join('\n')).toBe(lit(`
************** POSSIBLE DUPLICATE **************
 May have printed already: check before cooking
******************* REPRINT ********************
           Reprinted Thu 25 Jun 17:00
                     #2217`));
  });

  it('warns on any non-void ticket of a cancelled order', () => {
    const preview = text(buildTicket({ kind: 'reprint', order: order({ status: 3 }) }, opts(32)), 32);
    expect(preview).toContain('*** CANCELLED - DO NOT COOK ****\n');
  });

  it('prints a test page without an order', () => {
    const doc = buildTicket({ kind: 'test', order: null }, opts(32, { printedAt: '2026-06-25T10:00:00Z' }));
    expect(doc.orderId).toBeNull();
    expect(text(doc, 32)).toBe(lit(`
************* TEST *************
           TEST PRINT
    Printed Thu 25 Jun 17:00
--------------------------------
Normal text
Bold text
Tall text
Big
================================
Vietnamese: Phở bò tái, bánh mì
Arabic: شاورما دجاج
Thai: ผัดไทยกุ้งสด
Japanese: 親子丼 ラーメン
Chinese: 宫保鸡丁 扬州炒饭
================================
If you can read this, the
printer works and the paper is
in.
`));
  });

  it('names unknown status, provider and type codes instead of failing', () => {
    const doc = buildTicket({ kind: 'new', order: order({ status: 42, provider_id: 99, type: 7, cart_v2: kopiOnly() }) }, opts(32));
    expect(text(doc, 32).split('\n').slice(0, 10).join('\n')).toBe(lit(`
             #2217
            QUEUE 17
             type 7
          provider 99
--------------------------------
Placed   Thu 25 Jun 16:14
Due      Thu 25 Jun 16:35
Ref      GF-A-884213
Order    71290001
Status   status 42`));
  });

  it('shows the table of a dine-in order and the vehicle of a drive-thru', () => {
    const dineIn = text(buildTicket({ kind: 'new', order: order({ type: 3, table_no: 12, cart_v2: kopiOnly() }) }, opts(32)), 32);
    expect(dineIn).toContain('            DINE-IN\n            GrabFood\n            TABLE 12\n');
    const vehicle = { plate: 'B 1234 XY', colour: 'red', nothing: null, blank: '' };
    const driveThru = text(
      buildTicket({ kind: 'new', order: order({ type: 1, pickup_type: 2, additional_info: { vehicle_info: vehicle }, cart_v2: kopiOnly() }) }, opts(32)),
      32,
    );
    expect(driveThru).toContain('           DRIVE-THRU\n            GrabFood\n    VEHICLE: B 1234 XY, red\n');
  });

  it('prints the legacy cart when cart_v2 is absent', () => {
    const legacy = order({
      cart_v2: undefined,
      cart: [
        { title: 'Nasi Goreng', quantity: 2, comment: 'no egg', brand: { id: 5301 }, groups: [{ title: 'Spice', modifiers: [{ title: 'Mild' }] }] },
      ],
    });
    const preview = text(buildTicket({ kind: 'new', order: legacy }, opts(32)), 32);
    expect(preview).toContain(lit(`
--- Kopi Senja -----------------
2 x Nasi Goreng
    Spice: Mild
    >> no egg
--------------------------------
ITEMS: 2
`));
  });

  it('never prints a price', () => {
    const preview = text(buildTicket({ kind: 'new', order: order() }, opts(48)), 48);
    expect(preview).not.toMatch(/25000|50000|15000|22000|6000|Rp/);
  });

  it('uses the kitchen time zone it is given', () => {
    const utc = text(buildTicket({ kind: 'new', order: order() }, opts(48, { timeZone: 'UTC' })), 48);
    expect(utc).toContain('Placed   Thu 25 Jun 09:14\nDue      Thu 25 Jun 09:35\n');
  });

  it('carries copies and the title in the document', () => {
    const doc = buildTicket({ kind: 'new', order: order() }, opts(48, { copies: 2 }));
    expect(doc).toMatchObject({ kind: 'new', orderId: 71290001, title: '#2217', width: 48, copies: 2 });
    expect(doc.blocks.at(-1)).toEqual({ type: 'cut' });
  });
});
