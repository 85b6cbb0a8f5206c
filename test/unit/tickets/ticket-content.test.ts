import { describe, expect, it } from 'vitest';
import { orderSchema, type Order } from '../../../main/klikit/schemas.js';
import { buildTicket, renderText, type TicketOptions } from '../../../main/tickets/index.js';
import { printedLines } from '../../../main/tickets/layout.js';
import { PAPER_CAPS, SEE_SCREEN, TOO_LONG_TO_SHOW } from '../../../main/tickets/ticket-caps.js';
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
******************** NOTES *********************
NOTE: Please no plastic cutlery
================================================
--- (DEMO) Cimol Bojot AA ----------------------
(CHANGED) 3 x Cimol Beef Porsi Besar
    Level Pedas: Level 3
    Topping: 2 x Keju each (6 total)
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
************ NOTES *************
NOTE: Please no plastic cutlery
================================
--- Kopi Senja -----------------
1 x Es Kopi Susu Gula Aren
    Sugar: 50%
    >> less ice
--------------------------------
ITEMS: 1
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
    expect(dineIn).toContain('            DINE-IN\n            GrabFood\n            TABLE 12\n           NAME: Rina\n');
    const vehicle = { plate: 'B 1234 XY', colour: 'red', nothing: null, blank: '' };
    const driveThru = text(
      buildTicket({ kind: 'new', order: order({ type: 1, pickup_type: 2, additional_info: { vehicle_info: vehicle }, cart_v2: kopiOnly() }) }, opts(32)),
      32,
    );
    expect(driveThru).toContain('           DRIVE-THRU\n            GrabFood\n           NAME: Rina\n    VEHICLE: B 1234 XY, red\n');
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

describe('what a cook must not miss', () => {
  it('boxes notes and allergy-like line instructions before the items; the comment stays under its line too', () => {
    const cart = baseOrder().cart_v2;
    cart[1]!.comment = 'ALLERGY: peanuts';
    const preview = text(buildTicket({ kind: 'new', order: order({ cart_v2: cart, klikit_comment: 'Rider waiting outside' }) }, opts(48)), 48);
    expect(preview).toContain(lit(`
Order    71290001
******************** NOTES *********************
NOTE: Please no plastic cutlery
KLIKIT NOTE: Rider waiting outside
! Cimol Original: ALLERGY: peanuts
================================================
--- (DEMO) Cimol Bojot AA ----------------------
`));
    expect(preview).toContain('1 x Cimol Original\n    >> ALLERGY: peanuts\n');
    expect(preview).not.toContain('! Es Kopi');
  });

  it('names the customer by first name for pickup and dine-in only, never phone or address', () => {
    const patch = { user_first_name: 'Rina Sari', user_last_name: 'S.', user_phone: '+62 812 555', delivery_address: 'Jl. Melati 5' };
    const pickup = text(buildTicket({ kind: 'new', order: order({ ...patch, type: 1 }) }, opts(32)), 32);
    expect(pickup).toContain('           NAME: Rina\n');
    expect(pickup).not.toMatch(/Sari|812|Melati/);
    const delivery = text(buildTicket({ kind: 'new', order: order({ ...patch, type: 2 }) }, opts(32)), 32);
    expect(delivery).not.toMatch(/NAME|Rina|812|Melati/);
  });

  it('calls klikit orders by queue number big, the short id under it and the long id small', () => {
    const own = order({ provider_id: 1, id: 71280866, short_id: '1004', order_queue: 4, external_id: '' });
    const doc = buildTicket({ kind: 'new', order: own }, opts(32));
    expect(doc.blocks[0]).toEqual({ type: 'text', text: 'QUEUE 4', style: { bold: true, size: 'big', align: 'center' } });
    expect(text(doc, 32)).toMatch(/^ {12}QUEUE 4\n {13}#1004\n[\s\S]*\nOrder {4}71280866\n/);
    const noQueue = buildTicket({ kind: 'new', order: order({ provider_id: 1, short_id: '1004', order_queue: null }) }, opts(32));
    expect(noQueue.title).toBe('#1004');
  });

  it('says whether a modifier quantity is per item and how many in total', () => {
    const single = baseOrder().cart_v2;
    single[0]!.quantity = 1;
    expect(text(buildTicket({ kind: 'new', order: order({ cart_v2: single }) }, opts(48)), 48)).toContain('    Topping: 2 x Keju\n');
    expect(text(buildTicket({ kind: 'new', order: order() }, opts(48)), 48)).toContain('    Topping: 2 x Keju each (4 total)\n');
  });

  it('caps an absurd note and an absurd cart, then points to the screen', () => {
    const note = Array.from({ length: 3000 }, (_, i) => `line ${i}`).join('\n');
    const items = Array.from({ length: 500 }, (_, i) => ({ id: `x${i}`, name: `Item ${i}`, quantity: 1, brand: { id: 5301, title: 'Kopi Senja' } }));
    const paper = buildTicket({ kind: 'new', order: order({ order_comment: note, cart_v2: items }) }, opts(48));
    const preview = text(paper, 48);
    expect(printedLines(paper.blocks, 48)).toBeLessThanOrEqual(PAPER_CAPS.ticketLines);
    expect(preview).toContain(`line 5 ${SEE_SCREEN}\n`);
    expect(preview).not.toContain('line 6');
    expect(preview).toContain('1 x Item 56\n');
    expect(preview).toContain(`443 more items ${SEE_SCREEN}`);
    expect(preview).toContain('ITEMS: 500\n');
    const screen = text(buildTicket({ kind: 'new', order: order({ order_comment: note, cart_v2: items }) }, opts(48, { forScreen: true })), 48);
    expect(screen).not.toContain(SEE_SCREEN);
    expect(screen).toContain(`line 79 ${TOO_LONG_TO_SHOW}\n`);
    expect(screen).not.toContain('line 80');
    expect(screen).toContain('1 x Item 499\n');
  });
});

describe('scheduled orders on paper', () => {
  const scheduled = () => order({ status: 6, scheduled_time: '2026-06-25T12:30:00Z' });

  it('prints a short SCHEDULED slip on arrival: when it is for, when its ticket prints, nothing to cook', () => {
    const doc = buildTicket({ kind: 'new', order: scheduled(), slip: { printsAt: '2026-06-25T12:05:00Z' } }, opts(32));
    expect(text(doc, 32)).toBe(lit(`
********** SCHEDULED ***********
             #2217
            QUEUE 17
            DELIVERY
            GrabFood
--------------------------------
For      Thu 25 Jun 19:30
Ticket   prints Thu 25 Jun 19:05
Ref      GF-A-884213
Order    71290001
--------------------------------
ITEMS: 4
        DO NOT COOK YET
`));
  });

  it('marks a kitchen ticket that printed after its time LATE', () => {
    const doc = buildTicket({ kind: 'new', order: scheduled(), late: { dueAt: '2026-06-25T12:05:00Z' } }, opts(32));
    expect(text(doc, 32).split('\n').slice(0, 4).join('\n')).toBe(lit(`
************* LATE *************
    was due Thu 25 Jun 19:05
********** SCHEDULED ***********
      FOR Thu 25 Jun 19:30`));
  });
});
