import { describe, expect, it } from 'vitest';
import { CLONE_MOTION, EPSON_TM_L90_MOTION, EPSON_TM_T88_MOTION, EscPosDecoder, type DecodedEvent, type PaperMotion } from '../../../dev/virtual-printer/escpos-decoder.js';
import { RasterCollector, type PrintedImage } from '../../../dev/virtual-printer/raster-image.js';
import { orderSchema } from '../../../main/klikit/schemas.js';
import { buildTicket, encodeRaster, renderRaster, renderTicket } from '../../../main/tickets/index.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';
import { rasterFixtureTicket } from '../../helpers/raster-fixtures.js';

function decodeImages(bytes: Buffer, dialect: 'epson' | 'star', motion?: PaperMotion) {
  const decoder = new EscPosDecoder(dialect, motion);
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

/** Rows with ink, top to bottom: where each line of the ticket landed on the paper. */
const inkRows = (image: { width: number; height: number; data: Uint8Array }): number[] => {
  const stride = image.width / 8;
  const rows: number[] = [];
  for (let y = 0; y < image.height; y++) if (image.data.subarray(y * stride, (y + 1) * stride).some((b) => b !== 0)) rows.push(y);
  return rows;
};

/** Heights of the white gaps between inked rows. */
const gaps = (rows: number[]): number[] => rows.slice(1).map((y, i) => y - rows[i]! - 1).filter((gap) => gap > 0);

describe('raster ticket gaps on every printer', () => {
  const ticket = rasterFixtureTicket('thai.envelope.json');
  const narrowTicket = rasterFixtureTicket('thai.envelope.json', 42);

  it.each([
    ['203-dpi head, 576 dots', ticket, 576, { 'Epson TM-L90 (1/406 in)': EPSON_TM_L90_MOTION, 'clone (1/203 in)': CLONE_MOTION, 'Citizen CT-S300 (1/360 in)': { dotsPerInch: 203, defaultVerticalUnit: 360 }, 'clone ignoring GS P': { ...CLONE_MOTION, ignoresMotionUnits: true } }],
    ['180-dpi head, 512 dots', narrowTicket, 512, { 'Epson TM-T88 (1/360 in)': EPSON_TM_T88_MOTION, 'a 1/180-in printer': { dotsPerInch: 180, defaultVerticalUnit: 180 } }],
  ] as const)('%s: the same image, every gap as drawn, whatever the default motion unit', (_head, doc, dots, motions) => {
    const { bitmap } = renderRaster(doc, { width: doc.width, dots });
    const bytes = encodeRaster(bitmap, { type: 'epson', copies: 1 });
    const expected = trimmed(bitmap);
    for (const [name, motion] of Object.entries(motions)) {
      const image = decodeImages(bytes, 'epson', motion as PaperMotion).images[0]!;
      expect({ name, rows: inkRows(image) }).toEqual({ name, rows: inkRows(expected) });
      expect({ name, same: Buffer.from(image.data).equals(Buffer.from(expected.data)) }).toEqual({ name, same: true });
    }
  });

  it('the unit is set to one dot of the head before the first feed and given back after the last cut', () => {
    const { bitmap } = renderRaster(narrowTicket, { width: 42, dots: 512 });
    const bytes = encodeRaster(bitmap, { type: 'epson', copies: 2 });
    expect([...bytes.subarray(0, 6)]).toEqual([0x1b, 0x40, 0x1d, 0x50, 0, 180]);
    expect([...bytes.subarray(-4)]).toEqual([0x1d, 0x50, 0, 0]);
    const wide = encodeRaster(renderRaster(ticket, { width: 48, dots: 576 }).bitmap, { type: 'epson', copies: 1 });
    expect([...wide.subarray(2, 6)]).toEqual([0x1d, 0x50, 0, 203]);
  });

  it('without GS P a genuine Epson (1/360 in on 180 dpi) prints every gap at half height', () => {
    const { bitmap } = renderRaster(narrowTicket, { width: 42, dots: 512 });
    const bytes = encodeRaster(bitmap, { type: 'epson', copies: 1 });
    const withoutUnits = Buffer.concat([bytes.subarray(0, 2), bytes.subarray(6, -4)]);
    const drawn = gaps(inkRows(trimmed(bitmap)));
    expect(drawn.length).toBeGreaterThan(10);
    const printed = gaps(inkRows(decodeImages(withoutUnits, 'epson', EPSON_TM_T88_MOTION).images[0] as PrintedImage));
    expect(printed).toHaveLength(drawn.length);
    printed.forEach((gap, i) => expect(Math.abs(gap - drawn[i]! / 2)).toBeLessThanOrEqual(1));
    expect(gaps(inkRows(decodeImages(bytes, 'epson', EPSON_TM_T88_MOTION).images[0] as PrintedImage))).toEqual(drawn);
  });
});

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
