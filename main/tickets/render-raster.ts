// The ticket as a 1-bit image at the printer's dot width, drawn from the same laid-out lines as the
// text ticket (so sizes, emphasis, banners, indentation and wrapping match) with the bundled fonts.
// Skia (inside @napi-rs/canvas) shapes each run with HarfBuzz and orders it by the Unicode bidi
// algorithm: Arabic is joined and right to left inside a left-to-right line, Thai marks stack.

import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import { canvasModule } from './canvas-module.js';
import { bitmapFromRgba, type Bitmap } from './bitmap.js';
import type { TextSize, TicketDocument } from './document.js';
import { cellsFor, layoutTicket, type LaidLine } from './layout.js';
import { EMOJI, familiesFor, familyDrawing, loadTicketFonts, type FontFamily, type TicketFonts } from './raster-fonts.js';
import { STAND_IN } from './raster-words.js';
import { columns, graphemes } from './wrap.js';

export type RasterOptions = {
  /** Columns of the text layout (48, 42 or 32): the raster keeps the text ticket's line breaks. */
  width: number;
  /** Dots across the print head: 576 on 80 mm paper, 384 on 58 mm. A multiple of 8. */
  dots: number;
  fontsDir?: string;
  /** Skia's glyph caches stay after the ticket (a process that exits after its burst: raster-child.ts). */
  keepGlyphCache?: boolean;
};

export type RasterTicket = {
  bitmap: Bitmap;
  /** Characters no bundled font has, each printed as a word in brackets. */
  unprintable: string[];
};

// Text or emoji presentation: a one-colour ticket has one, and without them Skia never looks for a
// (system) font that has the selector itself.
const PRESENTATION_SELECTORS = /[\ufe0e\ufe0f]/gu;

type Geometry = { cell: number; lineHeight: number; fontPx: number; baseline: number; families: string };

const scaleOf = (size: TextSize): { h: number; v: number } => ({
  h: size === 'wide' || size === 'big' ? 2 : 1,
  v: size === 'tall' || size === 'big' ? 2 : 1,
});

const standInFor = (grapheme: string): string => (EMOJI.test(grapheme) ? STAND_IN.emoji : STAND_IN.other);

/**
 * Replaces what no bundled font can draw by a word in brackets (one for a run of such characters),
 * so Skia never reaches for a system font and the cook sees that something is missing, not a box.
 */
function standInUnprintable(text: string, fonts: TicketFonts, order: FontFamily[], unprintable: Set<string>, drawable: Map<string, boolean>): string {
  let out = '';
  let previous = '';
  for (const g of graphemes(text)) {
    let known = drawable.get(g);
    if (known === undefined) {
      known = g === ' ' || familyDrawing(g, fonts, order) !== undefined;
      drawable.set(g, known);
    }
    if (known) {
      out += g;
      previous = '';
      continue;
    }
    unprintable.add(g);
    const word = standInFor(g);
    if (word !== previous) out += word;
    previous = word;
  }
  return out.replace(PRESENTATION_SELECTORS, '');
}

type Segment = { col: number; end: number; text: string; rule?: '-' | '=' };

const ruleRun = (g: string[], at: number): number => {
  const c = g[at];
  if (c !== '-' && c !== '=') return 0;
  let end = at;
  while (g[end] === c) end++;
  return end - at >= 3 ? end - at : 0;
};

/**
 * A line as pieces at their columns: labels and values that the text ticket aligns with runs of
 * spaces stay aligned with a proportional font, and runs of `-`/`=` become drawn rules.
 */
function segmentsOf(text: string): Segment[] {
  const g = graphemes(text);
  // The column each grapheme starts at (wide characters take two).
  const colAt: number[] = [0];
  for (const grapheme of g) colAt.push(colAt.at(-1)! + columns(grapheme));
  const out: Segment[] = [];
  let i = 0;
  while (i < g.length) {
    if (g[i] === ' ') {
      i++;
      continue;
    }
    const rule = ruleRun(g, i);
    if (rule > 0) {
      out.push({ col: colAt[i]!, end: colAt[i + rule]!, text: '', rule: g[i] as '-' | '=' });
      i += rule;
      continue;
    }
    let j = i;
    while (j < g.length && !(g[j] === ' ' && (g[j + 1] === ' ' || ruleRun(g, j + 1) > 0))) j++;
    out.push({ col: colAt[i]!, end: colAt[j]!, text: g.slice(i, j).join('') });
    i = j;
  }
  return out;
}

