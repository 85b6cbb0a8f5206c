import { isoAt, type Clock } from '../../ground/clock.js';
import type { StatusTable } from '../klikit/enums.js';
import type { PrintJob } from '../store/print-jobs.js';
import { needsRaster, renderTicket, ticketForJob, type TicketDocument, type TicketTarget } from '../tickets/index.js';
import { ticketLanguage } from '../tickets/ticket-language.js';
import type { RenderResult } from './queue.js';
import type { RasterProcess } from './raster-process.js';
import type { PrinterConfig } from './types.js';
import type { StationPrinter } from '../routing/routes.js';

export type JobRendererOptions = {
  clock: Clock;
  timeZone?: string;
  statusTable?: StatusTable;
  /** Every printer with its routes: a routed printer's ticket shows only its lines. */
  stations?: () => readonly StationPrinter[];
  /** Told when a ticket prints with characters the cook will not see (boxes or stand-ins). */
  onWarning?: (job: PrintJob, printer: PrinterConfig, warning: string) => void;
  /** Names of the order's lines marked out of stock when it arrived (main/availability): an OUT OF STOCK box. */
  outOfStock?: (orderId: number) => readonly string[];
  /** The language of tickets whose printer has none (the window's, else the OS's): a BCP 47 tag. */
  language?: string;
  /**
   * Told when a printer's tickets are in English because its language needs raster and it is set to text.
   * A setting to fix, not a ticket that printed incomplete: it never goes into the job's warning (that
   * would put every ticket of the printer in Problems).
   */
  onLanguageFallback?: (printer: PrinterConfig, note: string) => void;
};

type Prepared = { ok: true; doc: TicketDocument; target: TicketTarget } | { ok: false; error: string };

/** The station's name for a BACKUP FOR stamp (its id when it has none). */
const stationName = (options: JobRendererOptions, printerId: string): string => options.stations?.().find((p) => p.id === printerId)?.name ?? printerId;

/** The ticket document for this printer's paper, and how it is to reach the paper. */
function prepare(options: JobRendererOptions, job: PrintJob, printer: PrinterConfig): Prepared {
  // The printer it prints on decides: a backup's staff read the ticket first, and carry it over.
  const language = ticketLanguage([printer.language, options.language], printer.render);
  if (language.warning) options.onLanguageFallback?.(printer, language.warning);
  const result = ticketForJob(
    { kind: job.kind, payload: job.payload, possibleDuplicate: job.possibleDuplicate },
    {
      width: printer.width,
      copies: printer.copies,
      printedAt: isoAt(options.clock),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      ...(options.statusTable ? { statusTable: options.statusTable } : {}),
      // The ticket is the station's (its lines), on the paper of the printer it prints on.
      ...(options.stations ? { station: { printerId: job.printerId, printers: options.stations() } } : {}),
      ...(options.outOfStock && job.orderId !== null ? { outOfStock: options.outOfStock(job.orderId) } : {}),
      ...(job.backupPrinterId !== null ? { backupFor: stationName(options, job.printerId) } : {}),
      language: language.language,
    },
  );
  if (!result.ok) return { ok: false, error: result.error };
  const target: TicketTarget = { type: printer.type, width: printer.width, ...(printer.render ? { render: printer.render } : {}), ...(printer.dots ? { dots: printer.dots } : {}) };
  return { ok: true, doc: result.ticket, target };
}

function finish(options: JobRendererOptions, job: PrintJob, printer: PrinterConfig, rendered: { bytes: Buffer; warning?: string | undefined }): RenderResult {
  const warning = rendered.warning;
  if (!warning) return { bytes: rendered.bytes };
  options.onWarning?.(job, printer, warning);
  return { bytes: rendered.bytes, warning };
}

/** The production renderer: stored job → ticket document for this printer's paper → text or raster bytes. */
export function createJobRenderer(options: JobRendererOptions): (job: PrintJob, printer: PrinterConfig) => RenderResult {
  return (job, printer) => {
    const prepared = prepare(options, job, printer);
    if (!prepared.ok) return { error: prepared.error };
    return finish(options, job, printer, renderTicket(prepared.doc, prepared.target));
  };
}

/** As createJobRenderer, with the tickets that go as an image drawn by the raster process. */
export function createOffloadedJobRenderer(
  options: JobRendererOptions,
  raster: RasterProcess,
): (job: PrintJob, printer: PrinterConfig) => RenderResult | Promise<RenderResult> {
  return (job, printer) => {
    const prepared = prepare(options, job, printer);
    if (!prepared.ok) return { error: prepared.error };
    const { doc, target } = prepared;
    const mode = target.render ?? 'auto';
    if (mode === 'text' || (mode === 'auto' && !needsRaster(doc, target.width))) return finish(options, job, printer, renderTicket(doc, target));
    return raster.render(doc, { ...target, render: 'raster' }).then((rendered) => finish(options, job, printer, rendered));
  };
}
