import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../common/settings.js';
import { hasSocat, startPtyPair, type PtyPair } from '../../dev/virtual-printer/pty-pair.js';
import { createVirtualPrinter, type VirtualPrinter } from '../../dev/virtual-printer/virtual-printer.js';
import { waitFor } from '../helpers/wait.js';
import { SCREENSHOTS, startHarness, type Harness } from '../integration/window-api/support/harness.js';

// Setting up printers without typing an address, in Chromium against the real core: the printers the
// core discovers (a fake `lpstat` on its PATH, a socat pty as a serial port, a USB device name) are
// offered by name, one is test-printed before anything is saved, a network printer is given by IP.

const LPSTAT = 'device for Kitchen_TM: usb://EPSON/TM-T20III?serial=X5\ndevice for Bar: socket://192.168.1.9';

const SIZES = [
  { name: '1366x768', width: 1366, height: 768 },
  { name: '1024x600', width: 1024, height: 600 },
] as const;

/** The window at both sizes, scrolled so that `what` is in view. */
async function shootAt(page: Page, name: string, what: Locator): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await what.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size.name}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

const savedSettings = (h: Harness): Settings => JSON.parse(readFileSync(join(h.dataDir, 'settings.json'), 'utf8')) as Settings;

describe.skipIf(!hasSocat)('printer set-up in settings', () => {
  let h: Harness;
  let pty: PtyPair;
  let serialPrinter: VirtualPrinter;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'printer-setup-'));
    pty = await startPtyPair(dir);
    serialPrinter = await createVirtualPrinter();
    await serialPrinter.attachSerial(pty.b);
    h = await startHarness({
      configured: false,
      discovery: { lpstat: LPSTAT, serialPorts: [{ path: pty.a, manufacturer: 'Prolific' }], deviceNames: { '/dev/usb': ['lp0', 'hiddev0'], '/dev': [] } },
    });
    await h.page.locator('#tab-settings').click();
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    await serialPrinter?.stop();
    await pty?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const row = (index: number): Locator => h.page.locator(`.printer-row[data-printer-index="${index}"]`);

  it('offers the printers this computer reaches by names a person understands', async () => {
    const summary = h.page.locator('[data-found-summary]');
    await waitFor('what was found to be summarised', async () => (await summary.textContent())?.startsWith('Found on this computer'));
    expect(await summary.textContent()).toBe('Found on this computer: CUPS: Kitchen_TM, CUPS: Bar, USB printer (lp0), and Serial port printer-a. Add each printer the kitchen uses, print a test page, then save.');
    await shootAt(h.page, 'settings-printers-found', h.page.locator('.printer-setup'));
    await h.page.locator('#add-printer').click();
    const choice = row(0).locator('select[name="printer-choice"]');
    await waitFor('the printers to be listed', async () => (await choice.locator('optgroup option').count()) > 0);
    expect(await choice.locator('optgroup option').allTextContents()).toEqual(['CUPS: Kitchen_TM', 'CUPS: Bar', 'USB printer (lp0)', 'Serial port printer-a']);
    expect(await choice.locator('option').allTextContents()).toContain('Network printer (by IP address)');
    // The technical id and the raw address are not in sight.
    expect(await row(0).locator('input[name="id"]').count()).toBe(0);
    expect(await row(0).locator('input[name="interface"]').isVisible()).toBe(false);

    await h.page.locator('#save-settings').click();
    await expect(h.page.locator('[data-error-for="printers.0.interface"]').textContent()).resolves.toBe('Choose the printer from the list, or "Network printer" to type its IP address.');
    await choice.selectOption({ label: 'CUPS: Kitchen_TM' });
    // The picker's error goes with the pick, before any save; the empty name keeps its own.
    await expect(h.page.locator('[data-error-for="printers.0.interface"]').textContent()).resolves.toBe('');
    await expect(h.page.locator('[data-error-for="printers.0.name"]').textContent()).resolves.not.toBe('');
    await expect(row(0).locator('[data-finder-note]').textContent()).resolves.toBe('usb://EPSON/TM-T20III?serial=X5');
    await row(0).locator('.advanced summary').click();
    await expect(row(0).locator('input[name="interface"]').inputValue()).resolves.toBe('cups://Kitchen_TM');
    await shootAt(h.page, 'settings-printer-list', h.page.locator('.printer-setup'));
  });

  it('test-prints a picked serial printer before saving, at the paper width chosen', async () => {
    await row(0).locator('input[name="name"]').fill('Kitchen');
    await row(0).locator('select[name="printer-choice"]').selectOption({ label: 'Serial port printer-a' });
    await expect(row(0).locator('select[name="speed"]').isVisible()).resolves.toBe(true);
    await row(0).locator('select[name="speed"]').selectOption('115200');
    await expect(row(0).locator('input[name="interface"]').inputValue()).resolves.toBe(`serial://${pty.a}?baud=115200`);
    await row(0).getByText('58 mm').click();
    await row(0).locator('.test-print').click();
    const result = row(0).locator('.test-result');
    // Told either way, then read: a refusal fails here with its own sentence, not as a timeout.
    await waitFor('the test print to be told', async () => /\b(ok|bad)\b/.test((await result.getAttribute('class')) ?? ''), { timeoutMs: 20_000 });
    expect(await result.textContent()).toMatch(/^The test ticket was sent to Serial port printer-a; the printer answered and its paper is fine; check that every line/);
    const [ticket] = await serialPrinter.waitForTickets(1);
    // The test page carries a line in every script: it prints as an image, 384 dots wide on 58 mm paper.
    expect(ticket!.image?.width).toBe(384);
    expect(ticket!.image!.height).toBeGreaterThan(200);
    expect(savedSettings(h).printers).toEqual([]);
    await shootAt(h.page, 'settings-printer-picked', row(0));
  });

  it('says in words why a printer that is not there printed nothing', async () => {
    await h.page.locator('#add-printer').click();
    // The serial port the first printer uses is offered as taken, so nobody sets one printer up twice.
    await expect(row(1).locator('optgroup option').allTextContents()).resolves.toContain('Serial port printer-a (already chosen for Kitchen)');
    await row(1).locator('select[name="printer-choice"]').selectOption({ label: 'USB printer (lp0)' });
    await expect(row(0).locator('optgroup option').allTextContents()).resolves.toContain('USB printer (lp0) (already chosen for another printer)');
    await row(1).locator('.test-print').click();
    const result = row(1).locator('.test-result.bad');
    await result.waitFor();
    expect(await result.textContent()).toBe('Nothing was printed: printer unplugged: /dev/usb/lp0 does not exist (plug the printer in and switch it on).');
    await row(1).locator('.remove-printer').click();
    expect(await h.page.locator('.printer-row').count()).toBe(1);
  });

  it('refuses a bad IP address in a sentence, then saves a network printer as tcp://IP:9100 with an id made from its name', async () => {
    await h.page.locator('#add-printer').click();
    await row(1).locator('input[name="name"]').fill('Bar drinks');
    await row(1).locator('select[name="printer-choice"]').selectOption('network');
    await row(1).locator('input[name="ip"]').fill('192.168.1.300');
    await h.page.locator('#save-settings').click();
    const ipError = h.page.locator('[data-error-for="printers.1.ip"]');
    await expect(ipError.textContent()).resolves.toBe('"192.168.1.300" is not an IP address: each of its four numbers is between 0 and 255.');
    // Only the sentence: not the schema's "malformed printer URI" about the address it could not make.
    expect(await h.page.locator('[data-error-for="printers.1.interface"]').textContent()).toBe('');
    expect(await h.page.locator('.form-errors').textContent()).toBe('');
    await row(1).locator('.test-print').click();
    await expect(row(1).locator('.test-result.bad').textContent()).resolves.toContain('between 0 and 255');
    expect(savedSettings(h).printers).toEqual([]);
    await shootAt(h.page, 'settings-bad-ip', row(1));

    // An address typed under Advanced replaces the IP address above, and its error goes with it before any save.
    await row(1).locator('.advanced summary').click();
    await row(1).locator('input[name="interface"]').fill('tcp://192.168.1.50:9100');
    await expect(ipError.textContent()).resolves.toBe('');
    await expect(row(1).locator('input[name="ip"]').inputValue()).resolves.toBe('192.168.1.50');
    await h.page.locator('#save-settings').click();
    await h.page.locator('.toast.ok').first().waitFor();
    expect(await ipError.textContent()).toBe('');
    expect(savedSettings(h).printers).toEqual([
      { id: 'kitchen', name: 'Kitchen', type: 'epson', interface: `serial://${pty.a}?baud=115200`, width: 32, copies: 1 },
      { id: 'bar-drinks', name: 'Bar drinks', type: 'epson', interface: 'tcp://192.168.1.50:9100', width: 48, copies: 1 },
    ]);
    await expect(row(1).locator('.advanced').textContent()).resolves.toContain('Printer id: bar-drinks');
  });

  it('keeps a saved printer\'s id when it is renamed, and finds its serial port again after "Look again"', async () => {
    await row(0).locator('input[name="name"]').fill('Hot kitchen');
    await row(0).locator('.look-again').click();
    await waitFor('the list to come back', async () => (await row(0).locator('optgroup option').count()) === 4);
    await expect(row(0).locator('select[name="printer-choice"]').inputValue()).resolves.toBe(`serial://${pty.a}?baud=9600`);
    await expect(row(0).locator('select[name="speed"]').inputValue()).resolves.toBe('115200');
    await h.page.locator('#save-settings').click();
    await waitFor('the rename saved', () => savedSettings(h).printers[0]?.name === 'Hot kitchen');
    expect(savedSettings(h).printers.map((p) => [p.id, p.name, p.interface])).toEqual([
      ['kitchen', 'Hot kitchen', `serial://${pty.a}?baud=115200`],
      ['bar-drinks', 'Bar drinks', 'tcp://192.168.1.50:9100'],
    ]);
    await shootAt(h.page, 'settings-printers-saved', h.page.locator('.printer-setup'));
  });

  it('names another saved printer as the backup, and refuses a loop in a sentence on the field', async () => {
    await row(0).locator('select[name="backup"]').selectOption('bar-drinks');
    await row(0).locator('input[name="backupAfterSeconds"]').fill('45');
    await row(1).locator('select[name="backup"]').selectOption('kitchen');
    await h.page.locator('#save-settings').click();
    const loop = h.page.locator('[data-error-for="printers.0.backup"]');
    await expect(loop.textContent()).resolves.toBe('backup printers go round in a loop: kitchen → bar-drinks → kitchen');
    expect(savedSettings(h).printers.map((p) => p.backup)).toEqual([undefined, undefined]);
    await shootAt(h.page, 'settings-backup-loop', row(0).locator('input[name="copies"]'));

    await row(1).locator('select[name="backup"]').selectOption('');
    await h.page.locator('#save-settings').click();
    await waitFor('the backup saved', () => savedSettings(h).printers[0]?.backup === 'bar-drinks');
    expect(savedSettings(h).printers.map((p) => [p.id, p.backup, p.backupAfterSeconds])).toEqual([
      ['kitchen', 'bar-drinks', 45],
      ['bar-drinks', undefined, undefined],
    ]);
    await expect(row(0).locator('select[name="backup"] option:checked').textContent()).resolves.toBe('Bar drinks');
  });
});
