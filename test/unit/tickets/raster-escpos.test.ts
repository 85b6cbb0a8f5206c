import { describe, expect, it } from 'vitest';
import { EscPosDecoder, type DecodedEvent } from '../../../dev/virtual-printer/escpos-decoder.js';
import { RasterCollector } from '../../../dev/virtual-printer/raster-image.js';
import { orderSchema } from '../../../main/klikit/schemas.js';
import { buildTicket, encodeRaster, renderRaster, renderTicket } from '../../../main/tickets/index.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';
import { rasterFixtureTicket } from '../../helpers/raster-fixtures.js';

function decodeImages(bytes: Buffer, dialect: 'epson' | 'star') {
  const decoder = new EscPosDecoder(dialect);
  const events = decoder.push(bytes);
  expect(decoder.leftover).toBe(0);
  const collector = new RasterCollector();
  const images = [];
  for (const event of events) {
    if (event.type === 'image') collector.addRows(event.bytesPerRow, event.rows, event.data);
    if (event.type === 'feed') collector.addFeed(event.dots);
    if (event.type === 'cut') images.push(collector.take());
  }
  return { events, images };
}

/** The ticket's bitmap without the white rows at its end (they go out as feed to the cutter). */
const trimmed = (bitmap: { width: number; height: number; data: Uint8Array }) => {
  const stride = bitmap.width / 8;
  let height = bitmap.height;
  while (height > 0 && bitmap.data.subarray((height - 1) * stride, height * stride).every((b) => b === 0)) height--;
  return { width: bitmap.width, height, data: bitmap.data.subarray(0, height * stride) };
};

describe('raster ticket bytes', () => {
  const ticket = { ...rasterFixtureTicket('arabic.envelope.json'), copies: 2 };

  it.each(['epson', 'star'] as const)('%s: decodes back to the same bitmap, once per copy, each cut', (type) => {
    const { bitmap } = renderRaster(ticket, { width: 48, dots: 576 });
    const { images } = decodeImages(encodeRaster(bitmap, { type, copies: 2 }), type);
    expect(images).toHaveLength(2);
    const expected = trimmed(bitmap);
    for (const image of images) {
      expect(image).toBeDefined();
      expect(image!.width).toBeLessThanOrEqual(576);
      expect({ width: 576, height: image!.height }).toEqual({ width: 576, height: expected.height });
      // Star rows leave out trailing white bytes: compare row by row at the full width.
      const stride = 72;
      for (let y = 0; y < expected.height; y++) {
        const row = new Uint8Array(stride);
        row.set(image!.data.subarray(y * (image!.width / 8), (y + 1) * (image!.width / 8)));
        expect(Buffer.from(row).equals(Buffer.from(expected.data.subarray(y * stride, (y + 1) * stride)))).toBe(true);
      }
    }
  });

  it('Epson: bands of at most 256 rows, blank rows as ESC J feed rather than image data', () => {
    const { bitmap } = renderRaster(ticket, { width: 48, dots: 576 });
    const bytes = encodeRaster(bitmap, { type: 'epson', copies: 1 });
    const { events } = decodeImages(bytes, 'epson');
    const bands = events.filter((e): e is Extract<DecodedEvent, { type: 'image' }> => e.type === 'image');
    expect(bands.length).toBeGreaterThan(1);
    for (const band of bands) {
      expect(band.rows).toBeLessThanOrEqual(256);
      expect(band.bytesPerRow).toBe(72);
      // No band starts or ends with a white row: those went as feed.
      expect(band.data.subarray(0, 72).some((b) => b !== 0)).toBe(true);
      expect(band.data.subarray((band.rows - 1) * 72).some((b) => b !== 0)).toBe(true);
    }
    const imageRows = bands.reduce((sum, b) => sum + b.rows, 0);
    const fed = events.reduce((sum, e) => sum + (e.type === 'feed' ? e.dots : 0), 0);
    expect(imageRows + fed).toBe(bitmap.height);
    expect(fed).toBeGreaterThan(bitmap.height / 4);
    expect(bytes.length).toBeLessThan(bitmap.data.length * 0.75);
  });

  it('58 mm paper: 384 dots wide', () => {
    const { bitmap } = renderRaster(rasterFixtureTicket('thai.envelope.json', 32), { width: 32, dots: 384 });
    const { images } = decodeImages(encodeRaster(bitmap, { type: 'epson', copies: 1 }), 'epson');
    expect(images[0]!.width).toBe(384);
  });

  it('auto: a Latin-only ticket goes as text with no image; a Thai one as raster', () => {
    const latin = buildTicket({ kind: 'new', order: orderSchema.parse((readKlikitFixture('created-v2.multi-brand-modifiers.envelope.json') as { orders: unknown[] }).orders[0]) }, { width: 48 });
    const asText = renderTicket(latin, { type: 'epson', width: 48 });
    expect(asText.raster).toBeUndefined();
    expect(decodeImages(asText.bytes, 'epson').events.some((e) => e.type === 'image')).toBe(false);
    const thai = renderTicket(rasterFixtureTicket('thai.envelope.json'), { type: 'epson', width: 48 });
    expect(thai.raster).toBeDefined();
    expect(thai.warning).toBeUndefined();
    expect(decodeImages(thai.bytes, 'epson').events.some((e) => e.type === 'image')).toBe(true);
    expect(renderTicket(latin, { type: 'epson', width: 48, render: 'raster' }).raster).toBeDefined();
  });

  it('Korean and emoji print as raster without a warning; as text they become stand-ins, with one', () => {
    const mixed = rasterFixtureTicket('mixed.envelope.json');
    const raster = renderTicket(mixed, { type: 'epson', width: 48 });
    expect(raster.raster).toBeDefined();
    expect(raster.warning).toBeUndefined();
    expect(raster.raster?.unprintable).toEqual([]);
    expect(renderTicket(mixed, { type: 'epson', width: 48, render: 'text' }).warning).toMatch(/^some characters could not be printed/);
  });
});
