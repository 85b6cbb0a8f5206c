import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualPrinter, type VirtualPrinter } from '../../dev/virtual-printer/virtual-printer.js';
import { waitFor } from '../helpers/wait.js';
import { startHarness, type Harness } from '../integration/window-api/support/harness.js';
import { acknowledgeCard } from './cards.js';
import { shoot } from './screenshots.js';

// A printer with no backup held past its grace: the banner says nothing prints its tickets and the
// chime rings, even with every order acknowledged; both stop when the printer is back. With a backup,
// the banner says where its tickets print meanwhile.

const ORDER = 71400001;

describe('a printer alarm in the window', () => {
  let h: Harness;
  const chiming = async (): Promise<boolean> => (await h.page.evaluate('document.body.dataset.chime')) === 'true';
  const alarmLine = () => h.page.locator('#banner [data-fault="kitchen"][data-alarm="true"]');

  beforeAll(async () => {
    h = await startHarness({ settings: { sound: true }, stations: [{ id: 'kitchen', name: 'Kitchen', backupAfterSeconds: 1 }] });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('rings and says so once the kitchen printer has been out of paper past its grace, and stops when it is back', async () => {
    h.printer.setState('paper-out');
    await h.postOrder(ORDER);
    await h.page.locator(`#queue [data-order-id="${ORDER}"]`).waitFor({ timeout: 10_000 });
    await acknowledgeCard(h.page, ORDER);

    await alarmLine().waitFor({ timeout: 15_000 });
    await expect(alarmLine().textContent()).resolves.toContain("Kitchen: PAPER OUT, tickets waiting — Nothing is printing Kitchen’s tickets: fix it now.");
    await waitFor('the chime for the alarm', chiming);
    await shoot(h.page, 'printer-alarm');

    h.printer.setState('ok');
    await waitFor('the ticket printed', () => h.printer.tickets().length === 1, { timeoutMs: 15_000 });
    await alarmLine().waitFor({ state: 'detached', timeout: 15_000 });
    await waitFor('the chime to stop', async () => !(await chiming()));
  }, 60_000);
});

describe('a printer handing its tickets to its backup, in the window', () => {
  let h: Harness;
  let kitchen: VirtualPrinter;
  let bar: VirtualPrinter;
  const line = () => h.page.locator('#banner [data-fault="kitchen"][data-backup="bar"]');

  beforeAll(async () => {
    kitchen = await createVirtualPrinter();
    bar = await createVirtualPrinter();
    const printer = (id: string, name: string, url: string) => ({ id, name, type: 'epson', interface: url, width: 48, copies: 1, statusProbe: 'best-effort' });
    h = await startHarness({ overrides: { printers: [{ ...printer('kitchen', 'Kitchen', kitchen.url), backup: 'bar', backupAfterSeconds: 1 }, printer('bar', 'Bar', bar.url)] } });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
    await kitchen?.stop();
    await bar?.stop();
  });

  it('says the kitchen\'s tickets print on the bar, stamped, and stops saying so when the kitchen is back', async () => {
    kitchen.setState('paper-out');
    await h.postOrder(ORDER + 1);
    await line().waitFor({ timeout: 15_000 });
    await expect(line().textContent()).resolves.toBe(
      'Kitchen: PAPER OUT — Its tickets print on Bar meanwhile, marked BACKUP FOR Kitchen: take them to Kitchen. New tickets come back here once it prints again. Load a new roll: the held tickets print by themselves.',
    );
    await waitFor('the ticket on the bar', () => bar.tickets().some((t) => t.text.includes('BACKUP FOR Kitchen')), { timeoutMs: 15_000 });
    await shoot(h.page, 'printer-backup-in-use');

    kitchen.setState('ok');
    await line().waitFor({ state: 'detached', timeout: 15_000 });
    expect(kitchen.tickets()).toHaveLength(0);
  }, 60_000);
});
