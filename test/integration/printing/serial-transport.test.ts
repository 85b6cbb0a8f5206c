import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { describe, expect, it } from 'vitest';
import type { PrintQueue, RenderResult } from '../../../main/printing/queue.js';
import type { PrinterConfig } from '../../../main/printing/types.js';
import type { Db } from '../../../main/store/connection.js';
import { getJob, type PrintJob } from '../../../main/store/print-jobs.js';
import { waitFor } from '../../helpers/wait.js';
import { enqueue, jobStates, printedJobs, printerConfig, printingTestScope, renderJob, renderStandIn, ticketBytes } from './helpers.js';
import { hasSocat, startPtyPair, type PtyPair } from '../../../dev/virtual-printer/pty-pair.js';

// serial:// and file:// over a real serial line: a socat pty pair, the virtual printer on one end
// answering DLE EOT, the bridge's queue on the other.

const { defer, virtualPrinter, database, queueFor: queueOver } = printingTestScope();

function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'serial-'));
  defer(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function ptyPair(dir: string): Promise<PtyPair> {
  const pair = await startPtyPair(dir);
  defer(() => pair.stop());
  return pair;
}

const queueFor = (db: Db, printer: PrinterConfig, render: (job: PrintJob) => RenderResult = renderStandIn): PrintQueue =>
  queueOver(db, printer, { render });

/** A ticket far larger than the pty and socat buffers: its write blocks until someone reads the line. */
const hugeTicket = (job: PrintJob): RenderResult => {
  const lines = Array.from({ length: 12_000 }, (_, i) => `line ${i} of a very long ticket`);
  lines.unshift(`JOB ${job.id} ${job.kind}`);
  if (job.possibleDuplicate) lines.unshift('*** POSSIBLE DUPLICATE ***');
  return { bytes: ticketBytes(lines) };
};

/** On a serial line the status requests between jobs arrive in the same stream as the jobs. */
function withoutStatusRequests(raw: Buffer): Buffer {
  const kept: number[] = [];
  for (let at = 0; at < raw.length; at++) {
    if (raw[at] === 0x10 && raw[at + 1] === 0x04) at += 2;
    else kept.push(raw[at]!);
  }
  return Buffer.from(kept);
}

/**
 * An Epson behind a USB-serial adapter: it answers every DLE EOT n it receives, the ones that happen
 * to lie inside image data included, and its answers reach the bridge one adapter latency later. Its
 * idle answer to n=1 is 0x16 (drawer pin high), so an answer read one byte out of step says "cover open".
 */
async function epsonBehindAdapter(path: string, latencyMs: number): Promise<{ received(): Buffer }> {
  const port = new SerialPort({ path, baudRate: 115_200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  defer(() => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())));
  let received = Buffer.alloc(0);
  let scanned = 0;
  port.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    const answers: number[] = [];
    for (; scanned + 2 < received.length; scanned++) {
      if (received[scanned] !== 0x10 || received[scanned + 1] !== 0x04) continue;
      answers.push(received[scanned + 2] === 1 ? 0x16 : 0x12);
      scanned += 2;
    }
    if (answers.length > 0) setTimeout(() => port.write(Buffer.from(answers)), latencyMs);
  });
  return { received: () => received };
}

/** A raster ticket whose first image row happens to read DLE EOT 1. */
const IMAGE_WITH_STATUS_REQUEST_INSIDE = Buffer.from([
  0x1b, 0x40, 0x1d, 0x76, 0x30, 0x00, 0x03, 0x00, 0x02, 0x00, 0x10, 0x04, 0x01, 0xff, 0x00, 0xff, 0x1d, 0x56, 0x00,
]);

const schemes: [string, (path: string) => string][] = [
  ['serial://', (path) => `serial://${path}?baud=115200`],
  ['file://', (path) => `file://${path}`],
];

