// A 1-bit ticket image as printer bytes. ESC/POS (Epson and its clones): `GS v 0` in bands of at most
// 256 rows, because cheap printers overflow their buffer on one tall image, and blank rows sent as
// `ESC J n` paper feed instead of image data. Star printers in Star Line Mode (what node-thermal-printer's
// STAR type drives: ESC d to cut, ESC i for sizes) get Star's raster graphics commands instead:
// `ESC * r A` enter raster mode, `ESC * r P 0 NUL` continuous paper, `b n1 n2 d…` one row (trailing white
// bytes may be left out), `ESC * r Y n NUL` move n dots down, `ESC FF NUL` feed to the cutter and cut,
// `ESC * r B` leave raster mode (Star Line Mode command specifications, "raster graphics").

import { bytesPerRow, isBlankRow, type Bitmap } from './bitmap.js';

export type RasterTarget = { type: 'epson' | 'star'; copies: number };

const MAX_BAND_ROWS = 256;
const MAX_FEED = 255;

const ESC = 0x1b;
const GS = 0x1d;
const INIT = [ESC, 0x40];
/** As node-thermal-printer's cut() on Epson: two vertical tabs to clear the cutter, then a full cut. */
const EPSON_CUT = [0x0b, 0x0b, GS, 0x56, 0x00];
const STAR_ENTER = [ESC, 0x2a, 0x72, 0x41, ESC, 0x2a, 0x72, 0x50, 0x30, 0x00];
const STAR_FORM_FEED = [ESC, 0x0c, 0x00];
const STAR_QUIT = [ESC, 0x2a, 0x72, 0x42];

/** Runs of blank rows and of inked rows, top to bottom. */
function* rowRuns(bitmap: Bitmap): Generator<{ blank: boolean; from: number; to: number }> {
  let from = 0;
  while (from < bitmap.height) {
    const blank = isBlankRow(bitmap, from);
    let to = from + 1;
    while (to < bitmap.height && isBlankRow(bitmap, to) === blank) to++;
    yield { blank, from, to };
    from = to;
  }
}

function epsonPage(bitmap: Bitmap, out: Buffer[]): void {
  const stride = bytesPerRow(bitmap);
  for (const run of rowRuns(bitmap)) {
    if (run.blank) {
      for (let left = run.to - run.from; left > 0; left -= MAX_FEED) out.push(Buffer.from([ESC, 0x4a, Math.min(MAX_FEED, left)]));
      continue;
    }
    for (let top = run.from; top < run.to; top += MAX_BAND_ROWS) {
      const rows = Math.min(MAX_BAND_ROWS, run.to - top);
      out.push(Buffer.from([GS, 0x76, 0x30, 0x00, stride & 0xff, stride >> 8, rows & 0xff, rows >> 8]));
      out.push(Buffer.from(bitmap.data.subarray(top * stride, (top + rows) * stride)));
    }
  }
  out.push(Buffer.from(EPSON_CUT));
}

function starPage(bitmap: Bitmap, out: Buffer[]): void {
  const stride = bytesPerRow(bitmap);
  for (const run of rowRuns(bitmap)) {
    if (run.blank) {
      for (let left = run.to - run.from; left > 0; left -= MAX_FEED) out.push(Buffer.from([ESC, 0x2a, 0x72, 0x59, ...Buffer.from(String(Math.min(MAX_FEED, left)), 'ascii'), 0x00]));
      continue;
    }
    for (let row = run.from; row < run.to; row++) {
      const data = bitmap.data.subarray(row * stride, (row + 1) * stride);
      let used = stride;
      while (used > 0 && data[used - 1] === 0) used--;
      out.push(Buffer.from([0x62, used & 0xff, used >> 8]), Buffer.from(data.subarray(0, used)));
    }
  }
  out.push(Buffer.from(STAR_FORM_FEED));
}

/** The whole job: initialise, each copy followed by its cut. */
export function encodeRaster(bitmap: Bitmap, target: RasterTarget): Buffer {
  const copies = Math.max(1, target.copies);
  const out: Buffer[] = [Buffer.from(INIT)];
  if (target.type === 'star') {
    out.push(Buffer.from(STAR_ENTER));
    for (let c = 0; c < copies; c++) starPage(bitmap, out);
    out.push(Buffer.from(STAR_QUIT));
  } else {
    for (let c = 0; c < copies; c++) epsonPage(bitmap, out);
  }
  return Buffer.concat(out);
}

/** The same image as one `GS v 0` without blank-row skipping or bands: the baseline of the bench. */
export function encodeRasterNaive(bitmap: Bitmap): Buffer {
  const stride = bytesPerRow(bitmap);
  const header = Buffer.from([GS, 0x76, 0x30, 0x00, stride & 0xff, stride >> 8, bitmap.height & 0xff, bitmap.height >> 8]);
  return Buffer.concat([Buffer.from(INIT), header, Buffer.from(bitmap.data), Buffer.from(EPSON_CUT)]);
}
