import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import { SCREENSHOTS, startHarness, type Harness } from '../integration/window-api/support/harness.js';
import { backToBoard, cardOf, openCard } from './cards.js';
import { shoot } from './screenshots.js';

// "86" from the board, in Chromium against the real core and the simulated klikit: Sold out on a
// card's line, the Out of stock list, the OUT OF STOCK flag of a new order on its card and on the
// ticket the kitchen printer gets, items klikit cannot mark, and one tap to bring an item back.

const BRAND = { id: 5297, title: '(DEMO) Cimol Bojot AA' };
const line = (name: string, sku: string | null, quantity = 1) => ({ name, quantity, modifier_groups: [], brand: BRAND, ...(sku ? { klikit_sku_id: sku } : {}) });

const FIRST = 71400001;
const SECOND = 71400002;
const UNMAPPED = 71400003;
const NO_SKU = 71400004;
const CIMOL = 'Cimol Beef Porsi Besar';
const OFFLINE = 71400005;
const FAST_RETRIES = { timing: { apiBackoffBaseMs: 100, apiBackoffCapMs: 500, apiTimeoutMs: 2_000, reconcileIntervalMs: 3_600_000 } };

describe('86 from the board', () => {
  let h: Harness;
  const page = () => h.page;
  const patches = (sku: string) => h.sim!.availabilityPatches().filter((p) => p.sku === sku);

  beforeAll(async () => {
    h = await startHarness({ klikit: true, overrides: FAST_RETRIES });
    await h.postOrder(FIRST, { cart_v2: [line(CIMOL, 'CBA001', 2), line('Es Teh Manis', 'CBA004')] });
    await cardOf(h.page, FIRST).waitFor({ timeout: 10_000 });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(() => backToBoard(h.page));

  it('marks an item sold out from a card: one PATCH with a key, and the Out of stock list says klikit confirmed', async () => {
    await cardOf(page(), FIRST).locator('.sold-out-card').click();
    const dialog = page().locator('#stock-dialog[open]');
    // The dialog opens after the click is handled: wait for its last line before reading them all.
    await dialog.locator('.stock-pick').nth(1).waitFor();
    await expect(dialog.locator('.stock-pick').allTextContents()).resolves.toEqual([`2× ${CIMOL}`, '1× Es Teh Manis']);
    await shoot(page(), 'eighty-six-pick');
    await dialog.locator('.stock-pick', { hasText: CIMOL }).click();
    // The question follows a fresh read of what is marked: wait for it, then read it whole.
    await dialog.locator('[data-duration="hour"]').waitFor();
    await expect(dialog.locator('h2').textContent()).resolves.toBe(`${CIMOL} is sold out?`);
    await shoot(page(), 'eighty-six-ask');
    await dialog.locator('[data-duration="hour"]').click();
    await page().locator('.toast.ok', { hasText: `${CIMOL} is out of stock until` }).waitFor();
    await waitFor('klikit to hold the item out of stock', () => h.sim!.availability.available('CBA001') === false);
    expect(patches('CBA001')).toEqual([{ sku: 'CBA001', idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/), body: '{"available":false}' }]);

    await page().locator('#tab-stock').click();
    const row = page().locator('#stock-list .stock-item[data-sku="CBA001"]');
    await row.locator('.klikit-confirmed').waitFor();
    await expect(row.locator('.stock-name').textContent()).resolves.toBe(CIMOL);
    // An hour from late evening ends after midnight, which the list says as "tomorrow".
    await expect(row.locator('.stock-when').textContent()).resolves.toMatch(/^Out since \d\d:\d\d · back (tomorrow )?at \d\d:\d\d$/);
    await expect(row.locator('.stock-klikit').textContent()).resolves.toBe('klikit confirmed');
    await expect(page().locator('#tab-stock').textContent()).resolves.toBe('Out of stock (1)');
    await page().locator('#tab-queue').click();
  });

  it('flags a new order with the item on its card and on the kitchen ticket', async () => {
    await h.postOrder(SECOND, { cart_v2: [line('Es Teh Manis', 'CBA004'), line(CIMOL, 'CBA001')] });
    const card = cardOf(page(), SECOND);
    await card.locator('.mark-oos').waitFor({ timeout: 10_000 });
    await expect(card.locator('.mark-oos').textContent()).resolves.toBe(`OUT OF STOCK: ${CIMOL} — tell the customer before cooking`);
    await expect(card.locator('.line-oos').count()).resolves.toBe(1);
    // The order that came before the mark is not flagged.
    await expect(cardOf(page(), FIRST).locator('.mark-oos').count()).resolves.toBe(0);
    await page().evaluate(`document.querySelector('#queue [data-order-id="${SECOND}"]').scrollIntoView({ block: 'center' })`);
    await shoot(page(), 'eighty-six-flagged-card');

    const tickets = await h.printer.waitForTickets(2);
    const flagged = tickets.find((t) => t.text.includes(String(SECOND)))!;
    writeFileSync(join(SCREENSHOTS, 'eighty-six-ticket.txt'), flagged.text);
    const rows = flagged.text.split('\n').map((r) => r.trim());
    // A cook reads the box before the items: what is out, and whom to ask.
    const box = rows.indexOf('OUT OF STOCK');
    expect(box).toBeGreaterThan(-1);
    expect(rows[box + 1]).toBe(`OUT OF STOCK: ${CIMOL}`);
    expect(rows[box + 2]).toBe('Ask the cashier before cooking');
    // And on the item itself, where the cook's eye lands when cooking.
    expect(rows.indexOf(`(OUT OF STOCK) 1 x ${CIMOL}`)).toBeGreaterThan(box + 2);
    expect(rows).toContain('1 x Es Teh Manis');
    const first = tickets.find((t) => t.text.includes(String(FIRST)))!;
    expect(first.text).not.toContain('OUT OF STOCK');

    // The detail says it too, and has a Sold out for each line.
    await openCard(page(), SECOND);
    await expect(page().locator('#detail[open] #detail-oos').textContent()).resolves.toBe(`OUT OF STOCK: ${CIMOL} — tell the customer before cooking`);
    await expect(page().locator('#detail[open] .detail-items .sold-out').count()).resolves.toBe(2);
    await page().locator('#detail-close').click();
  });

  it('says in words why an item cannot be marked: no SKU on the line, or a SKU klikit does not know', async () => {
    await h.postOrder(NO_SKU, { cart_v2: [line('Kue Lapis Legit', null)] });
    await cardOf(page(), NO_SKU).locator('.sold-out-card').click();
    const dialog = page().locator('#stock-dialog[open]');
    await dialog.locator('#stock-dialog-reason:not([hidden])').waitFor();
    await expect(dialog.locator('[data-duration]').count()).resolves.toBe(0);
    await expect(dialog.locator('#stock-dialog-reason').textContent()).resolves.toBe('This item has no klikit menu code (SKU) on the order, so the bridge cannot mark it out of stock. Mark it in the klikit app.');
    await shoot(page(), 'eighty-six-no-sku');
    await dialog.locator('.stock-cancel').click();

    await h.postOrder(UNMAPPED, { cart_v2: [line('Martabak Manis Spesial', 'NOT-MAPPED-7')] });
    await cardOf(page(), UNMAPPED).locator('.sold-out-card').click();
    await page().locator('#stock-dialog[open] [data-duration="tomorrow"]').click();
    await page().locator('#tab-stock').click();
    const row = page().locator('#stock-list .stock-item[data-sku="NOT-MAPPED-7"]');
    await row.locator('.klikit-refused').waitFor();
    await expect(row.locator('.stock-words').textContent()).resolves.toBe(
      'klikit does not know this item: its menu code (SKU) is not mapped in klikit, so it cannot be marked here. Mark it in the klikit app, and ask klikit to map the item.',
    );
    await expect(row.locator('.stock-when').textContent()).resolves.toMatch(/· back (tomorrow )?at 04:00$/);
    await shoot(page(), 'eighty-six-list');
  });

  it('keeps a mark made while klikit is out of reach, says so, and sends it once, with the same key after a dropped answer', async () => {
    await h.postOrder(OFFLINE, { cart_v2: [line('Cimol Original', 'CBA002')] });
    h.klikitLink!.setFault({ kind: 'drop' });
    await page().locator('#tab-queue').click();
    await cardOf(page(), OFFLINE).locator('.sold-out-card').click();
    await page().locator('#stock-dialog[open] [data-duration="manual"]').click();
    await page().locator('#tab-stock').click();
    const row = page().locator('#stock-list .stock-item[data-sku="CBA002"]');
    await row.locator('.stock-words', { hasText: 'klikit cannot be reached right now. The bridge keeps trying by itself.' }).waitFor({ timeout: 15_000 });
    await expect(row.locator('.stock-klikit').textContent()).resolves.toBe('Telling klikit…');
    await expect(row.locator('.stock-when').textContent()).resolves.toMatch(/· until someone turns it back on$/);
    await shoot(page(), 'eighty-six-offline');
    expect(patches('CBA002')).toHaveLength(0);
    // Back online, the first answer is lost on the way back: the retry carries the same key.
    h.klikitLink!.setFault({ kind: 'cut', afterBytes: 0, direction: 'toClient', once: true });
    await row.locator('.klikit-confirmed').waitFor({ timeout: 15_000 });
    const keys = patches('CBA002').map((p) => p.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(h.sim!.availability.available('CBA002')).toBe(false);
    await page().locator('#tab-queue').click();
  });

  it('finds an item by name and brings one back with one tap', async () => {
    await page().locator('#tab-stock').click();
    await page().locator('#stock-search').fill('teh');
    const match = page().locator('#stock-matches .stock-match[data-sku="CBA004"]');
    await match.waitFor();
    await expect(match.locator('.stock-brand').textContent()).resolves.toBe(BRAND.title);
    await shoot(page(), 'eighty-six-search');
    await page().locator('#stock-search').fill('');

    await page().locator('#stock-list .stock-item[data-sku="CBA001"] .stock-back').click();
    await waitFor('klikit to have the item back', () => h.sim!.availability.available('CBA001') === true);
    expect(patches('CBA001').map((p) => p.body)).toEqual(['{"available":false}', '{"available":true}']);
    await page().locator('#stock-list .stock-item[data-sku="CBA001"]').waitFor({ state: 'detached' });
    await expect(page().locator('#tab-stock').textContent()).resolves.toBe('Out of stock (2)');
  });
});
