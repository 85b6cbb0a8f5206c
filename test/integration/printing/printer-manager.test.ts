import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../ground/clock.js';
import { createJobRenderer } from '../../../main/printing/render-job.js';
import { createPrinterManager, type PrinterManager } from '../../../main/printing/printer-manager.js';
import type { QueueState } from '../../../main/printing/queue.js';
import type { Db } from '../../../main/store/connection.js';
import { enqueueJob, getJob, markSending } from '../../../main/store/print-jobs.js';
import { ordersFromInput } from '../../../main/tickets/order-input.js';
import { renderText, ticketForJob } from '../../../main/tickets/index.js';
import { createVirtualPrinter, type VirtualPrinter } from '../../../dev/virtual-printer/virtual-printer.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';
import { waitFor } from '../../helpers/wait.js';
import { closedPort, printerConfig, tempDatabase } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(): Promise<{ db: Db; printer: VirtualPrinter }> {
  const printer = await createVirtualPrinter();
  const { db, dir } = tempDatabase();
  cleanups.push(async () => {
    await printer.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, printer };
}

function manager(db: Db, printers: Parameters<typeof createPrinterManager>[0]['printers'], onChange?: (s: QueueState) => void): PrinterManager {
  const m = createPrinterManager({
    db,
    printers,
    clock: systemClock,
    random: () => 0.5,
    render: createJobRenderer({ clock: systemClock, timeZone: 'Asia/Kuala_Lumpur' }),
    backoff: { baseMs: 20, capMs: 100 },
    recheckMs: 50,
    ...(onChange ? { onChange } : {}),
  });
  cleanups.push(() => m.stop());
  return m;
}

/** The words of each line: the paper shows banners inverted and centring by command, the preview with padding. */
const words = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.replace(/^[\s*]+|[\s*]+$/g, ''))
    .filter((line) => line.length > 0);

describe('printer manager', () => {
  it('prints a klikit order whose decoded bytes read like the text preview of the same ticket', async () => {
    const { db, printer } = await setup();
    const config = printerConfig('kitchen', printer.url);
    const m = manager(db, [config]);
    m.start();
    const parsed = ordersFromInput(readKlikitFixture('created-v2.single-order.envelope.json'));
    if (!parsed.ok) throw new Error(parsed.error);
    const order = parsed.orders[0]!;
    const id = enqueueJob(db, { orderId: null, printerId: 'kitchen', kind: 'new', version: 'v1', payload: { order }, now: new Date().toISOString() });
    m.wake('kitchen');
    const [ticket] = await printer.waitForTickets(1);
    await waitFor('confirmed', () => getJob(db, id!)?.state === 'confirmed');

    const doc = ticketForJob({ kind: 'new', payload: { order }, possibleDuplicate: false }, { width: 48, timeZone: 'Asia/Kuala_Lumpur' });
    if (!doc.ok) throw new Error(doc.error);
    expect(words(ticket!.text)).toEqual(words(renderText(doc.ticket, 48)));
    expect(words(ticket!.text).length).toBeGreaterThan(5);
  });

  it('at start-up re-sends a job a crash left mid-send, with POSSIBLE DUPLICATE', async () => {
    const { db, printer } = await setup();
    const jobId = db.transaction(() => {
      const id = enqueueJob(db, { orderId: null, printerId: 'kitchen', kind: 'test', version: 't1', payload: { order: null, note: 'x' }, now: new Date().toISOString() });
      markSending(db, id!, new Date().toISOString());
      return id!;
    })();
    // The test page has a line in every script: as text, so the banner can be read back from the bytes.
    const m = manager(db, [printerConfig('kitchen', printer.url, { render: 'text' })]);
    expect(m.start()).toEqual({ recovered: 1 });
    const [ticket] = await printer.waitForTickets(1);
    expect(ticket!.text).toContain('POSSIBLE DUPLICATE');
    await waitFor('confirmed', () => getJob(db, jobId)?.state === 'confirmed');
  });

  it('test-prints on one printer while another is dead, and reports both states', async () => {
    const { db, printer } = await setup();
    const changes: QueueState[] = [];
    const dead = printerConfig('bar', `tcp://127.0.0.1:${await closedPort()}`);
    const m = manager(db, [dead, printerConfig('kitchen', printer.url, { render: 'text' })], (s) => changes.push(s));
    m.start();
    expect(m.testPrint('nope')).toEqual({ ok: false, error: 'no printer with id "nope"' });
    const deadPrint = m.testPrint('bar');
    const result = m.testPrint('kitchen');
    expect(result.ok && deadPrint.ok).toBe(true);
    const [ticket] = await printer.waitForTickets(1);
    expect(ticket!.text).toContain('TEST');
    await waitFor('dead printer held', () => m.states().find((s) => s.printerId === 'bar')?.heldReason);
    const states = m.states();
    expect(states.map((s) => s.printerId)).toEqual(['bar', 'kitchen']);
    expect(states[0]).toMatchObject({ status: { state: 'unreachable' }, depth: 1 });
    await waitFor('kitchen idle', () => m.states()[1]?.lastPrintedAt);
    expect(changes.some((s) => s.printerId === 'kitchen' && s.inFlightJobId !== undefined)).toBe(true);
  });
});
