import { isoAt, type Clock, type Random } from '../core/clock.js';
import type { Db } from '../store/connection.js';
import { enqueueTestPrint, recoverInterrupted, type PrintJob } from '../store/print-jobs.js';
import { createPrintQueue, type Backoff, type PrintQueue, type QueueState, type RenderResult } from './queue.js';
import { linkForUri } from './transports/link-for-printer.js';
import type { PrinterConfig, PrinterLink } from './types.js';

// One queue per configured printer, each with its own link and loop, so a dead printer never stalls
// another. The manager owns the links it creates and closes them on stop.

export type PrinterManagerOptions = {
  db: Db;
  printers: readonly PrinterConfig[];
  clock: Clock;
  random: Random;
  render: (job: PrintJob, printer: PrinterConfig) => RenderResult | Promise<RenderResult>;
  /** Defaults to the transport of the printer's `interface` URI. */
  linkFor?: (printer: PrinterConfig) => PrinterLink;
  onChange?: (state: QueueState) => void;
  backoff?: Backoff;
  recheckMs?: number;
};

export type PrinterManager = {
  /** Recovers jobs a crash left mid-send (they are re-sent with the banner), then starts every queue. */
  start(): { recovered: number };
  stop(): Promise<void>;
  wake(printerId: string): void;
  wakeAll(): void;
  states(): QueueState[];
  testPrint(printerId: string): { ok: true; jobId: number } | { ok: false; error: string };
};

export function createPrinterManager(options: PrinterManagerOptions): PrinterManager {
  const { db, clock } = options;
  const linkFor = options.linkFor ?? ((printer: PrinterConfig) => linkForUri(printer.interface));
  const entries = options.printers.map((printer) => {
    const link = linkFor(printer);
    const queue: PrintQueue = createPrintQueue({
      db,
      printer,
      link,
      clock,
      random: options.random,
      render: (job) => options.render(job, printer),
      ...(options.onChange ? { onChange: options.onChange } : {}),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.recheckMs ? { recheckMs: options.recheckMs } : {}),
    });
    return { printer, link, queue };
  });
  const byId = new Map(entries.map((entry) => [entry.printer.id, entry]));

  return {
    start() {
      const recovered = recoverInterrupted(db, isoAt(clock));
      for (const { queue } of entries) queue.start();
      return { recovered };
    },
    async stop() {
      await Promise.all(entries.map(({ queue }) => queue.stop()));
      await Promise.all(entries.map(({ link }) => link.close()));
    },
    wake(printerId) {
      byId.get(printerId)?.queue.wake();
    },
    wakeAll() {
      for (const { queue } of entries) queue.wake();
    },
    states: () => entries.map(({ queue }) => queue.state()),
    testPrint(printerId) {
      const entry = byId.get(printerId);
      if (!entry) return { ok: false, error: `no printer with id "${printerId}"` };
      const jobId = enqueueTestPrint(db, printerId, isoAt(clock), `test print for ${entry.printer.name}`);
      entry.queue.wake();
      return { ok: true, jobId };
    },
  };
}
