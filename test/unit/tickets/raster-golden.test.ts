// Each multi-script fixture's raster ticket against a reviewed golden PNG (test/fixtures/raster/golden/).
// Regenerate only on purpose, then look at every image before committing it:
//   UPDATE_GOLDENS=1 npx vitest run test/unit/tickets/raster-golden.test.ts

import { createCanvas, loadImage } from '@napi-rs/canvas';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bitmapToPng, renderRaster, type Bitmap, type PaperWidth, type TicketKind } from '../../../main/tickets/index.js';
import { RASTER_FIXTURES_DIR, rasterFixtureNames, rasterFixtureTicket } from '../../helpers/raster-fixtures.js';

const GOLDEN_DIR = `${RASTER_FIXTURES_DIR}golden/`;
const UPDATE = process.env['UPDATE_GOLDENS'] === '1';
/** Font rasterisation may move an edge by a dot between Skia builds; a changed glyph moves hundreds. */
const TOLERANCE = 0.002;

async function differingDots(bitmap: Bitmap, pngFile: string): Promise<number | 'size'> {
  const golden = await loadImage(pngFile);
  if (golden.width !== bitmap.width || golden.height !== bitmap.height) return 'size';
  const ctx = createCanvas(golden.width, golden.height).getContext('2d');
  ctx.drawImage(golden, 0, 0);
  const pixels = ctx.getImageData(0, 0, golden.width, golden.height).data;
  const stride = bitmap.width / 8;
  let differing = 0;
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      const black = (bitmap.data[y * stride + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
      if (black !== pixels[(y * bitmap.width + x) * 4]! < 128) differing++;
    }
  }
  return differing;
}

const cases: Array<{ name: string; width: PaperWidth; dots: number; kind: TicketKind }> = [
  ...rasterFixtureNames().map((name) => ({ name, width: 48 as const, dots: 576, kind: 'new' as const })),
  { name: 'mixed.envelope.json', width: 32, dots: 384, kind: 'new' },
  { name: 'arabic.envelope.json', width: 48, dots: 576, kind: 'cancel' },
  { name: 'thai.envelope.json', width: 48, dots: 576, kind: 'update' },
];

describe('raster tickets match their reviewed goldens', () => {
  it.each(cases)('$name ($kind) at $width columns, $dots dots', async ({ name, width, dots, kind }) => {
    const { bitmap } = renderRaster(rasterFixtureTicket(name, width, kind), { width, dots });
    expect(bitmap.width).toBe(dots);
    const file = `${GOLDEN_DIR}${name.replace('.envelope.json', '')}-${kind === 'new' ? '' : `${kind}-`}${width}.png`;
    if (UPDATE) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(file, bitmapToPng(bitmap));
    }
    expect(existsSync(file), `${file} (make it with UPDATE_GOLDENS=1)`).toBe(true);
    const differing = await differingDots(bitmap, file);
    expect(differing).not.toBe('size');
    expect(differing as number).toBeLessThanOrEqual(bitmap.width * bitmap.height * TOLERANCE);
  });
});
