// Which code points a TrueType/OpenType font maps to a glyph, read from its `cmap` table. Skia falls
// back to system fonts for a character no listed family has, so the rasteriser must know coverage
// itself to keep every ticket to the bundled fonts (and to say which characters it cannot print).

import { closeSync, openSync, readSync } from 'node:fs';

export type Coverage = (codePoint: number) => boolean;

const UNICODE_PLANES = 0x110000;

function readCmapOffset(font: Buffer): number {
  const tables = font.readUInt16BE(4);
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16;
    if (font.toString('latin1', record, record + 4) === 'cmap') return font.readUInt32BE(record + 8);
  }
  throw new Error('font has no cmap table');
}

/** The best Unicode subtable: format 12 (full repertoire) over format 4 (BMP only). */
function unicodeSubtable(font: Buffer, cmap: number): number {
  const count = font.readUInt16BE(cmap + 2);
  let best = -1;
  let bestFormat = 0;
  for (let i = 0; i < count; i++) {
    const record = cmap + 4 + i * 8;
    const platform = font.readUInt16BE(record);
    const encoding = font.readUInt16BE(record + 2);
    const offset = cmap + font.readUInt32BE(record + 4);
    const format = font.readUInt16BE(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (unicode && (format === 12 || (format === 4 && bestFormat !== 12))) {
      best = offset;
      bestFormat = format;
    }
  }
  if (best < 0) throw new Error('font has no Unicode cmap subtable');
  return best;
}

function markFormat4(font: Buffer, table: number, bits: Uint8Array): void {
  const segments = font.readUInt16BE(table + 6) / 2;
  const ends = table + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const start = font.readUInt16BE(starts + s * 2);
    const end = font.readUInt16BE(ends + s * 2);
    const delta = font.readUInt16BE(deltas + s * 2);
    const rangeOffset = font.readUInt16BE(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const raw = font.readUInt16BE(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) bits[c >> 3]! |= 1 << (c & 7);
    }
  }
}

function markFormat12(font: Buffer, table: number, bits: Uint8Array): void {
  const groups = font.readUInt32BE(table + 12);
  for (let g = 0; g < groups; g++) {
    const group = table + 16 + g * 12;
    const start = font.readUInt32BE(group);
    const end = Math.min(font.readUInt32BE(group + 4), UNICODE_PLANES - 1);
    const firstGlyph = font.readUInt32BE(group + 8);
    for (let c = start; c <= end; c++) if (firstGlyph + (c - start) !== 0) bits[c >> 3]! |= 1 << (c & 7);
  }
}

function coverageOf(font: Buffer, cmap: number): Coverage {
  const table = unicodeSubtable(font, cmap);
  const bits = new Uint8Array(UNICODE_PLANES / 8);
  if (font.readUInt16BE(table) === 12) markFormat12(font, table, bits);
  else markFormat4(font, table, bits);
  return (codePoint) => codePoint >= 0 && codePoint < UNICODE_PLANES && (bits[codePoint >> 3]! & (1 << (codePoint & 7))) !== 0;
}

/** Reads the coverage of one font file's bytes. Throws on a file that is not a font. */
export function fontCoverage(font: Buffer): Coverage {
  return coverageOf(font, readCmapOffset(font));
}

function readExactly(fd: number, length: number, position: number): Buffer {
  const bytes = Buffer.alloc(length);
  if (readSync(fd, bytes, 0, length, position) !== length) throw new Error('font file ends early');
  return bytes;
}

/**
 * The coverage of a font file, reading only its table directory and `cmap` table: a CJK font is
 * 10 MB, and reading all of it cost the first ticket in that script ~10 ms more.
 */
export function fontFileCoverage(path: string): Coverage {
  const fd = openSync(path, 'r');
  try {
    const tables = readExactly(fd, 12, 0).readUInt16BE(4);
    const directory = readExactly(fd, tables * 16, 12);
    for (let i = 0; i < tables; i++) {
      const record = i * 16;
      if (directory.toString('latin1', record, record + 4) !== 'cmap') continue;
      return coverageOf(readExactly(fd, directory.readUInt32BE(record + 12), directory.readUInt32BE(record + 8)), 0);
    }
    throw new Error('font has no cmap table');
  } finally {
    closeSync(fd);
  }
}
