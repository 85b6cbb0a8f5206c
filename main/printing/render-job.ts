import { isoAt, type Clock } from '../core/clock.js';
import type { StatusTable } from '../klikit/enums.js';
import type { PrintJob } from '../store/print-jobs.js';
import { renderTicket, ticketForJob } from '../tickets/index.js';
import type { RenderResult } from './queue.js';
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
};

/** The production renderer: stored job → ticket document for this printer's paper → text or raster bytes. */
export function createJobRenderer(options: JobRendererOptions): (job: PrintJob, printer: PrinterConfig) => RenderResult {
  const stationName = (printerId: string): string => options.stations?.().find((p) => p.id === printerId)?.name ?? printerId;
  return (job, printer) => {
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
        ...(job.backupPrinterId !== null ? { backupFor: stationName(job.printerId) } : {}),
      },
    );
    if (!result.ok) return { error: result.error };
    const rendered = renderTicket(result.ticket, { type: printer.type, width: printer.width, ...(printer.render ? { render: printer.render } : {}), ...(printer.dots ? { dots: printer.dots } : {}) });
    if (!rendered.warning) return { bytes: rendered.bytes };
    options.onWarning?.(job, printer, rendered.warning);
    return { bytes: rendered.bytes, warning: rendered.warning };
  };
}
