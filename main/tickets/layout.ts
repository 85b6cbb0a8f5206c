// Turns a ticket document into physical lines for one paper width: wrapping, rules and banner rows.
// Every renderer draws from these lines so that the preview, the HTML and the paper agree.

import type { Align, TextSize, TicketBlock, TicketDocument } from './document.js';
import { sizeIsWide } from './document.js';
import { columns, wrapText } from './wrap.js';

export type LaidLine =
  | { type: 'text'; text: string; bold: boolean; size: TextSize; align: Align; struck: boolean }
  /** `text` is one row of an inverted bar, without padding. */
  | { type: 'banner'; text: string; size: TextSize }
  | { type: 'blank' }
  | { type: 'cut' };

/** Columns available to text of `size` on paper `width` columns wide. */
export const cellsFor = (width: number, size: TextSize | undefined): number => (sizeIsWide(size) ? Math.floor(width / 2) : width);

function layoutBlock(block: TicketBlock, width: number, prepare: (text: string) => string): LaidLine[] {
  switch (block.type) {
    case 'text': {
      const size = block.style?.size ?? 'normal';
      const style = { bold: block.style?.bold ?? false, size, align: block.style?.align ?? 'left', struck: block.style?.struck ?? false };
      return wrapText(prepare(block.text), cellsFor(width, size), block.indent ?? 0, block.hang ?? 0).map((text) => ({ type: 'text', text, ...style }));
    }
    case 'banner': {
      const size = block.size ?? 'normal';
      return wrapText(prepare(block.text), Math.max(1, cellsFor(width, size) - 4)).map((text) => ({ type: 'banner', text, size }));
    }
    case 'rule': {
      const plain = { type: 'text', bold: false, size: 'normal', align: 'left', struck: false } as const;
      if (!block.title) return [{ ...plain, text: block.char.repeat(width) }];
      // No-break spaces stay: they hold "… see screen" together.
      const title = prepare(block.title).replace(/[^\S\u00a0]+/g, ' ').trim();
      const head = `${block.char.repeat(3)} ${title} `;
      if (columns(head) <= width) return [{ ...plain, bold: true, text: head + block.char.repeat(width - columns(head)) }];
      return [
        ...wrapText(title, width).map((text) => ({ ...plain, bold: true, text })),
        { ...plain, text: block.char.repeat(width) },
      ];
    }
    case 'feed':
      return Array.from({ length: block.lines }, () => ({ type: 'blank' }) as const);
    case 'cut':
      return [{ type: 'cut' }];
  }
}

/** Control characters in klikit's data (a brand title with ESC @) would reach the printer as commands. */
const CONTROLS_BUT_NEWLINES = /(?![\r\n])\p{Cc}/gu;

/** `prepare` maps each text before wrapping (the ESC/POS renderer makes it printable there). */
export function layoutTicket(doc: Pick<TicketDocument, 'blocks'>, width: number, prepare: (text: string) => string = (t) => t): LaidLine[] {
  const safe = (text: string): string => prepare(text.replace(CONTROLS_BUT_NEWLINES, ' '));
  return doc.blocks.flatMap((block) => layoutBlock(block, width, safe));
}

const heightOf = (line: LaidLine): number => {
  if (line.type === 'cut') return 0;
  if (line.type === 'blank') return 1;
  return line.size === 'tall' || line.size === 'big' ? 2 : 1;
};

/** How long `blocks` print on paper `width` columns wide, in normal lines (tall and big lines count twice). */
export const printedLines = (blocks: TicketBlock[], width: number): number =>
  layoutTicket({ blocks }, width).reduce((sum, line) => sum + heightOf(line), 0);
