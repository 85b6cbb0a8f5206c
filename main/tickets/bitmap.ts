// A 1-bit image as thermal printers take it: rows of width/8 bytes, the most significant bit the
// leftmost dot, 1 = a black dot. ESC/POS `GS v 0` and Star's raster rows use this layout as is.

import { canvasModule } from './canvas-module.js';

export type Bitmap = { width: number; height: number; data: Uint8Array };

export const bytesPerRow = (bitmap: Pick<Bitmap, 'width'>): number => bitmap.width >> 3;

export function isBlankRow(bitmap: Bitmap, row: number): boolean {
  const stride = bytesPerRow(bitmap);
  for (let i = row * stride, end = i + stride; i < end; i++) if (bitmap.data[i] !== 0) return false;
  return true;
}

/** Packs the red channel of RGBA pixels (drawn in black and white only) into dots. */
export function bitmapFromRgba(rgba: Uint8ClampedArray, width: number, height: number): Bitmap {
  const stride = width >> 3;
  const data = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (rgba[(y * width + x) * 4]! < 128) data[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width, height, data };
}

/** The bitmap as a black-on-white PNG, for people (`--png`, the window's preview, goldens). */
export function bitmapToPng(bitmap: Bitmap): Buffer {
  const canvas = canvasModule().createCanvas(bitmap.width, Math.max(1, bitmap.height));
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(bitmap.width, Math.max(1, bitmap.height));
  const stride = bytesPerRow(bitmap);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      const shade = bitmap.data[y * stride + (x >> 3)]! & (0x80 >> (x & 7)) ? 0 : 255;
      const at = (y * bitmap.width + x) * 4;
      image.data[at] = image.data[at + 1] = image.data[at + 2] = shade;
      image.data[at + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas.encodeSync('png');
}
