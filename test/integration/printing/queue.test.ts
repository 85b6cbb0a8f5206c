import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../ground/clock.js';
import { createPrintQueue, type PrintQueue, type RenderResult } from '../../../main/printing/queue.js';
import { createTcpLink } from '../../../main/printing/transports/tcp.js';
import type { PrinterConfig, PrinterLink } from '../../../main/printing/types.js';
import type { Db } from '../../../main/store/connection.js';
import { getJob, type PrintJob } from '../../../main/store/print-jobs.js';
import { createVirtualPrinter } from '../../../dev/virtual-printer/virtual-printer.js';
import { waitFor } from '../../helpers/wait.js';
import { closedPort, enqueue, jobStates, printedJobs, printerConfig, printingTestScope, renderStandIn } from './helpers.js';

const { defer, virtualPrinter, database, queueFor: queueOver } = printingTestScope();

/** A queue over TCP with short timeouts, so that dead and silent printers are found out quickly. */
function queueFor(db: Db, printer: PrinterConfig, render: (job: PrintJob) => RenderResult = renderStandIn): PrintQueue {
  const link = createTcpLink(printer.interface, { connectTimeoutMs: 500, statusTimeoutMs: 100 });
  return queueOver(db, printer, { link, render });
}

describe('print queue against the virtual printer', () => {
  it('prints every job once, in order, and marks them confirmed when the printer answers after each', async () => {
    const printer = await virtualPrinter();
    const db = database();
    const queue = queueFor(db, printerConfig('p1', printer.url));
    const ids = enqueue(db, 'p1', 3);
    queue.wake();
    const tickets = await printer.waitForTickets(3);
    expect(printedJobs(tickets.map((t) => t.text))).toEqual(ids.map((id) => ({ id, duplicate: false })));
    await waitFor('all sent', () => Object.values(jobStates(db)).every((s) => s === 'confirmed'));
    await waitFor('state settles', () => queue.state().depth === 0 && queue.state().lastPrintedAt);
    expect(queue.state()).toMatchObject({ printerId: 'p1', status: { state: 'ready' }, delivery: 'confirmed', depth: 0 });
  });

  it('holds on paper-out without printing, then resumes by itself and prints each job exactly once', async () => {
    const printer = await virtualPrinter();
    printer.setState('paper-out');
    const db = database();
    const queue = queueFor(db, printerConfig('p1', printer.url));
    const ids = enqueue(db, 'p1', 3);
    queue.wake();
    await waitFor('job held', () => getJob(db, ids[0]!)?.state === 'held');
    expect(getJob(db, ids[0]!)?.lastError).toBe('out of paper');
    expect(queue.state()).toMatchObject({ heldReason: 'out of paper', status: { state: 'paper-out' }, depth: 3 });
    expect(printer.tickets()).toEqual([]);

    printer.setState('ok');
    const tickets = await printer.waitForTickets(3);
    await waitFor('all sent', () => Object.values(jobStates(db)).every((s) => s === 'confirmed'));
    expect(printedJobs(tickets.map((t) => t.text))).toEqual(ids.map((id) => ({ id, duplicate: false })));
    expect(printer.tickets()).toHaveLength(3);
    expect(queue.state().heldReason).toBeUndefined();
  });

  it('asks the printer before every job: paper out right after a ticket holds the next one, never sent blind', async () => {
    const printer = await virtualPrinter();
    const db = database();
    const queue = queueFor(db, printerConfig('p1', printer.url));
    const [first] = enqueue(db, 'p1', 1);
    queue.wake();
    await waitFor('first ticket sent', () => getJob(db, first!)?.state === 'confirmed');

    printer.setState('paper-out');
    const [second] = enqueue(db, 'p1', 1, undefined, 'next');
    queue.wake();
    await waitFor('second ticket held', () => getJob(db, second!)?.state === 'held');
    expect(getJob(db, second!)).toMatchObject({ possibleDuplicate: false, attempts: 0 });

    printer.setState('ok');
    const tickets = await printer.waitForTickets(2);
    expect(printedJobs(tickets.map((t) => t.text))).toEqual([
      { id: first, duplicate: false },
      { id: second, duplicate: false },
    ]);
  });

  it('re-sends a job whose connection dropped mid-send exactly once, with POSSIBLE DUPLICATE', async () => {
    const printer = await virtualPrinter();
    const db = database();
    printer.dropNextJobAfter(10);
    const queue = queueFor(db, printerConfig('p1', printer.url));
    const [id] = enqueue(db, 'p1', 1);
    queue.wake();
    const tickets = await printer.waitForTickets(1);
    await waitFor('confirmed', () => getJob(db, id!)?.state === 'confirmed');
    expect(printer.fragments()).toHaveLength(1);
    expect(printedJobs(tickets.map((t) => t.text))).toEqual([{ id, duplicate: true }]);
    expect(getJob(db, id!)).toMatchObject({ possibleDuplicate: true, attempts: 1 });
    expect(printer.tickets()).toHaveLength(1);
  });

  it('treats a job as uncertain when the paper ran out during it, and reprints it with the banner', async () => {
    const printer = await virtualPrinter();
    const db = database();
    printer.runOutOfPaperAfter(8);
    const queue = queueFor(db, printerConfig('p1', printer.url));
    const [id] = enqueue(db, 'p1', 1);
    queue.wake();
    await waitFor('held after the paper ran out', () => getJob(db, id!)?.state === 'held');
    expect(getJob(db, id!)?.possibleDuplicate).toBe(true);
    expect(printer.tickets()).toEqual([]);
    printer.setState('ok');
    const tickets = await printer.waitForTickets(1);
    expect(printedJobs(tickets.map((t) => t.text))).toEqual([{ id, duplicate: true }]);
  });

  it('a dead printer does not delay another printer', async () => {
    const alive = await virtualPrinter();
    const db = database();
    const deadQueue = queueFor(db, printerConfig('dead', `tcp://127.0.0.1:${await closedPort()}`));
    const aliveQueue = queueFor(db, printerConfig('alive', alive.url));
    const [deadJob] = enqueue(db, 'dead', 1);
    deadQueue.wake();
    await waitFor('dead printer held', () => getJob(db, deadJob!)?.state === 'held');
    const started = Date.now();
    const [aliveJob] = enqueue(db, 'alive', 1);
    aliveQueue.wake();
    const tickets = await alive.waitForTickets(1);
    expect(Date.now() - started).toBeLessThan(500);
    expect(printedJobs(tickets.map((t) => t.text))).toEqual([{ id: aliveJob, duplicate: false }]);
    expect(deadQueue.state()).toMatchObject({ status: { state: 'unreachable' }, heldReason: expect.stringContaining('unreachable') });
  });

  it('prints to a silent clone with best-effort probing', async () => {
    const printer = await virtualPrinter();
    printer.setSilent(true);
    const db = database();
    const queue = queueFor(db, printerConfig('clone', printer.url, { statusProbe: 'best-effort' }));
    const [id] = enqueue(db, 'clone', 1);
    queue.wake();
    await printer.waitForTickets(1);
    await waitFor('sent', () => getJob(db, id!)?.state === 'sent');
    expect(queue.state()).toMatchObject({ status: { state: 'unknown' }, delivery: 'status unknown' });
  });

  it('remembers a silent clone: asked once for a burst, not around every job, and again after a failed job', async () => {
    const printer = await virtualPrinter();
    printer.setSilent(true);
    const db = database();
    const queue = queueFor(db, printerConfig('clone', printer.url, { statusProbe: 'best-effort' }));
    const burst = enqueue(db, 'clone', 20);
    queue.wake();
    const tickets = await printer.waitForTickets(20);
    expect(printedJobs(tickets.map((t) => t.text))).toEqual(burst.map((id) => ({ id, duplicate: false })));
    // One probe is four DLE EOT requests.
    expect(printer.statusRequests()).toBe(4);

    printer.dropNextJobAfter(5);
    const [cut] = enqueue(db, 'clone', 1, undefined, 'cut');
    queue.wake();
    await waitFor('re-sent with the banner', () => printer.tickets().length === 21);
    expect(printedJobs([printer.tickets()[20]!.text])).toEqual([{ id: cut, duplicate: true }]);
    expect(printer.statusRequests()).toBe(8);
  });

  it('remembers a silent clone across a restart: the first burst after the start waits for no status timeout', async () => {
    const printer = await virtualPrinter();
    printer.setSilent(true);
    const db = database();
    const before = queueFor(db, printerConfig('clone', printer.url, { statusProbe: 'best-effort' }));
    enqueue(db, 'clone', 1);
    before.wake();
    await printer.waitForTickets(1);
    await before.stop();
    expect(printer.statusRequests()).toBe(4);

    const after = queueFor(db, printerConfig('clone', printer.url, { statusProbe: 'best-effort' }));
    enqueue(db, 'clone', 5, undefined, 'after');
    after.wake();
    await printer.waitForTickets(6);
    expect(printer.statusRequests()).toBe(4);
  });

  it('forgets the silence once the printer answers: the next start asks it before the first job', async () => {
    const printer = await virtualPrinter();
    printer.setSilent(true);
    const db = database();
    const first = queueFor(db, printerConfig('clone', printer.url, { statusProbe: 'best-effort' }));
    enqueue(db, 'clone', 1);
    first.wake();
    await printer.waitForTickets(1);
    await first.stop();
    printer.setSilent(false);
    printer.dropNextJobAfter(5);
    const second = queueFor(db, printerConfig('clone', printer.url, { statusProbe: 'best-effort' }));
    enqueue(db, 'clone', 1, undefined, 'cut');
    second.wake();
    await waitFor('re-sent after the cut', () => printer.tickets().length === 2);
    await second.stop();
    const requestsBefore = printer.statusRequests();
    const third = queueFor(db, printerConfig('clone', printer.url, { statusProbe: 'best-effort' }));
    enqueue(db, 'clone', 1, undefined, 'third');
    third.wake();
    await printer.waitForTickets(3);
    expect(printer.statusRequests()).toBeGreaterThan(requestsBefore);
  });

  it('holds a silent clone with required probing', async () => {
    const printer = await virtualPrinter();
    printer.setSilent(true);
    const db = database();
    const queue = queueFor(db, printerConfig('clone', printer.url, { statusProbe: 'required' }));
    const [id] = enqueue(db, 'clone', 1);
    queue.wake();
    await waitFor('held', () => getJob(db, id!)?.state === 'held');
    expect(getJob(db, id!)?.lastError).toBe('not answering status requests');
    expect(printer.tickets()).toEqual([]);
  });

  it('retries a job that never reached the printer with backoff, without the banner', async () => {
    const port = await closedPort();
    const db = database();
    const queue = queueFor(db, printerConfig('p1', `tcp://127.0.0.1:${port}`, { statusProbe: 'off' }));
    const [id] = enqueue(db, 'p1', 1);
    queue.wake();
    // Between two tries the job rests as failed; on a slow machine the next try may already be under way
    // when it is read, so wait for a resting state after the second try rather than reading once.
    const resting = await waitFor('failed twice', () => {
      const job = getJob(db, id!);
      return job && job.attempts >= 2 && job.state === 'failed' ? job : undefined;
    });
    expect(resting).toMatchObject({ state: 'failed', possibleDuplicate: false });
    const printer = await createVirtualPrinter({ port });
    defer(() => printer.stop());
    const tickets = await printer.waitForTickets(1);
    expect(printedJobs(tickets.map((t) => t.text))).toEqual([{ id, duplicate: false }]);
  });

  it('stop() lets the job in flight finish', async () => {
    const printer = await virtualPrinter();
    printer.setSlow(150);
    const db = database();
    const queue = queueFor(db, printerConfig('p1', printer.url, { statusProbe: 'off' }));
    const [id] = enqueue(db, 'p1', 1);
    queue.wake();
    await waitFor('in flight', () => getJob(db, id!)?.state === 'sending');
    await queue.stop();
    expect(getJob(db, id!)?.state).toBe('sent');
    expect(printer.tickets()).toHaveLength(1);
  });

  it('holds on cover-open with its own reason', async () => {
    const printer = await virtualPrinter();
    printer.setState('cover-open');
    const db = database();
    const queue = queueFor(db, printerConfig('p1', printer.url));
    const [id] = enqueue(db, 'p1', 1);
    queue.wake();
    await waitFor('held', () => getJob(db, id!)?.state === 'held');
    expect(getJob(db, id!)?.lastError).toBe('cover open');
    printer.setState('ok');
    await printer.waitForTickets(1);
    await waitFor('confirmed', () => getJob(db, id!)?.state === 'confirmed');
  });

  it('a ticket that cannot be rendered fails for good, visibly, and does not block the next jobs', async () => {
    const printer = await virtualPrinter();
    const db = database();
    const [bad, good] = enqueue(db, 'p1', 2);
    const renders: number[] = [];
    const queue = queueFor(db, printerConfig('p1', printer.url), (job) => {
      renders.push(job.id);
      if (job.id === bad) throw new Error('no such order shape');
      return renderStandIn(job);
    });
    queue.wake();
    await printer.waitForTickets(1);
    const [late] = enqueue(db, 'p1', 1, new Date().toISOString(), 'late');
    queue.wake();
    const tickets = await printer.waitForTickets(2);
    expect(printedJobs(tickets.map((t) => t.text)).map((j) => j.id)).toEqual([good, late]);
    expect(renders.filter((id) => id === bad)).toHaveLength(1);
    expect(getJob(db, bad!)).toMatchObject({
      state: 'failed',
      attempts: 1,
      nextAttemptAt: null,
      lastError: 'cannot render the ticket: no such order shape',
    });
    await waitFor('depth excludes the failed job', () => queue.state().depth === 0);
  });

  it('keeps tickets in order: a job waiting out its retry is not overtaken by a later one', async () => {
    const printer = await virtualPrinter();
    const db = database();
    const config = printerConfig('p1', printer.url, { statusProbe: 'off' });
    const tcp = createTcpLink(config.interface, { connectTimeoutMs: 500, statusTimeoutMs: 100 });
    let refusals = 1;
    const link: PrinterLink = {
      capabilities: tcp.capabilities,
      probe: () => tcp.probe(),
      close: () => tcp.close(),
      send: async (bytes) => (refusals-- > 0 ? { ok: false, delivered: 'none', error: 'ECONNREFUSED' } : tcp.send(bytes)),
    };
    const ids = enqueue(db, 'p1', 3);
    // random 0.5 of a 400 ms base: the first job waits 200 ms, ample time for the others to overtake it.
    const queue = createPrintQueue({ db, printer: config, link, clock: systemClock, random: () => 0.5, render: renderStandIn, backoff: { baseMs: 400, capMs: 400 }, recheckMs: 50 });
    defer(async () => {
      await queue.stop();
      await link.close();
    });
    queue.start();
    await waitFor('first job failed', () => getJob(db, ids[0]!)?.state === 'failed');
    expect(getJob(db, ids[0]!)?.nextAttemptAt).not.toBeNull();
    const tickets = await printer.waitForTickets(3);
    expect(printedJobs(tickets.map((t) => t.text))).toEqual(ids.map((id) => ({ id, duplicate: false })));
  });
});
