import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrinterSettings } from '../../common/settings.js';
import { waitFor } from '../helpers/wait.js';
import { startHarness, type Harness } from '../integration/window-api/support/harness.js';
import { openCard } from './cards.js';
import { shoot } from './screenshots.js';

// Stations and scheduled orders on the board, in Chromium against the real core: the station
// selector, UNROUTED orders on cards and in Problems, and when a scheduled order's ticket prints.

const BRAND = { id: 5297, title: '(DEMO) Cimol Bojot AA' };
const line = (name: string, category: string, quantity = 1) => ({ name, quantity, klikit_category_name: category, modifier_groups: [], brand: BRAND });

// The fixture's orders are klikit's own (provider 1): staff call them by their id.
const MIXED = 71300001;
const DRINKS = 71300002;
const DESSERT = 71300003;
const SCHEDULED = 71300004;

describe('stations and scheduled orders on the board', () => {
  let h: Harness;
  const card = (id: number) => h.page.locator(`#queue [data-order-id="${id}"]`);
  const shownIds = () => h.page.locator('#queue [data-order-id]').evaluateAll((cards) => cards.map((c) => Number(c.getAttribute('data-order-id'))));

  beforeAll(async () => {
    h = await startHarness({
      stations: [
        { id: 'kitchen', name: 'Kitchen', routes: { categories: ['Mains'] }, fallback: true },
        { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] } },
      ],
    });
    await h.postOrder(MIXED, { cart_v2: [line('Nasi Goreng Kampung', 'Mains', 2), line('Es Teh Manis', 'Drinks'), line('Kopi Tubruk', 'Drinks')] });
    await h.postOrder(DRINKS, { cart_v2: [line('Es Kopi Susu Gula Aren', 'Drinks', 3)] });
    await h.postOrder(DESSERT, { cart_v2: [line('Cimol Original', 'Mains'), line('Kue Lapis Legit', 'Desserts')] });
    const scheduledTime = new Date(Date.now() + 60 * 60_000).toISOString();
    await h.postOrder(SCHEDULED, { scheduled_time: scheduledTime, estimated_pickup_at: scheduledTime, preparation_time: 10, cart_v2: [line('Roti Bakar Cokelat Keju', 'Mains')] });
    for (const id of [MIXED, DRINKS, DESSERT, SCHEDULED]) await card(id).waitFor({ timeout: 10_000 });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('shows when a scheduled order’s kitchen ticket prints, on its card and in its detail', async () => {
    const printsAt = card(SCHEDULED).locator('.mark-scheduled');
    const text = (await printsAt.textContent()) ?? '';
    // The day too only when it is not today (a bridge running past midnight).
    const time = /^prints at (?:\S+ )?(\d\d):(\d\d)$/.exec(text);
    expect(time, text).not.toBeNull();
    // Scheduled in an hour, less 10 min preparation and the default 10 min lead: in about 40 minutes.
    const due = new Date(Date.now() + 40 * 60_000);
    const minutesOff = (Number(time![1]) * 60 + Number(time![2]) - (due.getHours() * 60 + due.getMinutes()) + 24 * 60) % (24 * 60);
    expect(Math.min(minutesOff, 24 * 60 - minutesOff)).toBeLessThanOrEqual(1);
    await card(SCHEDULED).locator('.badge', { hasText: /^slip printed$/ }).waitFor({ timeout: 5_000 });
    await expect(card(MIXED).locator('.mark-scheduled').count()).resolves.toBe(0);
    await h.page.evaluate(`document.querySelector('#queue [data-order-id="${SCHEDULED}"]').scrollIntoView({ block: 'center' })`);
    await shoot(h.page, 'scheduled-card');

    await openCard(h.page, SCHEDULED);
    await expect(h.page.locator('#detail[open] #detail-prints-at').textContent()).resolves.toBe(text);
    await h.page.locator('#detail-close').click();
  });

  it('flags an order with a line no station takes, on the card, the line and in Problems', async () => {
    await card(DESSERT).locator('.mark-unrouted').waitFor();
    await expect(card(DESSERT).locator('.line-unrouted').allTextContents()).resolves.toEqual(['1×UNROUTEDKue Lapis Legit']);
    await expect(card(MIXED).locator('.mark-unrouted').count()).resolves.toBe(0);

    await h.page.locator('#tab-problems').click();
    const link = h.page.locator(`.problem-unrouted [data-open-order="${DESSERT}"]`);
    await expect(link.textContent()).resolves.toBe(`Order #${DESSERT}`);
    await expect(h.page.locator('.problem-unrouted').count()).resolves.toBe(1);
    await expect(h.page.locator('.problem-unrouted .reason').textContent()).resolves.toContain('1× Kue Lapis Legit');
    await link.click();
    await h.page.locator('#detail[open] #detail-unrouted').waitFor();
    await h.page.locator('#detail-close').click();
    await h.page.locator('#tab-queue').click();
  });

  it('filters the board to one station’s orders and lines from the keyboard, and back to all', async () => {
    const select = h.page.locator('#station-filter');
    await expect(select.locator('option').allTextContents()).resolves.toEqual(['All stations', 'Kitchen', 'Bar']);
    await h.page.locator('#queue').click({ position: { x: 1, y: 1 } });
    await h.page.keyboard.press('t');
    await expect(h.page.evaluate('document.activeElement.id')).resolves.toBe('station-filter');
    await h.page.keyboard.press('ArrowDown');
    await h.page.keyboard.press('ArrowDown');
    await expect(select.inputValue()).resolves.toBe('bar');

    await expect(shownIds()).resolves.toEqual([MIXED, DRINKS]);
    await expect(card(MIXED).locator('.card-lines .item').allTextContents()).resolves.toEqual(['Es Teh Manis', 'Kopi Tubruk']);
    await expect(card(MIXED).locator('.other-stations').textContent()).resolves.toBe('+ 1 more at other stations');
    await shoot(h.page, 'board-station-bar');

    await select.selectOption('kitchen');
    await expect(shownIds()).resolves.toEqual([MIXED, DESSERT, SCHEDULED]);
    await expect(card(DESSERT).locator('.card-lines .item').allTextContents()).resolves.toEqual(['Cimol Original', 'UNROUTEDKue Lapis Legit']);

    await select.selectOption('');
    await expect(shownIds()).resolves.toEqual([MIXED, DRINKS, DESSERT, SCHEDULED]);
    await expect(card(MIXED).locator('.card-lines .item').count()).resolves.toBe(3);
  });

  // The core behind station bumps and held bumps lands with the order-actions work; here the window is
  // checked against the contract: the summaries are given those states and the calls are recorded.
  it('shows each station’s progress, bumps the chosen station with Ready, and offers Undo for the bump it held', async () => {
    await h.page.evaluate(`(() => {
      window.__calls = [];
      const undoUntil = new Date(Date.now() + 9500).toISOString();
      const real = window.bridge.listOrders;
      window.bridge.listOrders = async (args) => {
        const result = await real(args);
        if (!result.ok) return result;
        const bumped = window.__calls.some(([, a]) => a.orderId === ${DRINKS});
        for (const o of result.value) {
          if (o.id === ${MIXED}) o.stationsDone = ['bar'];
          if (o.id === ${DRINKS} && bumped) {
            o.active = false;
            o.lastAction = { action: 'ready', state: 'held', message: '', at: new Date().toISOString(), nextAttemptAt: null, undoUntil };
          }
        }
        return result;
      };
      window.bridge.orderAction = async (args) => { window.__calls.push(['orderAction', args]); return { ok: true, value: { ok: true, message: 'bumped', undoUntil } }; };
      window.bridge.recallAction = async (id) => { window.__calls.push(['recallAction', id]); return { ok: true, value: { ok: true, message: 'Back on the board' } }; };
    })()`);
    await h.postOrder(71300005, { cart_v2: [line('Teh Tarik', 'Drinks')] });
    await card(71300005).waitFor({ timeout: 10_000 });

    await expect(card(MIXED).locator('.station').allTextContents()).resolves.toEqual(['Kitchen: cooking', 'Bar: done ✓']);
    await card(DRINKS).locator('[data-action="ready"]').click();
    const undo = h.page.locator(`#undo-bar [data-undo-order="${DRINKS}"]`);
    await undo.waitFor();
    await expect(undo.locator('.undo-what').textContent()).resolves.toBe(`#${DRINKS} Ready`);
    await expect(undo.locator('.undo').textContent()).resolves.toMatch(/^Undo \d+ s$/);
    await card(DRINKS).waitFor({ state: 'detached' });
    await shoot(h.page, 'station-progress-and-undo');

    await h.page.locator('#station-filter').selectOption('kitchen');
    await expect(card(MIXED).locator('[data-action="ready"]').textContent()).resolves.toBe('Ready: Kitchen');
    await card(MIXED).locator('[data-action="ready"]').click();
    await undo.locator('.undo').click();
    const calls = await waitFor('the three calls', async () => {
      const c = (await h.page.evaluate('window.__calls')) as unknown[];
      return c.length >= 3 ? c : null;
    });
    expect(calls).toEqual([
      ['orderAction', { orderId: DRINKS, action: 'ready' }],
      ['orderAction', { orderId: MIXED, action: 'ready', station: 'kitchen' }],
      ['recallAction', { orderId: DRINKS, undoUntil: expect.any(String) }],
    ]);
    await h.page.locator('#station-filter').selectOption('');
  });
});

