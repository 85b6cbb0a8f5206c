import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTcpLink } from '../../../main/printing/transports/tcp.js';
import { createVirtualPrinter, type VirtualPrinter } from '../../../dev/virtual-printer/virtual-printer.js';
import { closedPort, ticketBytes } from './helpers.js';

let printer: VirtualPrinter;

beforeEach(async () => {
  printer = await createVirtualPrinter();
});
afterEach(async () => {
  await printer.stop();
});

describe('tcp link against the virtual printer', () => {
  it('delivers a ticket whose bytes decode to the text sent', async () => {
    const link = createTcpLink(printer.url);
    const bytes = ticketBytes(['ORDER #7', '1x Teh Tarik']);
    expect(await link.send(bytes)).toEqual({ ok: true });
    const [ticket] = await printer.waitForTickets(1);
    expect(ticket!.text).toBe('ORDER #7\n1x Teh Tarik\n');
    expect(ticket!.raw.equals(bytes.subarray(0, bytes.length - 2))).toBe(true);
  });

  it('probes each simulated state', async () => {
    const link = createTcpLink(printer.url);
    expect(await link.probe()).toEqual({ state: 'ready' });
    printer.setState('paper-out');
    expect(await link.probe()).toEqual({ state: 'paper-out' });
    printer.setState('cover-open');
    expect(await link.probe()).toEqual({ state: 'cover-open' });
    printer.setState('ok');
    printer.setSilent(true);
    expect(await createTcpLink(printer.url, { statusTimeoutMs: 100 }).probe()).toEqual({ state: 'unknown' });
    expect(printer.statusRequests()).toBe(16);
  });

  it('discards a job sent while out of paper', async () => {
    printer.setState('paper-out');
    expect(await createTcpLink(printer.url).send(ticketBytes(['LOST']))).toEqual({ ok: true });
    printer.setState('ok');
    await createTcpLink(printer.url).send(ticketBytes(['AFTER']));
    const tickets = await printer.waitForTickets(1);
    expect(tickets.map((t) => t.text)).toEqual(['AFTER\n']);
  });

  it('reports delivered "none" when nothing listens', async () => {
    const link = createTcpLink(`tcp://127.0.0.1:${await closedPort()}`);
    expect(await link.send(Buffer.from('x'))).toMatchObject({ ok: false, delivered: 'none' });
    expect(await link.probe()).toMatchObject({ state: 'unreachable' });
  });

  it('reports delivered "unknown" when the printer drops the connection mid-job', async () => {
    printer.dropNextJobAfter(20);
    const outcome = await createTcpLink(printer.url).send(ticketBytes(['FIRST LINE OF A TICKET', 'SECOND LINE']));
    expect(outcome).toMatchObject({ ok: false, delivered: 'unknown' });
    expect(printer.tickets()).toEqual([]);
    expect(printer.fragments().map((f) => f.text)).toEqual(['FIRST LINE OF A T']);
  });

  it('reports delivered "unknown" when the printer takes too long', async () => {
    printer.setSlow(300);
    const outcome = await createTcpLink(printer.url, { writeTimeoutMs: 100 }).send(ticketBytes(['SLOW']));
    expect(outcome).toMatchObject({ ok: false, delivered: 'unknown' });
  });

  it('runs out of paper in the middle of a job', async () => {
    printer.runOutOfPaperAfter(12);
    const link = createTcpLink(printer.url);
    expect(await link.send(ticketBytes(['HALF OF THIS TICKET']))).toEqual({ ok: true });
    expect(await link.probe()).toEqual({ state: 'paper-out' });
    expect(printer.tickets()).toEqual([]);
    expect(printer.fragments().map((f) => f.text)).toEqual(['HALF OF T']);
  });
});
