import { isoAt, type Clock, type Random } from '../../ground/clock.js';
import type { Db } from '../store/connection.js';
import { enqueueTestPrint, reclaimFromRemovedBackups, recoverInterrupted, type PrintJob } from '../store/print-jobs.js';
import { createPrintQueue, type Backoff, type PrintQueue, type QueueState, type RenderResult } from './queue.js';
import { linkForUri } from './transports/link-for-printer.js';
import type { PrinterConfig, PrinterLink } from './types.js';
import { backupChain } from '../../common/backup-chain.js';

// One queue per configured printer, each with its own link and loop, so a dead printer never stalls
// another. The manager owns the links it creates and closes them on stop. A queue held past its grace
// hands its waiting jobs to a backup's queue itself (the only writer of the jobs it owns); the manager
// only says which backup is free and wakes it.

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
  /** A held printer's waiting jobs went to its backup. */
  onHandedOver?: (fromPrinterId: string, toPrinterId: string, jobIds: readonly number[]) => void;
};

export type PrinterManager = {
  /**
   * Recovers jobs a crash left mid-send (they are re-sent with the banner), gives jobs held by a backup
   * that is no longer configured back to their own printer, then starts every queue.
   */
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
  // A held printer's tickets go to the first printer of its backup chain that is not held itself.
  const backupTarget = (printerId: string): string | undefined =>
    backupChain(printerId, options.printers).find((id) => byId.get(id)?.queue.state().heldSince === undefined);
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
      backupTarget: () => backupTarget(printer.id),
      onHandedOver: (to, jobIds) => {
        options.onHandedOver?.(printer.id, to, jobIds);
        byId.get(to)?.queue.wake();
      },
    });
    return { printer, link, queue };
  });
  const byId = new Map(entries.map((entry) => [entry.printer.id, entry]));

  return {
    start() {
      const recovered = recoverInterrupted(db, isoAt(clock));
      reclaimFromRemovedBackups(db, options.printers.map((p) => p.id), isoAt(clock));
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