describe('editing a printer’s routes in Settings', () => {
  it('offers the categories of recent orders, saves the ticked ones and the board filters by the new station', async () => {
    const h = await startHarness();
    try {
      await h.postOrder(71300011, { cart_v2: [line('Nasi Goreng Kampung', 'Mains'), line('Es Teh Manis', 'Drinks')] });
      await h.postOrder(71300012, { cart_v2: [line('Cimol Original', 'Mains')] });
      await h.page.locator('#queue [data-order-id="71300012"]').waitFor({ timeout: 10_000 });
      await expect(h.page.locator('#station-filter').isHidden()).resolves.toBe(true);

      await h.page.locator('#tab-settings').click();
      const kitchen = h.page.locator('[data-printer-index="0"]');
      const categories = kitchen.locator('[data-route-key="categories"] .route-choice');
      await categories.first().waitFor();
      await expect(categories.allTextContents()).resolves.toEqual(['Drinks', 'Mains']);
      await expect(kitchen.locator('[data-route-key="brands"] .route-choice').allTextContents()).resolves.toEqual(['(DEMO) Cimol Bojot AA (5297)']);
      await kitchen.locator('input[name="route-categories"][value="Drinks"]').check();
      await kitchen.locator('[data-route-key="categories"]').scrollIntoViewIfNeeded();
      await shoot(h.page, 'settings-printer-routes');
      await h.page.locator('#save-settings').click();
      await h.page.locator('.toast.ok', { hasText: 'Settings saved' }).waitFor({ timeout: 5_000 });
      const saved = JSON.parse(readFileSync(join(h.dataDir, 'settings.json'), 'utf8')) as { printers: PrinterSettings[] };
      expect(saved.printers[0]!.routes).toEqual({ brands: [], categories: ['Drinks'], orderTypes: [], providers: [] });

      await h.page.locator('#tab-queue').click();
      const select = h.page.locator('#station-filter');
      await waitFor('the station selector', () => select.isVisible(), { timeoutMs: 15_000 });
      await expect(select.locator('option').allTextContents()).resolves.toEqual(['All stations', 'Kitchen']);
      await select.selectOption('kitchen');
      // The kitchen is the only printer: the mains no station takes fall back to it, marked UNROUTED.
      await expect(h.page.locator('#queue [data-order-id="71300011"] .card-lines .item').allTextContents()).resolves.toEqual(['UNROUTEDNasi Goreng Kampung', 'Es Teh Manis']);
      await expect(h.page.locator('#queue [data-order-id="71300012"] .card-lines .item').allTextContents()).resolves.toEqual(['UNROUTEDCimol Original']);
    } finally {
      await h.stop();
    }
  }, 60_000);
});
