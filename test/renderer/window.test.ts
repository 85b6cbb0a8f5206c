import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/store/connection.js';
import { waitFor } from '../helpers/wait.js';
import { SCREENSHOTS, startHarness, type Harness } from '../integration/window-api/support/harness.js';
import { isNew } from './cards.js';

// The renderer as it ships, in Chromium, against the real core in a child process.

describe('the queue window against the real core', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('shows a new order within a second of the webhook, printed', async () => {
    const started = await h.postOrder(80001);
    const row = h.page.locator('[data-order-id="80001"]');
    await row.waitFor({ timeout: 1_000 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(1_000);
    await expect(row.getAttribute('class')).resolves.toContain('order-new');
    await expect(row.locator('.order-id').textContent()).resolves.toContain('#80001');

    const [ticket] = await h.printer.waitForTickets(1);
    expect(ticket!.text).toContain('80001');
    await waitFor('the row to say printed', async () => (await row.locator('.print-printed').count()) === 1);
    await h.page.screenshot({ path: join(SCREENSHOTS, 'queue-new-order.png') });
  });

  it('acknowledges on a tap, opens the ticket on the next, and reprints', async () => {
    await h.page.locator('[data-order-id="80001"]').click();
    await waitFor('the card settled', async () => !(await isNew(h.page, 80001)));
    expect(await h.page.locator('#detail[open]').count()).toBe(0);
    await h.page.locator('[data-order-id="80001"]').click();
    await h.page.locator('#ticket-preview .ticket').waitFor();
    await expect(h.page.locator('#ticket-preview').textContent()).resolves.toContain('80001');
    await h.page.screenshot({ path: join(SCREENSHOTS, 'order-detail.png') });

    const db = openDatabase(join(h.dataDir, 'bridge.db'));
    try {
      await waitFor('acknowledged_at in the database', () => (db.prepare('SELECT acknowledged_at FROM orders WHERE id = 80001').get() as { acknowledged_at: string | null }).acknowledged_at);
    } finally {
      db.close();
    }

    await h.page.locator('#reprint-button').click();
    const tickets = await h.printer.waitForTickets(2);
    expect(tickets[1]!.text).toContain('REPRINT');
    expect(tickets[1]!.text).toContain('80001');
    await h.page.locator('#detail-close').click();
    await expect(h.page.locator('[data-order-id="80001"]').getAttribute('class')).resolves.not.toContain('order-new');
  });

  it('shows a paper-out banner that stays until the paper is back, then prints the held ticket', async () => {
    h.printer.setState('paper-out');
    await h.postOrder(80002);
    const banner = h.page.locator('#banner [data-fault="kitchen"]');
    await banner.waitFor({ timeout: 5_000 });
    await expect(banner.textContent()).resolves.toContain('PAPER OUT');
    await waitFor('the row to say held', async () => (await h.page.locator('[data-order-id="80002"] .print-held').count()) === 1);
    await h.page.screenshot({ path: join(SCREENSHOTS, 'paper-out.png') });

    h.printer.setState('ok');
    await banner.waitFor({ state: 'detached', timeout: 5_000 });
    expect(await h.page.locator('#banner').isHidden()).toBe(true);
    const tickets = await h.printer.waitForTickets(3);
    expect(tickets[2]!.text).toContain('80002');
  });

  it('prints a test ticket from settings and shows the result', async () => {
    const before = h.printer.tickets().length;
    await h.page.locator('#tab-settings').click();
    await h.page.locator('.printer-row .test-print').click();
    await waitFor('the test print result', async () => (await h.page.locator('[data-test-result="kitchen"]').textContent()) === 'test ticket sent to Kitchen');
    const tickets = await h.printer.waitForTickets(before + 1);
    // A line in every script: under the default `render: auto` the test page prints as an image.
    expect(tickets.at(-1)!.image?.width).toBe(576);
    await h.page.locator('#tab-problems').click();
    await h.page.locator('#problems').waitFor();
    await h.page.screenshot({ path: join(SCREENSHOTS, 'problems.png') });
    await h.page.locator('#tab-queue').click();
  });

  it('lists a long-named multi-brand order without breaking the layout', async () => {
    await h.postOrder(80003, { brands: [{ id: 1, title: 'Warung Nasi Bakar Ibu Sari Yang Sangat Terkenal Di Seluruh Jakarta Selatan' }, { id: 2, title: 'ร้านกาแฟ' }] });
    const row = h.page.locator('[data-order-id="80003"]');
    const rowBox = await waitFor('the row laid out', () => row.boundingBox());
    await row.focus();
    await h.page.keyboard.press('Enter');
    await waitFor('Enter to acknowledge the order', async () => !(await row.getAttribute('class'))?.includes('order-new'));
    await h.page.keyboard.press('Enter');
    await h.page.locator('#detail[open]').waitFor();
    await h.page.keyboard.press('Escape');
    await h.page.locator('#detail[open]').waitFor({ state: 'detached' });
    const pageWidth = await h.page.evaluate('document.documentElement.scrollWidth');
    expect(pageWidth).toBeLessThanOrEqual(1280);
    expect(rowBox!.width).toBeLessThanOrEqual(1280);
  });
});

describe('settings and first run', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ configured: false });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('says what to do next and explains every invalid field', async () => {
    await expect(h.page.locator('#setup-hint').isVisible()).resolves.toBe(true);
    await expect(h.page.locator('.conn').getAttribute('data-mode')).resolves.toBe('unconfigured');
    await h.page.locator('#tab-settings').click();
    await expect(h.page.locator('#next-steps').textContent()).resolves.toContain('relay URL');

    await h.page.locator('input[name="relayUrl"]').fill('http://not-a-websocket');
    await h.page.locator('input[name="branchIds"]').fill('12, abc');
    await h.page.locator('#add-printer').click();
    await h.page.locator('.printer-row select[name="printer-choice"]').selectOption('network');
    await h.page.locator('.printer-row input[name="ip"]').fill('192.168.1');
    await h.page.locator('#save-settings').click();

    const error = (field: string) => h.page.locator(`[data-error-for="${field}"]`).textContent();
    await expect(error('relayUrl')).resolves.toContain('wss://');
    await expect(error('branchIds')).resolves.not.toBe('');
    await expect(error('printers.0.name')).resolves.toContain('name');
    await expect(error('printers.0.ip')).resolves.toContain('not a complete IP address');
    await h.page.screenshot({ path: join(SCREENSHOTS, 'settings-errors.png'), fullPage: true });

    // Each error goes as soon as its field is fixed, before saving; an untouched field keeps its own.
    await h.page.locator('.printer-row input[name="name"]').fill('Kitchen');
    await expect(error('printers.0.name')).resolves.toBe('');
    await expect(h.page.locator('.printer-row [data-field="printers.0.name"]').getAttribute('class')).resolves.not.toContain('invalid');
    await expect(error('printers.0.ip')).resolves.toContain('not a complete IP address');
    await expect(error('relayUrl')).resolves.toContain('wss://');
    await h.page.locator('input[name="relayUrl"]').fill('wss://relay.example.com/v1/bridge');
    await h.page.locator('input[name="branchIds"]').fill('12');
    await h.page.locator('.printer-row input[name="ip"]').fill('127.0.0.1');
    await h.page.locator('.printer-row input[name="port"]').fill('9');
    await expect(h.page.locator('.field-error:not(:empty)').count()).resolves.toBe(0);
    await expect(h.page.locator('.field.invalid').count()).resolves.toBe(0);
    await h.page.locator('#save-settings').click();
    await h.page.locator('.toast.ok').waitFor();
    const saved = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(join(h.dataDir, 'settings.json'), 'utf8'))) as { relayUrl: string; printers: unknown[] };
    expect(saved.relayUrl).toBe('wss://relay.example.com/v1/bridge');
    expect(saved.printers).toHaveLength(1);

    await h.page.locator('input[name="relayToken"]').fill('tok-123');
    await h.page.locator('#save-settings').click();
    await h.page.locator('.toast.ok', { hasText: 'device token saved' }).waitFor();
    await waitFor('the token to show as set', async () => (await h.page.locator('[data-secret="relayToken"]').textContent()) === 'set');
    expect(await h.page.content()).not.toContain('tok-123');
  });
});
