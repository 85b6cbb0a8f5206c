// A 1-bit ticket image as printer bytes. ESC/POS (Epson and its clones): `GS v 0` in bands of at most
// 256 rows, because cheap printers overflow their buffer on one tall image, and blank rows sent as
// `ESC J n` paper feed instead of image data.
//
// `ESC J n` feeds n vertical motion units, not dots, and the unit differs by maker: genuine Epsons
// default to half a dot (TM-T88: 1/360 in on a 180-dpi head; TM-L90: 1/406 on 203 dpi), most 203-dpi
// clones to one dot (1/203), some to neither (Citizen CT-S300: 1/360 on 203 dpi). So the job first sets
// the vertical unit to one dot with `GS P 0 y` (y = the head's dots per inch; x = 0 leaves the
// horizontal unit at its default), a command of Epson's thermal TM printers and of the clone manuals
// we read (Citizen, Cino), and gives the printer its default back with `GS P 0 0` after the last cut,
// for whatever prints on it next. Blank rows as image rows would be right even on a printer that
// ignored GS P, but they cost 72 bytes a row, about 70% more bytes per ticket (25 KB: 2 s at 115200
// baud, 26 s at 9600), and a clone that ignores GS P feeds by its default, one dot on 203-dpi clones.
//
// Star printers in Star Line Mode (what node-thermal-printer's STAR type drives: ESC d to cut, ESC i for
// sizes) get Star's raster graphics commands instead: `ESC * r A` enter raster mode, `ESC * r P 0 NUL`
// continuous paper, `b n1 n2 d…` one row (trailing white bytes may be left out), `ESC * r Y n NUL` move
// n dots down (dots, so no unit to set), `ESC FF NUL` feed to the cutter and cut, `ESC * r B` leave
// raster mode (Star Line Mode command specifications, "raster graphics").

import { bytesPerRow, isBlankRow, type Bitmap } from './bitmap.js';

export type RasterTarget = { type: 'epson' | 'star'; copies: number };

/**
 * The head's dots per inch, known from its width: Epson's 180-dpi heads are 512 dots across on 80 mm
 * paper (TM-T88 class) and 360 on 58 mm; every other width is taken as a 203-dpi head.
 */
export const headDotsPerInch = (dots: number): number => (dots === 512 || dots === 360 ? 180 : 203);

const MAX_BAND_ROWS = 256;
const MAX_FEED = 255;

const ESC = 0x1b;
const GS = 0x1d;
const INIT = [ESC, 0x40];
/** `GS P x y`: motion units of 1/x and 1/y inch; 0 is the printer's default. */
const motionUnits = (x: number, y: number): number[] => [GS, 0x50, x, y];
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
    out.push(Buffer.from(motionUnits(0, headDotsPerInch(bitmap.width))));
    for (let c = 0; c < copies; c++) epsonPage(bitmap, out);
    out.push(Buffer.from(motionUnits(0, 0)));
  }
  return Buffer.concat(out);
}

/** The same image as one `GS v 0` without blank-row skipping or bands: the baseline of the bench. */
export function encodeRasterNaive(bitmap: Bitmap): Buffer {
  const stride = bytesPerRow(bitmap);
  const header = Buffer.from([GS, 0x76, 0x30, 0x00, stride & 0xff, stride >> 8, bitmap.height & 0xff, bitmap.height >> 8]);
  return Buffer.concat([Buffer.from(INIT), header, Buffer.from(bitmap.data), Buffer.from(EPSON_CUT)]);
}