describe.skipIf(!hasSocat).each(schemes)('%s over a socat pty pair', (_scheme, uriFor) => {
  it('prints each job once, byte for byte, confirmed by the printer answering DLE EOT', async () => {
    const pair = await ptyPair(workDir());
    const printer = await virtualPrinter();
    defer(await printer.attachSerial(pair.b));
    const db = database();
    const queue = queueFor(db, printerConfig('s1', uriFor(pair.a)));
    const ids = enqueue(db, 's1', 3);
    queue.wake();
    const tickets = await printer.waitForTickets(3);
    expect(printedJobs(tickets.map((t) => t.text))).toEqual(ids.map((id) => ({ id, duplicate: false })));
    // One byte stream: everything up to the last cut arrived exactly as sent, status requests aside
    // (the reset command after the last cut starts the next ticket, which never comes).
    const received = withoutStatusRequests(Buffer.concat(tickets.map((t) => t.raw)));
    const sent = Buffer.concat(ids.map((id) => renderJob(getJob(db, id)!)));
    expect(received).toEqual(sent.subarray(0, received.length));
    expect(received.length).toBeGreaterThanOrEqual(sent.length - 2);
    await waitFor('all confirmed', () => Object.values(jobStates(db)).every((s) => s === 'confirmed'));
    expect(queue.state()).toMatchObject({ status: { state: 'ready' }, delivery: 'confirmed', depth: 0 });
  });

  it('holds on paper-out without printing, then resumes by itself', async () => {
    const pair = await ptyPair(workDir());
    const printer = await virtualPrinter();
    defer(await printer.attachSerial(pair.b));
    printer.setState('paper-out');
    const db = database();
    const queue = queueFor(db, printerConfig('s1', uriFor(pair.a)));
    const ids = enqueue(db, 's1', 2);
    queue.wake();
    await waitFor('held', () => getJob(db, ids[0]!)?.state === 'held');
    expect(queue.state()).toMatchObject({ heldReason: 'out of paper', status: { state: 'paper-out' } });
    expect(printer.tickets()).toEqual([]);
    printer.setState('ok');
    const tickets = await printer.waitForTickets(2);
    expect(printedJobs(tickets.map((t) => t.text))).toEqual(ids.map((id) => ({ id, duplicate: false })));
  });

  it('an answer to a DLE EOT inside the image, arriving late, is not read as the status after the job', async () => {
    const pair = await ptyPair(workDir());
    const printer = await epsonBehindAdapter(pair.b, 30);
    const db = database();
    const queue = queueFor(db, printerConfig('s1', uriFor(pair.a), { statusProbe: 'required' }), () => ({ bytes: IMAGE_WITH_STATUS_REQUEST_INSIDE }));
    const [id] = enqueue(db, 's1', 1);
    queue.wake();
    await waitFor('the job settled', () => ['confirmed', 'uncertain', 'held', 'failed'].includes(getJob(db, id!)?.state ?? ''));
    expect(getJob(db, id!)).toMatchObject({ state: 'confirmed', possibleDuplicate: false, lastError: '' });
    expect(queue.state()).toMatchObject({ status: { state: 'ready' }, delivery: 'confirmed' });
    expect(withoutStatusRequests(printer.received())).toEqual(withoutStatusRequests(IMAGE_WITH_STATUS_REQUEST_INSIDE));
  });

  it('a line cut mid-job gives exactly one POSSIBLE DUPLICATE once the printer is back', async () => {
    const dir = workDir();
    const first = await startPtyPair(dir);
    const db = database();
    // No printer answers on the line: the queue finds it silent and prints anyway (best-effort). The far
    // end reads the start of the ticket, then stops reading, so the write stalls part-way through it
    // until the line is cut. Cut only once bytes of the ticket (not just a 12-byte status request) are
    // across: cut before any byte left, the job rightly fails without the banner.
    const far = createReadStream(first.b);
    far.on('error', () => undefined);
    let across = 0;
    far.on('data', (chunk) => {
      across += chunk.length;
      if (across > 1_000) far.pause();
    });
    const queue = queueFor(db, printerConfig('s1', uriFor(first.a)), hugeTicket);
    const [id] = enqueue(db, 's1', 1);
    queue.wake();
    await waitFor('job in flight', () => getJob(db, id!)?.state === 'sending');
    await waitFor('the start of the ticket across the line', () => across > 1_000);
    await first.stop();
    far.destroy();
    // Uncertain, then held while the line is down: either way the re-send must carry the banner.
    await waitFor('job marked possibly printed', () => getJob(db, id!)?.possibleDuplicate, { timeoutMs: 15_000 });
    expect(['uncertain', 'held']).toContain(getJob(db, id!)?.state);

    const second = await ptyPair(dir);
    const printer = await virtualPrinter();
    defer(await printer.attachSerial(second.b));
    const tickets = await printer.waitForTickets(1, 15_000);
    expect(printedJobs(tickets.map((t) => t.text))).toEqual([{ id, duplicate: true }]);
    // Confirmed, or only sent when the printer was still busy with the long ticket at the status request.
    await waitFor('printed', () => ['sent', 'confirmed'].includes(getJob(db, id!)?.state ?? ''));
    expect(printer.tickets()).toHaveLength(1);
  });
});
