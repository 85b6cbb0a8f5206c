import { ThermalPrinter, PrinterTypes } from 'node-thermal-printer';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { systemClock } from '../../../ground/clock.js';
import { createPrintQueue, type PrintQueue, type RenderResult } from '../../../main/printing/queue.js';
import { linkForUri } from '../../../main/printing/transports/link-for-printer.js';
import type { PrinterConfig, PrinterLink } from '../../../main/printing/types.js';
import { createVirtualPrinter, type VirtualPrinter } from '../../../dev/virtual-printer/virtual-printer.js';
import { openDatabase, type Db } from '../../../main/store/connection.js';
import { enqueueJob, type PrintJob } from '../../../main/store/print-jobs.js';

/** ESC/POS bytes of a small ticket, built the way the real renderer builds them. */
export function ticketBytes(lines: string[], type: PrinterTypes = PrinterTypes.EPSON): Buffer {
  const printer = new ThermalPrinter({ type, interface: 'tcp://127.0.0.1:1', width: 48 });
  printer.bold(true);
  for (const line of lines) printer.println(line);
  printer.bold(false);
  printer.cut();
  return printer.getBuffer();
}

/** A stand-in for the ticket renderer: one line per job, the banner when the outcome was unknown. */
export function renderJob(job: PrintJob): Buffer {
  const lines = [`JOB ${job.id} ${job.kind}`];
  if (job.possibleDuplicate) lines.unshift('*** POSSIBLE DUPLICATE ***');
  return ticketBytes(lines);
}

/** `renderJob` as the queue takes it. */
export const renderStandIn = (job: PrintJob): RenderResult => ({ bytes: renderJob(job) });

/** A port on which nothing listens: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A printer config for tests; the virtual printer speaks Epson. */
export function printerConfig(id: string, url: string, overrides: Partial<PrinterConfig> = {}): PrinterConfig {
  return { id, name: `Printer ${id}`, type: 'epson', interface: url, width: 48, statusProbe: 'best-effort', copies: 1, ...overrides };
}

/** A kitchen printer whose backup is the bar, after a grace short enough for tests. */
export function backupPrinters(kitchenUrl: string, barUrl: string, graceSeconds = 0.2): PrinterConfig[] {
  return [
    printerConfig('kitchen', kitchenUrl, { name: 'Kitchen', backup: 'bar', backupAfterSeconds: graceSeconds }),
    printerConfig('bar', barUrl, { name: 'Bar' }),
  ];
}

/** A fresh bridge database in its own temp dir. */
export function tempDatabase(): { db: Db; path: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'printing-'));
  const path = join(dir, 'bridge.db');
  return { db: openDatabase(path), path, dir };
}

export function enqueue(db: Db, printerId: string, count: number, now = new Date().toISOString(), versionPrefix = 'v'): number[] {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = enqueueJob(db, { orderId: null, printerId, kind: 'new', version: `${versionPrefix}${i}`, payload: { order: null }, now });
    if (id === null) throw new Error('duplicate test job');
    ids.push(id);
  }
  return ids;
}

/** The job ids printed on each ticket, in paper order, and whether it carried the banner. */
export function printedJobs(texts: string[]): { id: number; duplicate: boolean }[] {
  return texts.map((text) => {
    const match = /JOB (\d+)/.exec(text);
    if (!match) throw new Error(`not a test ticket: ${text}`);
    return { id: Number(match[1]), duplicate: text.includes('POSSIBLE DUPLICATE') };
  });
}

export function jobStates(db: Db): Record<number, string> {
  const rows = db.prepare('SELECT id, state FROM print_jobs ORDER BY id').all() as { id: number; state: string }[];
  return Object.fromEntries(rows.map((r) => [r.id, r.state]));
}

export type QueueOptions = { link?: PrinterLink; render?: (job: PrintJob) => RenderResult };

/**
 * The resources of one test file's printing tests, each released after its test (in reverse order):
 * virtual printers, temp databases and running queues (by default over the printer URI's transport).
 */
export function printingTestScope() {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const defer = (cleanup: () => Promise<void> | void): void => void cleanups.push(cleanup);
  return {
    defer,
    async virtualPrinter(): Promise<VirtualPrinter> {
      const printer = await createVirtualPrinter();
      defer(() => printer.stop());
      return printer;
    },
    database(): Db {
      const { db, dir } = tempDatabase();
      defer(() => {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      });
      return db;
    },
    queueFor(db: Db, printer: PrinterConfig, options: QueueOptions = {}): PrintQueue {
      const link = options.link ?? linkForUri(printer.interface);
      const queue = createPrintQueue({
        db,
        printer,
        link,
        clock: systemClock,
        random: () => 0.5,
        render: options.render ?? renderStandIn,
        backoff: { baseMs: 20, capMs: 100 },
        recheckMs: 50,
      });
      defer(async () => {
        await queue.stop();
        await link.close();
      });
      queue.start();
      return queue;
    },
  };
}
