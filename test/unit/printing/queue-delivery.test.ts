import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../ground/clock.js';
import { createPrintQueue, type PrintQueue } from '../../../main/printing/queue.js';
import type { PrinterConfig, PrinterLink } from '../../../main/printing/types.js';
import { openDatabase, type Db } from '../../../main/store/connection.js';
import { enqueueJob, getJob } from '../../../main/store/print-jobs.js';
import { waitFor } from '../../helpers/wait.js';
import { BLIND_SPOOLER, DEVICE, fakeLink, SPOOLER } from './fake-link.js';

// What the queue records once a transport took a job, by what the transport can know.

const printer = (statusProbe: PrinterConfig['statusProbe'] = 'best-effort'): PrinterConfig => ({
  id: 'p', name: 'P', type: 'epson', interface: 'file:///dev/usb/lp0', width: 48, statusProbe, copies: 1,
});

let db: Db;
let queue: PrintQueue | undefined;
afterEach(async () => {
  await queue?.stop();
  db.close();
});

function run(config: PrinterConfig, link: PrinterLink): number {
  db = openDatabase(':memory:');
  const id = enqueueJob(db, { orderId: null, printerId: 'p', kind: 'test', version: 'v', payload: { order: null }, now: new Date().toISOString() })!;
  queue = createPrintQueue({ db, printer: config, link, clock: systemClock, random: () => 0.5, render: () => ({ bytes: Buffer.from('x') }), recheckMs: 20, backoff: { baseMs: 60_000, capMs: 60_000 } });
  queue.start();
  return id;
}

describe('the queue after a transport took a job', () => {
  it('a device gone right after a buffered write: the job may not have printed, re-sent with the banner', async () => {
    const id = run(printer(), fakeLink(DEVICE, [{ state: 'ready' }, { state: 'unreachable', reason: 'printer unplugged' }], { ok: true }));
    await waitFor('uncertain, then held while the printer is away', () => getJob(db, id)?.state === 'held');
    expect(getJob(db, id)).toMatchObject({ possibleDuplicate: true, lastError: 'unreachable: printer unplugged' });
    expect(queue!.state()).toMatchObject({ lastError: 'unreachable: printer unplugged right after the job: it may not have printed in full', delivery: 'sent' });
  });

  it('a spooler whose queue is ready has only been sent the job until it confirms it', async () => {
    const id = run(printer(), fakeLink(SPOOLER, [{ state: 'ready' }], { ok: true }));
    await waitFor('sent', () => getJob(db, id)?.state === 'sent');
    expect(queue!.state().delivery).toBe('sent');
  });

  it('a spooler that completed the job: confirmed', async () => {
    const id = run(printer(), fakeLink(SPOOLER, [{ state: 'ready' }], { ok: true, confirmed: true }));
    await waitFor('confirmed', () => getJob(db, id)?.state === 'confirmed');
    expect(queue!.state().delivery).toBe('confirmed');
  });

  it('required probing on a transport that cannot read status holds, saying what to change', async () => {
    const id = run(printer('required'), fakeLink(BLIND_SPOOLER, [{ state: 'unknown' }], { ok: true, confirmed: true }));
    await waitFor('held', () => getJob(db, id)?.state === 'held');
    expect(getJob(db, id)?.lastError).toBe("not answering status requests: this transport cannot read the printer's status (use statusProbe best-effort or off)");
  });
});
