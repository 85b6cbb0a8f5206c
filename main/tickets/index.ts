export type { TicketBlock, TicketDocument, TicketKind, TicketOptions, PaperWidth, TextSize, TextStyle, Align } from './document.js';
export { buildTicket, ticketTitle, type TicketInput } from './build-ticket.js';
export { ticketForJob, type TicketJob, type TicketResult } from './ticket-for-job.js';
export { renderText } from './render-text.js';
export { renderHtml, escapeHtml } from './render-html.js';
export { renderEscPos, type EscPosTarget } from './render-escpos.js';
export { asciiTextEncoder, type TextEncoderForPrinter } from './printable-text.js';
