import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../ground/clock.js';
import { createCandidateTester } from '../../../main/printing/candidate-test.js';
import { notADevice } from '../../../main/printing/transports/device-file.js';
import type { PrinterLink, PrinterStatus } from '../../../main/printing/types.js';
import { createVirtualPrinter, type VirtualPrinter } from '../../../dev/virtual-printer/virtual-printer.js';
import { hasSocat, startPtyPair } from '../../../dev/virtual-printer/pty-pair.js';
import { waitFor } from '../../helpers/wait.js';
import { buildTicket, renderRaster } from '../../../main/tickets/index.js';

// A test print from Settings before the printer is saved: through the real transports, at a virtual
// printer, and never into a file that is not a printer device.

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'candidate-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function virtualPrinter(): Promise<VirtualPrinter> {
  const printer = await createVirtualPrinter();
  cleanups.push(() => printer.stop());
  return printer;
}

const test = createCandidateTester({ clock: systemClock });

describe('test print of a printer not saved yet', () => {
  it('prints the test page at a network printer the way its tickets will print', async () => {
    const printer = await virtualPrinter();
    const outcome = await test({ interface: printer.url, type: 'epson', width: 48 });
    expect(outcome.ok).toBe(true);
    expect(outcome.message).toMatch(/^The test ticket was sent to Network printer 127\.0\.0\.1 \(port \d+\); the printer answered and its paper is fine; check that every line/);
    const [ticket] = await printer.waitForTickets(1);
    expect(ticket!.image?.width).toBe(576);
  });

  it('prints the test page in the printer language, else in the window language', async () => {
    const at = Date.parse('2026-06-24T12:10:00Z');
    const tester = createCandidateTester({ clock: { now: () => at }, language: () => 'id' });
    const expected = (language: string) => renderRaster(buildTicket({ kind: 'test', order: null }, { width: 48, printedAt: new Date(at).toISOString(), language }), { width: 48, dots: 576 }).bitmap;
    const printer = await virtualPrinter();
    expect((await tester({ interface: printer.url, type: 'epson', width: 48 })).ok).toBe(true);
    expect((await tester({ interface: printer.url, type: 'epson', width: 48, language: 'vi' })).ok).toBe(true);
    const [windowLanguage, own] = await printer.waitForTickets(2);
    const english = expected('en');
    for (const [ticket, language] of [[windowLanguage, 'id'], [own, 'vi']] as const) {
      // What the head printed is the page drawn in that language, up to its last black row.
      const bitmap = expected(language);
      const printed = Buffer.from(ticket!.image!.data);
      expect(ticket!.image!.height).toBeGreaterThan(bitmap.height - 8);
      expect(printed.equals(Buffer.from(bitmap.data).subarray(0, printed.length))).toBe(true);
      expect(Buffer.from(bitmap.data).equals(Buffer.from(english.data))).toBe(false);
    }
  });

  it('says what to check when a network printer does not answer', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const outcome = await test({ interface: `tcp://127.0.0.1:${port}`, type: 'epson', width: 48 });
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/^Not sent to Network printer 127\.0\.0\.1 \(port \d+\): unreachable: .*Check that the printer is switched on and on the same network as this computer/);
  });

  it('a network printer that answers out of paper says so, without advice about the network', async () => {
    const printer = await virtualPrinter();
    printer.setState('paper-out');
    const outcome = await test({ interface: printer.url, type: 'epson', width: 48 });
    expect(outcome).toEqual({ ok: false, message: `Not sent to Network printer 127.0.0.1 (port ${printer.port}): out of paper.` });
    expect(printer.tickets()).toEqual([]);
  });

  it('never writes into a file that is not a printer device, whatever the transport', async () => {
    const dir = workDir();
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'precious');
    for (const uri of [`file://${file}`, `serial://${file}?baud=9600`]) {
      const outcome = await test({ interface: uri, type: 'epson', width: 48 });
      expect(outcome).toEqual({ ok: false, message: `Nothing was printed: ${notADevice(file)}.` });
    }
    expect(await test({ interface: `file://${dir}`, type: 'epson', width: 48 })).toMatchObject({ ok: false, message: expect.stringContaining('is not a printer device') });
    expect(readFileSync(file, 'utf8')).toBe('precious');
  });

  it('says a USB printer that is not there is unplugged', async () => {
    const path = join(workDir(), 'lp9');
    expect(await test({ interface: `file://${path}`, type: 'star', width: 32 })).toEqual({
      ok: false,
      message: `Nothing was printed: printer unplugged: ${path} does not exist (plug the printer in and switch it on).`,
    });
  });

  it.skipIf(!hasSocat)('prints at a printer on a device (a pty), as a USB printer is', async () => {
    const pair = await startPtyPair(workDir());
    cleanups.push(() => pair.stop());
    const printer = await virtualPrinter();
    cleanups.push(await printer.attachSerial(pair.b));
    const outcome = await test({ interface: `file://${pair.a}`, type: 'epson', width: 32 });
    expect(outcome).toMatchObject({ ok: true, message: expect.stringMatching(/^The test ticket was sent to Device /) });
    const [ticket] = await printer.waitForTickets(1);
    expect(ticket!.image?.width).toBe(384);
  });

  it('runs one test at a time: a second never opens the printer while the first is printing', async () => {
    let open = 0;
    let most = 0;
    const releases: Array<() => void> = [];
    const link = (): PrinterLink => {
      open++;
      most = Math.max(most, open);
      return {
        capabilities: { readsStatus: true, confirms: false, receiptProof: true },
        probe: async (): Promise<PrinterStatus> => ({ state: 'ready' }),
        send: () => new Promise((resolve) => releases.push(() => resolve({ ok: true }))),
        close: async () => {
          open--;
        },
      };
    };
    const serial = createCandidateTester({ clock: systemClock, linkFor: link });
    const first = serial({ interface: 'tcp://10.0.0.1:9100', type: 'epson', width: 48 });
    const second = serial({ interface: 'tcp://10.0.0.2:9100', type: 'epson', width: 48 });
    await waitFor('the first job to be sending', () => releases.length === 1);
    releases.shift()!();
    await first;
    await waitFor('the second job to be sending', () => releases.length === 1);
    releases.shift()!();
    await expect(second).resolves.toMatchObject({ ok: true });
    expect(most).toBe(1);
  });
});
