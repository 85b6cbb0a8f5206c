import { describe, expect, it } from 'vitest';
import { createWindowsLink, describeWinspoolError, jobOutcome } from '../../../main/printing/transports/windows.js';
import type { Winspool } from '../../../main/printing/transports/winspool.js';

type Fault = { call: keyof Winspool; error: number };

/** A spooler that records every call and fails the ones it is told to, with GetLastError's code. */
function fakeWinspool(options: { fault?: Fault; jobStatuses?: (number | null)[]; goneError?: number; written?: number } = {}) {
  const calls: string[] = [];
  const spooled: Buffer[] = [];
  let lastError = 0;
  const statuses = [...(options.jobStatuses ?? [0x80])];
  const fails = (call: keyof Winspool): boolean => {
    if (options.fault?.call !== call) return false;
    lastError = options.fault.error;
    return true;
  };
  const api: Winspool = {
    openPrinter: (name) => (calls.push(`OpenPrinterW(${name})`), fails('openPrinter') ? null : { handle: 1 }),
    startDocPrinter: (_h, doc, type) => (calls.push(`StartDocPrinterW(${doc}, ${type})`), fails('startDocPrinter') ? 0 : 42),
    startPagePrinter: () => (calls.push('StartPagePrinter'), !fails('startPagePrinter')),
    writePrinter: (_h, bytes) => {
      calls.push(`WritePrinter(${bytes.length})`);
      if (fails('writePrinter')) return null;
      spooled.push(bytes);
      return options.written ?? bytes.length;
    },
    endPagePrinter: () => (calls.push('EndPagePrinter'), !fails('endPagePrinter')),
    endDocPrinter: () => (calls.push('EndDocPrinter'), !fails('endDocPrinter')),
    closePrinter: () => (calls.push('ClosePrinter'), true),
    jobStatus: (_h, id) => {
      calls.push(`GetJobW(${id})`);
      const status = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
      if (status === null) lastError = options.goneError ?? 87;
      return status;
    },
    lastError: () => lastError,
    printerNames: () => ['Kitchen'],
  };
  return { api, calls, spooled };
}

const link = (api: Winspool, platform: NodeJS.Platform = 'win32') =>
  createWindowsLink('Kitchen', { platform, loadWinspool: async () => api, confirmTimeoutMs: 200, pollMs: 1 });

describe('windows:// transport against a fake winspool', () => {
  it('sends a RAW job in the documented order and confirms it once the spooler printed it', async () => {
    const { api, calls, spooled } = fakeWinspool({ jobStatuses: [0x10, 0x80] });
    const bytes = Buffer.from('\x1b@KITCHEN\n');
    expect(await link(api).send(bytes)).toEqual({ ok: true, confirmed: true });
    expect(calls).toEqual([
      'OpenPrinterW(Kitchen)', 'StartDocPrinterW(kitchen ticket, RAW)', 'StartPagePrinter', 'WritePrinter(10)',
      'EndPagePrinter', 'EndDocPrinter', 'GetJobW(42)', 'GetJobW(42)', 'ClosePrinter',
    ]);
    expect(Buffer.concat(spooled)).toEqual(bytes);
  });

  it('confirms a job the spooler already removed after printing it', async () => {
    const { api } = fakeWinspool({ jobStatuses: [null], goneError: 87 });
    expect(await link(api).send(Buffer.from('x'))).toEqual({ ok: true, confirmed: true });
  });

  it('reports sent, not confirmed, when the job waits in the spooler (printer offline or out of paper)', async () => {
    expect(await link(fakeWinspool({ jobStatuses: [0x20] }).api).send(Buffer.from('x'))).toEqual({ ok: true });
    expect(await link(fakeWinspool({ jobStatuses: [0x8] }).api).send(Buffer.from('x'))).toEqual({ ok: true });
  });

  it('nothing printed when the printer cannot be opened or the document not started: a plain retry', async () => {
    const opened = fakeWinspool({ fault: { call: 'openPrinter', error: 1801 } });
    expect(await link(opened.api).send(Buffer.from('x'))).toEqual({
      ok: false, delivered: 'none', error: 'no Windows printer named "Kitchen" (check the exact name under Settings › Printers & scanners)',
    });
    expect(opened.calls).toEqual(['OpenPrinterW(Kitchen)']);
    const started = fakeWinspool({ fault: { call: 'startDocPrinter', error: 1804 } });
    expect(await link(started.api).send(Buffer.from('x'))).toMatchObject({ ok: false, delivered: 'none', error: expect.stringContaining('refuses RAW jobs') });
    expect(started.calls.at(-1)).toBe('ClosePrinter');
  });

  it('a failed or short write may have spooled part of the ticket: POSSIBLE DUPLICATE on the retry', async () => {
    const failed = fakeWinspool({ fault: { call: 'writePrinter', error: 1722 } });
    expect(await link(failed.api).send(Buffer.from('xyz'))).toEqual({
      ok: false, delivered: 'unknown', error: 'the Windows print spooler is not running (start the "Print Spooler" service)',
    });
    expect(failed.calls.slice(-3)).toEqual(['EndPagePrinter', 'EndDocPrinter', 'ClosePrinter']);
    expect(await link(fakeWinspool({ written: 1 }).api).send(Buffer.from('xyz'))).toEqual({
      ok: false, delivered: 'unknown', error: 'the spooler took 1 of 3 bytes',
    });
  });

  it('says clearly that it works only on Windows, without loading the spooler', async () => {
    let loaded = false;
    const linux = createWindowsLink('Kitchen', { platform: 'linux', loadWinspool: async () => ((loaded = true), fakeWinspool().api) });
    expect(await linux.send(Buffer.from('x'))).toMatchObject({ ok: false, delivered: 'none', error: expect.stringMatching(/only on Windows \(this computer runs linux\)/) });
    expect(await linux.probe()).toMatchObject({ state: 'unreachable' });
    expect(loaded).toBe(false);
  });

  it('maps spooler errors and job statuses', () => {
    expect(describeWinspoolError(5, 'K')).toMatch(/refused access/);
    expect(describeWinspoolError(1797, 'K')).toMatch(/reinstall the printer/);
    expect(describeWinspoolError(1234, 'K')).toBe('Windows spooler error 1234 on "K"');
    expect(jobOutcome(0x1000, 0)).toBe('confirmed');
    expect(jobOutcome(0x40, 0)).toBe('problem');
    expect(jobOutcome(0x10, 0)).toBeUndefined();
    expect(jobOutcome(null, 6)).toBeUndefined();
  });
});
