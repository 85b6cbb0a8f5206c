import { createCanvas } from '@napi-rs/canvas';

// What the print head fired for raster data: the rows of `GS v 0` bands (or Star raster rows) and the
// dots fed between them, stacked into one 1-bit image per ticket, and that image as a PNG. Feed may come
// in fractions of a dot (a motion unit finer than the head): the paper's position is kept exact and each
// band lands on the dot row nearest to it, as the paper would be under the head.

export type PrintedImage = {
  /** Dots across: the widest row received. */
  width: number;
  height: number;
  /** Rows of width/8 bytes, MSB the leftmost dot, 1 = black. */
  data: Uint8Array;
  /** Rows per raster command, in order (a Star row counts as a band of one). */
  bands: number[];
};

type Piece = { type: 'rows'; bytesPerRow: number; rows: number; data: Buffer } | { type: 'feed'; dots: number };

export class RasterCollector {
  private pieces: Piece[] = [];

  addRows(bytesPerRow: number, rows: number, data: Buffer): void {
    this.pieces.push({ type: 'rows', bytesPerRow, rows, data });
  }

  /** `dots` may be fractional. */
  addFeed(dots: number): void {
    this.pieces.push({ type: 'feed', dots });
  }

  /** The image since the last take (undefined when no raster data came), and a fresh start. */
  take(): PrintedImage | undefined {
    const pieces = this.pieces;
    this.pieces = [];
    const rowPieces = pieces.filter((p) => p.type === 'rows');
    if (rowPieces.length === 0) return undefined;
    const stride = Math.max(...rowPieces.map((p) => p.bytesPerRow));
    // Feed after the last row moves paper to the cutter; it is not part of the picture.
    const last = pieces.findLastIndex((p) => p.type === 'rows');
    const kept = pieces.slice(0, last + 1);
    const height = Math.round(kept.reduce((sum, p) => sum + (p.type === 'rows' ? p.rows : p.dots), 0));
    const data = new Uint8Array(stride * height);
    let y = 0;
    for (const piece of kept) {
      if (piece.type === 'feed') {
        y += piece.dots;
        continue;
      }
      const top = Math.round(y);
      for (let r = 0; r < piece.rows; r++) data.set(piece.data.subarray(r * piece.bytesPerRow, (r + 1) * piece.bytesPerRow), (top + r) * stride);
      y += piece.rows;
    }
    return { width: stride * 8, height, data, bands: rowPieces.map((p) => p.rows) };
  }
}

export function printedImagePng(image: PrintedImage): Buffer {
  const canvas = createCanvas(image.width, Math.max(1, image.height));
  const ctx = canvas.getContext('2d');
  const pixels = ctx.createImageData(image.width, Math.max(1, image.height));
  const words = new Uint32Array(pixels.data.buffer);
  const stride = image.width >> 3;
  // Opaque white, then black where a dot fired (little-endian RGBA words).
  words.fill(0xffffffff);
  image.data.forEach((byte, i) => {
    if (byte === 0) return;
    const row = Math.floor(i / stride);
    const first = (i % stride) * 8;
    for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) words[row * image.width + first + bit] = 0xff000000;
  });
  ctx.putImageData(pixels, 0, 0);
  return canvas.encodeSync('png');
}