function drawRule(ctx: SKRSContext2D, geo: Geometry, seg: Segment, y: number, h: number, v: number, from: number): void {
  const x = Math.max(seg.col * geo.cell, from) * h;
  const width = seg.end * geo.cell * h - x;
  const middle = Math.round(y + (geo.lineHeight * v) / 2);
  if (seg.rule === '=') {
    ctx.fillRect(x, middle - 4, width, 2);
    ctx.fillRect(x, middle + 2, width, 2);
  } else ctx.fillRect(x, middle - 1, width, 2);
}

/**
 * Draws `text` in the `room` dots from `x` (before the horizontal scale), squeezed if wider than
 * `room`; returns where it starts and ends.
 */
function drawRun(ctx: SKRSContext2D, geo: Geometry, text: string, at: { x: number; y: number; room: number; align: 'left' | 'center' | 'right' }, style: { bold: boolean; struck: boolean; h: number; v: number }): { from: number; to: number } {
  ctx.font = `${style.bold ? 'bold ' : ''}${geo.fontPx}px ${geo.families}`;
  const natural = ctx.measureText(text).width;
  const squeeze = natural > at.room ? at.room / natural : 1;
  const drawn = natural * squeeze;
  const x = at.align === 'center' ? at.x + (at.room - drawn) / 2 : at.align === 'right' ? at.x + at.room - drawn : at.x;
  ctx.save();
  ctx.translate(Math.round(x * style.h), at.y);
  ctx.scale(style.h * squeeze, style.v);
  ctx.fillText(text, 0, geo.baseline);
  if (style.struck) ctx.fillRect(0, Math.round(geo.baseline - geo.fontPx * 0.3), natural, 2);
  ctx.restore();
  return { from: x, to: x + drawn };
}

function drawText(ctx: SKRSContext2D, geo: Geometry, line: Extract<LaidLine, { type: 'text' }>, y: number, width: number): void {
  const { h, v } = scaleOf(line.size);
  const cells = cellsFor(width, line.size);
  const style = { bold: line.bold, struck: line.struck, h, v };
  if (line.align !== 'left') {
    drawRun(ctx, geo, line.text.trim(), { x: 0, y, room: cells * geo.cell, align: line.align }, style);
    return;
  }
  const segments = segmentsOf(line.text);
  let drawnTo = -Infinity;
  segments.forEach((seg, k) => {
    if (seg.rule) return drawRule(ctx, geo, seg, y, h, v, drawnTo + geo.cell);
    const next = segments[k + 1];
    // A title may take a rule's room but for a stub of three columns.
    const endCol = !next ? cells : next.rule ? next.end - 4 : next.col - 1;
    drawnTo = drawRun(ctx, geo, seg.text, { x: seg.col * geo.cell, y, room: Math.max(1, endCol - seg.col) * geo.cell, align: 'left' }, style).to;
  });
}

/**
 * A right-to-left line: the text ticket's columns mirrored, so a label sits at the right edge with its
 * value to its left, indentation is on the right, and each piece is aligned to its right end. Pieces
 * are drawn from the right; a rule stops short of the text to its right.
 */
function drawTextRtl(ctx: SKRSContext2D, geo: Geometry, line: Extract<LaidLine, { type: 'text' }>, y: number, width: number): void {
  const { h, v } = scaleOf(line.size);
  const cells = cellsFor(width, line.size);
  const style = { bold: line.bold, struck: line.struck, h, v };
  const segments = segmentsOf(line.text)
    .map((seg) => ({ ...seg, col: cells - seg.end, end: cells - seg.col }))
    .sort((a, b) => b.col - a.col);
  let drawnFrom = Infinity;
  segments.forEach((seg, k) => {
    if (seg.rule) {
      const x = seg.col * geo.cell * h;
      const right = Math.min(seg.end * geo.cell, drawnFrom - geo.cell) * h;
      const middle = Math.round(y + (geo.lineHeight * v) / 2);
      if (seg.rule === '=') {
        ctx.fillRect(x, middle - 4, right - x, 2);
        ctx.fillRect(x, middle + 2, right - x, 2);
      } else ctx.fillRect(x, middle - 1, right - x, 2);
      return;
    }
    const next = segments[k + 1];
    const startCol = !next ? 0 : next.rule ? next.col + 4 : next.end + 1;
    const room = Math.max(1, seg.end - startCol) * geo.cell;
    drawnFrom = drawRun(ctx, geo, seg.text, { x: seg.end * geo.cell - room, y, room, align: 'right' }, style).from;
  });
}

