// A safe HTML fragment of the ticket for the window's preview: every text is escaped, styling is by
// class only (the window's CSP forbids inline styles). Lines keep their paper layout (white-space: pre).

import type { TicketDocument } from './document.js';
import { layoutTicket, type LaidLine } from './layout.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

function lineHtml(line: LaidLine): string {
  switch (line.type) {
    case 'text': {
      const classes = ['tk-line', `tk-size-${line.size}`, `tk-align-${line.align}`];
      if (line.bold) classes.push('tk-bold');
      if (line.struck) classes.push('tk-struck');
      const body = line.struck ? `<s>${escapeHtml(line.text)}</s>` : escapeHtml(line.text);
      return `<div class="${classes.join(' ')}">${body}</div>`;
    }
    case 'banner':
      return `<div class="tk-line tk-banner tk-size-${line.size} tk-align-center">${escapeHtml(line.text)}</div>`;
    case 'blank':
      return '<div class="tk-line tk-blank"></div>';
    case 'cut':
      return '<hr class="tk-cut">';
  }
}

export function renderHtml(doc: TicketDocument): string {
  const lines = layoutTicket(doc, doc.width).map(lineHtml).join('');
  // An Arabic ticket reads from the right in the window as on paper.
  const dir = doc.direction === 'rtl' ? ' dir="rtl"' : '';
  return `<div class="ticket ticket-w${doc.width} ticket-${doc.kind}"${dir}>${lines}</div>`;
}
