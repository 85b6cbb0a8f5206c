import type { TicketPreview } from '../../common/bridge-api.js';
import type { StatusTable } from '../klikit/enums.js';
import type { PrinterConfig } from '../printing/types.js';
import type { Db } from '../store/connection.js';
import { getOrder } from '../store/orders.js';
import { outOfStockNames } from '../availability/order-items.js';
import { jobsForOrder } from '../store/print-jobs.js';
import { bitmapToPng, renderHtml, renderText, renderTicket, ticketForJob } from '../tickets/index.js';
import { ticketLanguage } from '../tickets/ticket-language.js';
import type { TicketPreviewer } from './deps.js';
import { errorText } from '../../common/error-text.js';

export type PreviewOptions = {
  db: Db;
  printers: () => readonly PrinterConfig[];
  timeZone?: string;
  statusTable?: StatusTable;
  /** The tickets' language where the printer has none (the window's, else the OS's). */
  language?: () => string | undefined;
};

/**
 * The order's ticket as the printer got it: the newest kitchen job (its stored payload, kind,
 * banner and print time) laid out for that job's printer. An order with no job yet is shown as
 * its `new` ticket on the first printer's paper. The paper's "see screen" points here, so the
 * text and HTML go further than the paper, but they are capped too (a 1 MB note stalled the window).
 */
export function createTicketPreviewer(options: PreviewOptions): TicketPreviewer {
  return (orderId): TicketPreview | null => {
    const jobs = jobsForOrder(options.db, orderId).filter((j) => j.kind !== 'test');
    const job = jobs.at(-1);
    const printers = options.printers();
    // A ticket a backup printed is shown on the backup's paper, with its BACKUP FOR stamp.
    const printedOn = job?.backupPrinterId ?? job?.printerId;
    const printer = printers.find((p) => p.id === printedOn) ?? printers[0];
    const backupFor = job?.backupPrinterId ? (printers.find((p) => p.id === job.printerId)?.name ?? job.printerId) : undefined;
    const source = job
      ? { kind: job.kind, payload: job.payload, possibleDuplicate: job.possibleDuplicate, printedAt: job.sentAt ?? job.updatedAt }
      : { kind: 'new' as const, payload: { order: getOrder(options.db, orderId)?.body }, possibleDuplicate: false, printedAt: undefined };
    if (source.payload.order == null) return null;
    const stored = getOrder(options.db, orderId);
    const outOfStock = stored ? outOfStockNames(options.db, stored.body, stored.firstSeenAt) : [];
    const language = ticketLanguage([printer?.language, options.language?.()], printer?.render);
    const ticketOptions = {
      ...(outOfStock.length > 0 ? { outOfStock } : {}),
      width: printer?.width ?? 48,
      copies: printer?.copies ?? 1,
      ...(source.printedAt ? { printedAt: source.printedAt } : {}),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      ...(options.statusTable ? { statusTable: options.statusTable } : {}),
      ...(backupFor !== undefined ? { backupFor } : {}),
      language: language.language,
    };
    const screen = ticketForJob(source, { ...ticketOptions, forScreen: true });
    if (!screen.ok) return { text: screen.error, html: '' };
    const preview = { text: renderText(screen.ticket, screen.ticket.width), html: renderHtml(screen.ticket) };
    const paper = ticketForJob(source, ticketOptions);
    if (!paper.ok) return { ...preview, warning: paper.error };
    // The window shows what the paper shows: a raster job's image, and what could not be printed. A
    // ticket cut on paper says "see screen": then the window shows the longer text instead.
    try {
      const printed = renderTicket(paper.ticket, { type: printer?.type ?? 'epson', width: paper.ticket.width, ...(printer?.render ? { render: printer.render } : {}), ...(printer?.dots ? { dots: printer.dots } : {}) });
      return {
        ...preview,
        ...(printed.raster && !paper.ticket.capped ? { image: `data:image/png;base64,${bitmapToPng(printed.raster.bitmap).toString('base64')}` } : {}),
        ...(printed.warning || language.warning ? { warning: [language.warning, printed.warning].filter(Boolean).join('; ') } : {}),
      };
    } catch (err) {
      return { ...preview, warning: `the ticket could not be drawn: ${errorText(err)}` };
    }
  };
}
