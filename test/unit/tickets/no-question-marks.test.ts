import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EscPosDecoder } from '../../../dev/virtual-printer/escpos-decoder.js';
import { buildTicket, renderTicket, type PaperWidth } from '../../../main/tickets/index.js';
import { layoutTicket } from '../../../main/tickets/layout.js';
import { ordersFromInput } from '../../../main/tickets/order-input.js';
import { klikitFixtureNames, readKlikitFixture } from '../../helpers/fixtures.js';
import { RASTER_FIXTURES_DIR, rasterFixtureNames } from '../../helpers/raster-fixtures.js';

const count = (text: string): number => text.split('?').length - 1;

const inputs = [
  ...klikitFixtureNames().map((name) => ({ name, input: readKlikitFixture(name) })),
  ...rasterFixtureNames().map((name) => ({ name, input: JSON.parse(readFileSync(RASTER_FIXTURES_DIR + name, 'utf8')) as unknown })),
];

describe('no ticket prints a ? that was not in the order (render: auto)', () => {
  it.each(inputs)('$name', ({ input }) => {
    const parsed = ordersFromInput(input);
    // A fixture that stops parsing must fail here, not pass with nothing checked.
    if (!parsed.ok) throw new Error(parsed.error);
    for (const order of parsed.orders) {
      for (const kind of ['new', 'update', 'cancel', 'reprint'] as const) {
        for (const width of [48, 32] as PaperWidth[]) {
          const doc = buildTicket({ kind, order, previous: order }, { width, timeZone: 'Asia/Jakarta', possibleDuplicate: true });
          const own = layoutTicket(doc, width).map((l) => ('text' in l ? l.text : '')).join('\n');
          for (const type of ['epson', 'star'] as const) {
            const printed = new EscPosDecoder(type)
              .push(renderTicket(doc, { type, width }).bytes)
              .map((e) => (e.type === 'text' ? e.text : ''))
              .join('');
            expect(count(printed), `${kind} ${width} ${type}`).toBeLessThanOrEqual(count(own));
          }
        }
      }
    }
  });
});
