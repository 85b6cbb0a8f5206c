import { describe, expect, it } from 'vitest';
import { buildTicket, renderText } from '../../../main/tickets/index.js';
import { ordersFromInput } from '../../../main/tickets/order-input.js';
import { klikitFixtureNames, readKlikitFixture } from '../../helpers/fixtures.js';

// The full preview of every klikit fixture, as a cook reads it. Each literal starts with a newline
// for readability; it is not part of the ticket.
const EXPECTED: Array<[string, 48 | 32, string]> = [
  ['created-v2.multi-brand-modifiers.envelope.json', 48, `
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
2 x Cimol Beef Porsi Besar
    Level Pedas: Level 3
    Topping: 2 x Keju each (4 total)
      Jenis Keju: Mozzarella
    >> extra crispy
1 x Cimol Original
--- Kopi Senja ---------------------------------
1 x Es Kopi Susu Gula Aren
    Sugar: 50%
    >> less ice
------------------------------------------------
ITEMS: 4
`],
  ['created-v2.multi-brand-modifiers.envelope.json', 32, `
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
--- (DEMO) Cimol Bojot AA ------
2 x Cimol Beef Porsi Besar
    Level Pedas: Level 3
    Topping: 2 x Keju each (4
      total)
      Jenis Keju: Mozzarella
    >> extra crispy
1 x Cimol Original
--- Kopi Senja -----------------
1 x Es Kopi Susu Gula Aren
    Sugar: 50%
    >> less ice
--------------------------------
ITEMS: 4
`],
  ['created-v2.single-order.envelope.json', 48, `
                    QUEUE 4
                     #1004
                    DINE-IN
                     klikit
------------------------------------------------
Placed   Wed 24 Jun 19:03
Ref      1782302607204811041
Order    71280866
--- (DEMO) Cimol Bojot AA ----------------------
1 x Cimol Beef Porsi Besar
------------------------------------------------
ITEMS: 1
`],
  ['created-v2.single-order.envelope.json', 32, `
            QUEUE 4
             #1004
            DINE-IN
             klikit
--------------------------------
Placed   Wed 24 Jun 19:03
Ref      1782302607204811041
Order    71280866
--- (DEMO) Cimol Bojot AA ------
1 x Cimol Beef Porsi Besar
--------------------------------
ITEMS: 1
`],
  ['get-order-71280866.response.json', 48, `
                    QUEUE 4
                     #1004
                    DINE-IN
                     klikit
------------------------------------------------
Placed   Wed 24 Jun 19:03
Ref      1782302607204811041
Order    71280866
Status   DELIVERED
--- (DEMO) Cimol Bojot AA ----------------------
1 x Cimol Beef Porsi Besar
------------------------------------------------
ITEMS: 1
`],
  ['get-order-71280866.response.json', 32, `
            QUEUE 4
             #1004
            DINE-IN
             klikit
--------------------------------
Placed   Wed 24 Jun 19:03
Ref      1782302607204811041
Order    71280866
Status   DELIVERED
--- (DEMO) Cimol Bojot AA ------
1 x Cimol Beef Porsi Besar
--------------------------------
ITEMS: 1
`],
  ['status-updated.cancelled.envelope.json', 48, `
*********** CANCELLED - DO NOT COOK ************
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
2 x Cimol Beef Porsi Besar
    Level Pedas: Level 3
    Topping: 2 x Keju each (4 total)
      Jenis Keju: Mozzarella
    >> extra crispy
1 x Cimol Original
--- Kopi Senja ---------------------------------
1 x Es Kopi Susu Gula Aren
    Sugar: 50%
    >> less ice
------------------------------------------------
ITEMS: 4
`],
  ['status-updated.cancelled.envelope.json', 32, `
*** CANCELLED - DO NOT COOK ****
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
--- (DEMO) Cimol Bojot AA ------
2 x Cimol Beef Porsi Besar
    Level Pedas: Level 3
    Topping: 2 x Keju each (4
      total)
      Jenis Keju: Mozzarella
    >> extra crispy
1 x Cimol Original
--- Kopi Senja -----------------
1 x Es Kopi Susu Gula Aren
    Sugar: 50%
    >> less ice
--------------------------------
ITEMS: 4
`],
];

function previews(name: string, width: 48 | 32): string {
  const input = ordersFromInput(readKlikitFixture(name));
  if (!input.ok) throw new Error(input.error);
  return input.orders.map((order) => renderText(buildTicket({ kind: 'new', order }, { width, timeZone: 'Asia/Jakarta' }), width)).join('\n');
}

describe('kitchen ticket preview of the klikit fixtures', () => {
  it('covers every fixture at both widths', () => {
    const covered = new Set(EXPECTED.map(([name, width]) => `${name}@${width}`));
    expect([...covered].sort()).toEqual(klikitFixtureNames().flatMap((n) => [`${n}@32`, `${n}@48`]).sort());
  });

  it.each(EXPECTED)('%s at %i columns', (name, width, expected) => {
    const text = previews(name, width);
    expect(text).toBe(expected.slice(1));
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(width);
  });
});
