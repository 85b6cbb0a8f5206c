// Chooses how a ticket reaches the paper: as text (a few hundred bytes, the printer's own font) or
// as an image (any script, drawn with the bundled fonts). `auto` prints text unless some line has a
// character the text path can only print as a stand-in.

import type { PaperWidth, TicketDocument } from './document.js';
import { layoutTicket } from './layout.js';
import { asciiTextEncoder, type TextEncoderForPrinter } from './printable-text.js';
import { encodeRaster } from './raster-escpos.js';
import { renderEscPos } from './render-escpos.js';
import { renderRaster, type RasterOptions, type RasterTicket } from './render-raster.js';

export type RenderMode = 'auto' | 'text' | 'raster';

export type TicketTarget = {
  type: 'epson' | 'star';
  width: PaperWidth;
  render?: RenderMode;
  /** Dots across the print head; `defaultDots(width)` when absent. */
  dots?: number;
  fontsDir?: string;
};

export type RenderedTicket = {
  bytes: Buffer;
  /** The image that was printed, when the ticket went as raster. */
  raster?: RasterTicket;
  /** What the cook will not see as it was ordered; absent when everything printed. */
  warning?: string;
};

export const UNPRINTABLE = 'some characters could not be printed';

/** 80 mm paper: 576 dots (203 dpi); Epson TM-T88 class with 42 columns: 512 (180 dpi); 58 mm: 384. */
export const defaultDots = (width: PaperWidth): number => (width === 32 ? 384 : width === 42 ? 512 : 576);

/** The character and its code points: a screen without an emoji font would show a box for it, too. */
const describeGrapheme = (g: string): string => `${g} (${Array.from(g, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')})`;

export function needsRaster(doc: TicketDocument, width: PaperWidth, encoder: TextEncoderForPrinter = asciiTextEncoder): boolean {
  return layoutTicket(doc, width).some((line) => 'text' in line && !encoder.canPrint(line.text));
}

/** Whether the ticket goes as text, and then what will not print as ordered: decided without building bytes. */
export function textRendering(doc: TicketDocument, target: TicketTarget): { text: boolean; warning?: string } {
  const mode = target.render ?? 'auto';
  const textCannotPrint = mode !== 'raster' && needsRaster(doc, target.width);
  const text = mode === 'text' || (mode === 'auto' && !textCannotPrint);
  return text && textCannotPrint ? { text, warning: `${UNPRINTABLE} (render: text prints them as stand-ins)` } : { text };
}

export type DrawingOptions = Pick<RasterOptions, 'keepGlyphCache'>;

export function renderTicket(doc: TicketDocument, target: TicketTarget, drawing: DrawingOptions = {}): RenderedTicket {
  const asText = textRendering(doc, target);
  if (asText.text) {
    const bytes = renderEscPos(doc, { type: target.type, width: target.width });
    return asText.warning ? { bytes, warning: asText.warning } : { bytes };
  }
  const image = renderRaster(doc, { width: target.width, dots: target.dots ?? defaultDots(target.width), ...(target.fontsDir ? { fontsDir: target.fontsDir } : {}), ...drawing });
  const bytes = encodeRaster(image.bitmap, { type: target.type, copies: doc.copies });
  if (image.unprintable.length === 0) return { bytes, raster: image };
  return { bytes, raster: image, warning: `${UNPRINTABLE}: ${image.unprintable.map(describeGrapheme).join(', ')}` };
}
