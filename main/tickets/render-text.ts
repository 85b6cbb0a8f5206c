// The plain-text preview: what tests assert and what the window shows. Exact columns; large text is
// shown as is (wrapped at the printer's halved width) and aligned like on paper.

import type { PaperWidth, TicketDocument } from './document.js';
import { layoutTicket, type LaidLine } from './layout.js';
import { columns } from './wrap.js';

function align(text: string, width: number, how: 'left' | 'center' | 'right'): string {
  const free = Math.max(0, width - columns(text));
  if (how === 'center') return ' '.repeat(Math.floor(free / 2)) + text;
  if (how === 'right') return ' '.repeat(free) + text;
  return text;
}

function banner(text: string, width: number): string {
  const inner = ` ${text} `;
  const free = Math.max(0, width - columns(inner));
  const left = Math.floor(free / 2);
  return '*'.repeat(left) + inner + '*'.repeat(free - left);
}

function textOf(line: LaidLine, width: number): string | null {
  switch (line.type) {
    case 'text':
      return align(line.text, width, line.align).trimEnd();
    case 'banner':
      return banner(line.text, width);
    case 'blank':
      return '';
    case 'cut':
      return null;
  }
}

export function renderText(doc: TicketDocument, width: PaperWidth): string {
  const lines = layoutTicket(doc, width)
    .map((line) => textOf(line, width))
    .filter((l): l is string => l !== null);
  return `${lines.join('\n')}\n`;
}