function drawBanner(ctx: SKRSContext2D, geo: Geometry, line: Extract<LaidLine, { type: 'banner' }>, y: number, width: number, dots: number): void {
  const { h, v } = scaleOf(line.size);
  ctx.fillRect(0, y, dots, geo.lineHeight * v);
  ctx.fillStyle = 'white';
  drawRun(ctx, geo, line.text.trim(), { x: 0, y, room: cellsFor(width, line.size) * geo.cell, align: 'center' }, { bold: true, struck: false, h, v });
  ctx.fillStyle = 'black';
}

const heightOf = (line: LaidLine, geo: Geometry): number => {
  if (line.type === 'cut') return 0;
  if (line.type === 'blank') return geo.lineHeight;
  return geo.lineHeight * scaleOf(line.size).v;
};

/**
 * One drawing surface for the process, grown in steps and reused: a canvas's pixels live outside
 * V8's heap, so the collector does not see them, and a fresh canvas per ticket piled up hundreds of
 * megabytes before it ran. Rendering is synchronous, so no two tickets ever share it at once.
 */
let surface: Canvas | undefined;
const SURFACE_STEP = 1024;

function surfaceFor(dots: number, height: number): Canvas {
  if (!surface || surface.width !== dots || surface.height < height) {
    surface = canvasModule().createCanvas(dots, Math.ceil(Math.max(1, height) / SURFACE_STEP) * SURFACE_STEP);
  }
  return surface;
}

/** One copy of the ticket, up to its cut; the encoder repeats it per copy and cuts. */
export function renderRaster(doc: TicketDocument, options: RasterOptions): RasterTicket {
  if (options.dots <= 0 || options.dots % 8 !== 0) throw new Error(`dots must be a positive multiple of 8, got ${options.dots}`);
  const fonts = loadTicketFonts(options.fontsDir);
  // Registered for every ticket: Skia finds spaces and joiners in it whatever the script.
  fonts.coverage('KbSans');
  const unprintable = new Set<string>();
  // Per ticket: a hostile field repeats a few characters thousands of times.
  const drawable = new Map<string, boolean>();
  const raw = layoutTicket(doc, options.width);
  const order: FontFamily[] = familiesFor(raw.map((l) => ('text' in l ? l.text : '')).join('\n'));
  const lines = raw.map((l) => ('text' in l ? { ...l, text: standInUnprintable(l.text, fonts, order, unprintable, drawable) } : l));
  const registered = fonts.registered();
  const cut = lines.findIndex((l) => l.type === 'cut');
  const page = cut < 0 ? lines : lines.slice(0, cut);

  // 12 dots per column on both papers (576/48, 384/32), like the printer's own Font A.
  const cell = options.dots / options.width;
  const lineHeight = Math.round(cell * 2.5);
  const fontPx = Math.round(cell * 1.75);
  const geo: Geometry = { cell, lineHeight, fontPx, baseline: Math.round(lineHeight * 0.76), families: order.filter((f) => registered.includes(f)).join(', ') };

  const height = page.reduce((sum, line) => sum + heightOf(line, geo), 0);
  const ctx = surfaceFor(options.dots, height).getContext('2d');
  ctx.reset();
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, options.dots, Math.max(1, height));
  ctx.fillStyle = 'black';
  // A left-to-right ticket's lines run left to right (indentation, labels) with Arabic runs inside them
  // still right to left; an Arabic ticket's lines run right to left, its numbers still left to right.
  const rtl = doc.direction === 'rtl';
  ctx.direction = rtl ? 'rtl' : 'ltr';
  ctx.textAlign = 'left';
  let y = 0;
  for (const line of page) {
    if (line.type === 'text') (rtl && line.align === 'left' ? drawTextRtl : drawText)(ctx, geo, line, y, options.width);
    else if (line.type === 'banner') drawBanner(ctx, geo, line, y, options.width, options.dots);
    y += heightOf(line, geo);
  }
  const pixels = ctx.getImageData(0, 0, options.dots, Math.max(1, height)).data;
  // Skia caches every glyph it drew at every size and scale, thousands for CJK: emptied after each
  // ticket, they stop growing with every new dish name (bench/raster-render.ts: same p50, less RSS).
  // A process that gives its memory back when the burst ends keeps them, and draws the next tickets'
  // glyphs from them (bench/raster-process.ts: 20-40 % less CPU per ticket in the raster child).
  if (!options.keepGlyphCache) canvasModule().clearAllCache();
  const bitmap: Bitmap = bitmapFromRgba(pixels, options.dots, height);
  return { bitmap, unprintable: [...unprintable] };
}
