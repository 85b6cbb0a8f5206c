import { ThermalPrinter, PrinterTypes } from 'node-thermal-printer';
import { createServer, type AddressInfo } from 'node:net';
import type { PrintJob } from '../../../main/store/print-jobs.js';

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

/** A port on which nothing listens: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
