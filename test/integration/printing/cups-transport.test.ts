import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkForUri } from '../../../main/printing/transports/link-for-printer.js';
import { getJob } from '../../../main/store/print-jobs.js';
import { createVirtualPrinter, type VirtualPrinter } from '../../../dev/virtual-printer/virtual-printer.js';
import { waitFor } from '../../helpers/wait.js';
import { enqueue, printedJobs, printerConfig, printingTestScope, renderJob, ticketBytes } from './helpers.js';
import { hasCups, startPrivateCups, type PrivateCups } from './private-cups.js';

// cups:// through a real CUPS scheduler started for these tests, a raw queue whose device is the
// virtual printer's TCP port: what the bridge sends must arrive byte for byte.

const CLI = new URL('../../../main/printing/printers-cli.ts', import.meta.url).pathname;

/** `npm run printers -- ARGS` as a child process, pointed at the private CUPS (its event loop stays free). */
function printersCli(server: string, ...args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, CUPS_SERVER: server }, timeout: 60_000 }, (err, stdout) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout }),
    );
  });
}

let cups: PrivateCups;
let printer: VirtualPrinter;
let cupsDir: string;
let queueCount = 0;
const { database, queueFor } = printingTestScope();

describe.skipIf(!hasCups)('cups:// through a private cupsd', () => {
  beforeAll(async () => {
    cupsDir = mkdtempSync(join(tmpdir(), 'cups-'));
    cups = await startPrivateCups(cupsDir);
    printer = await createVirtualPrinter();
  });
  afterAll(async () => {
    await cups?.stop();
    await printer?.stop();
    rmSync(cupsDir, { recursive: true, force: true });
  });

  /** A fresh raw queue to the virtual printer, so that tests never see each other's jobs. */
  function rawQueue(): string {
    const name = `kitchen${++queueCount}`;
    cups.addRawQueue(name, `socket://127.0.0.1:${printer.port}`);
    return name;
  }

  it('sends raw bytes that reach the printer unchanged, and confirms each job once CUPS completed it', async () => {
    const before = printer.tickets().length;
    const name = rawQueue();
    const link = linkForUri(`cups://${name}?server=${cups.server}`);
    const bytes = ticketBytes(['CUPS RAW JOB', 'Pho bo x2']);
    expect(await link.probe()).toEqual({ state: 'ready' });
    expect(await link.send(bytes)).toEqual({ ok: true, confirmed: true });
    const tickets = await printer.waitForTickets(before + 1);
    // A ticket ends at its cut; the printer reset after it (ESC @, 2 bytes) opens the next one.
    expect(tickets.at(-1)!.raw).toEqual(bytes.subarray(0, bytes.length - 2));
  });

  it('prints through the queue in order, each job confirmed and shown so', async () => {
    const before = printer.tickets().length;
    const db = database();
    const queue = queueFor(db, printerConfig('c1', `cups://${rawQueue()}?server=${cups.server}`));
    const ids = enqueue(db, 'c1', 3);
    queue.wake();
    const tickets = (await printer.waitForTickets(before + 3)).slice(before);
    expect(printedJobs(tickets.map((t) => t.text))).toEqual(ids.map((id) => ({ id, duplicate: false })));
    expect(tickets.map((t) => t.raw)).toEqual(ids.map((id) => renderJob(getJob(db, id)!).subarray(0, -2)));
    await waitFor('all confirmed', () => ids.every((id) => getJob(db, id)?.state === 'confirmed'));
    expect(queue.state()).toMatchObject({ status: { state: 'ready' }, delivery: 'confirmed', depth: 0 });
  });

  it('holds while the CUPS queue is stopped, with CUPS\'s reason, and resumes when it is started', async () => {
    const before = printer.tickets().length;
    const name = rawQueue();
    cups.run('cupsdisable', '-r', 'paper jam', name);
    const db = database();
    const queue = queueFor(db, printerConfig('c1', `cups://${name}?server=${cups.server}`));
    const [id] = enqueue(db, 'c1', 1);
    queue.wake();
    await waitFor('held', () => getJob(db, id!)?.state === 'held');
    expect(queue.state()).toMatchObject({ heldReason: 'offline: CUPS queue stopped: paper jam' });
    cups.run('cupsenable', name);
    const tickets = (await printer.waitForTickets(before + 1)).slice(before);
    expect(printedJobs(tickets.map((t) => t.text))).toEqual([{ id, duplicate: false }]);
  });

  it('a queue CUPS does not know holds the printer with a message naming it', async () => {
    const db = database();
    const queue = queueFor(db, printerConfig('c1', `cups://nosuchqueue?server=${cups.server}`));
    const [id] = enqueue(db, 'c1', 1);
    queue.wake();
    await waitFor('held', () => getJob(db, id!)?.state === 'held');
    expect(queue.state().heldReason).toMatch(/^unreachable: no CUPS queue "nosuchqueue"/);
  });

  it('`npm run printers` lists the queue with its URI, and --test prints the test page there and says so in one sentence', async () => {
    const name = rawQueue();
    const before = printer.tickets().length;
    const listed = await printersCli(cups.server);
    expect(listed.stdout).toContain(`cups://${name}\tCUPS: ${name} (socket://127.0.0.1:${printer.port})\n`);
    const tested = await printersCli(cups.server, '--test', `cups://${name}`);
    expect(tested).toEqual({
      code: 0,
      stdout: `The test ticket was printed on cups://${name}, confirmed by the spooler; the spooler does not report paper state; any script line printed as ? means this printer needs raster.\n`,
    });
    const [ticket] = (await printer.waitForTickets(before + 1)).slice(before);
    for (const line of ['TEST PRINT', 'Vietnamese: ', 'Arabic: ', 'Thai: ', 'Japanese: ', 'Chinese: ']) expect(ticket!.text).toContain(line);
  });
});
