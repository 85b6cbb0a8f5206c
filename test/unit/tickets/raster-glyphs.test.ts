// Korean and emoji on raster tickets: drawn with the bundled Korean and monochrome emoji fonts, never
// as boxes; what no bundled font has prints as a word in brackets and is named in the warning.
// The ticket is written to test-results/raster/ to be looked at.

import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { orderSchema } from '../../../main/klikit/schemas.js';
import { bitmapToPng, buildTicket, renderTicket, type Bitmap, type TicketDocument } from '../../../main/tickets/index.js';
import { rasterFixtureOrder } from '../../helpers/raster-fixtures.js';

const OUT = new URL('../../../test-results/raster/', import.meta.url);

/** A one-item order in the mixed fixture's shape: `name` with `comment`. */
function ticketWith(name: string, comment: string): TicketDocument {
  const order = rasterFixtureOrder('mixed.envelope.json') as { cart_v2: Array<Record<string, unknown>> };
  const item = { ...order.cart_v2[0], name, comment, modifier_groups: [] };
  return buildTicket({ kind: 'new', order: orderSchema.parse({ ...order, order_comment: '', cart_v2: [item] }) }, { width: 48, timeZone: 'Asia/Jakarta', printedAt: '2026-06-25T09:20:00Z' });
}

const raster = (name: string, comment: string) => {
  const rendered = renderTicket(ticketWith(name, comment), { type: 'epson', width: 48, render: 'raster' });
  expect(rendered.raster).toBeDefined();
  return { ...rendered, bitmap: rendered.raster!.bitmap };
};

const same = (a: Bitmap, b: Bitmap): boolean => a.height === b.height && Buffer.from(a.data).equals(Buffer.from(b.data));
const ink = (b: Bitmap): number => b.data.reduce((n, byte) => n + byte.toString(2).replaceAll('0', '').length, 0);

describe('raster tickets in Korean and with emoji', () => {
  it('print 김치찌개 and 🌶️ with real glyphs and no warning', () => {
    const ticket = raster('김치찌개', '🌶️ extra spicy');
    mkdirSync(OUT, { recursive: true });
    writeFileSync(new URL('korean-emoji-48.png', OUT), bitmapToPng(ticket.bitmap));
    expect(ticket.warning).toBeUndefined();
    expect(ticket.raster!.unprintable).toEqual([]);
    // Boxes (or a font's .notdef) look the same for every character: real glyphs do not.
    expect(same(ticket.bitmap, raster('개찌치김', '🌶️ extra spicy').bitmap)).toBe(false);
    expect(same(ticket.bitmap, raster('김치찌개', '🍜 extra spicy').bitmap)).toBe(false);
    expect(same(ticket.bitmap, raster('김치찌개', '\u25a0 extra spicy').bitmap)).toBe(false);
    expect(same(ticket.bitmap, raster('\u25a0\u25a0\u25a0\u25a0', '🌶️ extra spicy').bitmap)).toBe(false);
    // Four syllables of strokes take less ink than four solid boxes.
    expect(ink(ticket.bitmap)).toBeLessThan(ink(raster('\u25a0\u25a0\u25a0\u25a0', '🌶️ extra spicy').bitmap));
  });

  it('draws the emoji alike with or without its presentation selector', () => {
    expect(same(raster('김치찌개', '🌶️ extra spicy').bitmap, raster('김치찌개', '🌶 extra spicy').bitmap)).toBe(true);
  });

  it('prints ZWJ sequences, skin tones, flags and keycaps without a warning, a skin tone as the plain emoji', () => {
    const ticket = raster('Family set 👨‍👩‍👧 🇰🇷', '1️⃣ 👍🏽 🧑‍🍳');
    mkdirSync(OUT, { recursive: true });
    writeFileSync(new URL('emoji-sequences-48.png', OUT), bitmapToPng(ticket.bitmap));
    expect(ticket.warning).toBeUndefined();
    expect(same(raster('x', '👍🏽').bitmap, raster('x', '👍').bitmap)).toBe(true);
    expect(same(raster('x', '👍🏽').bitmap, raster('x', '[emoji]').bitmap)).toBe(false);
  });

  it('prints a word in brackets for what no bundled font has, and names it in the warning', () => {
    const future = '\u{1faff}';
    const ticket = raster('Paneer पनीर', `${future} extra spicy`);
    expect(same(ticket.bitmap, raster('Paneer [?]', '[emoji] extra spicy').bitmap)).toBe(true);
    expect(ticket.raster!.unprintable).toEqual(['प', 'नी', 'र', future]);
    expect(ticket.warning).toBe('some characters could not be printed: प (U+092A), नी (U+0928 U+0940), र (U+0930), \u{1faff} (U+1FAFF)');
  });
});
