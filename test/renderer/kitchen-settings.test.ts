import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPTANCE_DEFAULTS } from '../../common/acceptance.js';
import type { Settings } from '../../common/settings.js';
import { openDatabase } from '../../main/store/connection.js';
import { startHarness, type Harness } from '../integration/window-api/support/harness.js';
import { shoot } from './screenshots.js';

// Settings → Kitchen in Chromium against the real core, the relay and the simulated klikit: the owner
// chooses the undo time for Ready, when stations make an order READY and the late-order limit; the
// save restarts the bridge with them, and the board and Problems behave by them.

const FAST = { timing: { apiBackoffBaseMs: 100, apiBackoffCapMs: 500, apiTimeoutMs: 2_000, reconcileIntervalMs: 3_600_000 } };

describe('the kitchen settings against the real core', () => {
  let h: Harness;
  const error = (field: string) => h.page.locator(`[data-error-for="${field}"]`);
  const card = (id: number) => h.page.locator(`#queue [data-order-id="${id}"]`);

  beforeAll(async () => {
    h = await startHarness({ klikit: true, overrides: FAST });
    await h.page.locator('#tab-settings').click();
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('starts at the config file’s defaults, refuses out-of-bounds values in words, and drops an error once its field is fixed', async () => {
    const undo = h.page.locator('input[name="undoSeconds"]');
    const hours = h.page.locator('input[name="staleOrderHours"]');
    await expect(undo.inputValue()).resolves.toBe('10');
    await expect(h.page.locator('input[name="readyWhen"]:checked').getAttribute('value')).resolves.toBe('all-stations');
    await expect(hours.inputValue()).resolves.toBe('24');
    await shoot(h.page, 'settings-kitchen', '#kitchen-settings');

    await undo.fill('90');
    await hours.fill('');
    await h.page.locator('#save-settings').click();
    await expect(error('kitchen.undoSeconds').textContent()).resolves.toBe('at most 60 seconds: the rider is only called after this wait');
    await expect(error('kitchen.staleOrderHours').textContent()).resolves.toBe('enter a number of hours');
    await shoot(h.page, 'settings-kitchen-errors', '#kitchen-settings');

    // Fixing one field clears its error at once, before any save; the other, still empty, keeps its own.
    await undo.fill('45');
    await expect(error('kitchen.undoSeconds').textContent()).resolves.toBe('');
    await expect(h.page.locator('[data-field="kitchen.undoSeconds"]').getAttribute('class')).resolves.not.toContain('invalid');
    await expect(error('kitchen.staleOrderHours').textContent()).resolves.toBe('enter a number of hours');
    await hours.fill('6');
    await expect(error('kitchen.staleOrderHours').textContent()).resolves.toBe('');

    await h.page.locator('label.seg', { hasText: 'When expo bumps the order' }).click();
    await h.page.locator('#save-settings').click();
    await h.page.locator('.toast.ok', { hasText: 'Settings saved' }).waitFor();
    const saved = JSON.parse(readFileSync(join(h.dataDir, 'settings.json'), 'utf8')) as Settings;
    expect(saved.kitchen).toEqual({ undoSeconds: 45, readyWhen: 'expo', staleOrderHours: 6, acceptance: ACCEPTANCE_DEFAULTS, allDayStrip: false, statsRetentionDays: 90 });
    await shoot(h.page, 'settings-kitchen-saved', '#kitchen-settings');
    await h.page.locator('#tab-queue').click();
  });

  it('holds a Ready for the chosen undo time, and Undo brings the order back with nothing sent', async () => {
    const sim = h.sim!;
    const { order } = await sim.scenarios.created({ status: 1, lineCount: 2 });
    await card(order.id).waitFor({ timeout: 15_000 });
    await h.page.locator(`#accept-alert [data-waiting-order="${order.id}"] [data-action="accepted"]`).click();
    await card(order.id).locator('[data-action="ready"]').click();

    const held = h.page.locator(`#undo-bar [data-undo-order="${order.id}"] .undo`);
    await held.waitFor();
    const left = Number(/^Undo (\d+) s$/.exec((await held.textContent()) ?? '')?.[1]);
    // The default (10 s) could never show more than 10.
    expect(left).toBeGreaterThan(30);
    expect(left).toBeLessThanOrEqual(45);
    await shoot(h.page, 'kitchen-undo-45s');

    await held.click();
    await card(order.id).locator('[data-action="ready"]').waitFor({ timeout: 10_000 });
    expect(sim.statusPatches().filter((p) => p.orderId === order.id).map((p) => JSON.parse(p.body) as unknown)).toEqual([{ status: 'accepted' }]);
    const db = openDatabase(join(h.dataDir, 'bridge.db'));
    try {
      expect(db.prepare(`SELECT state FROM order_actions WHERE order_id = ? AND action = 'ready'`).all(order.id)).toEqual([{ state: 'recalled' }]);
    } finally {
      db.close();
    }
  }, 60_000);

  it('does not print an order placed longer ago than the chosen limit, and says so in Problems', async () => {
    const ticketsBefore = h.printer.tickets().length;
    const placed = new Date(Date.now() - 8 * 3_600_000).toISOString();
    await h.postOrder(81001, { created_at: placed, updated_at: placed });
    await h.page.locator('#tab-problems').click();
    const problem = h.page.locator('.problem', { hasText: '#S81001' });
    await problem.waitFor({ timeout: 15_000 });
    // Under the default 24 hours this order would have printed.
    await expect(problem.locator('.reason').textContent()).resolves.toContain('(the limit is 6 hours), so it was not printed');
    expect(h.printer.tickets()).toHaveLength(ticketsBefore);
    await h.page.locator('#tab-queue').click();
    expect(await card(81001).count()).toBe(0);
  });
});

describe('the acceptance settings against the real core', () => {
  let h: Harness;
  const error = (field: string) => h.page.locator(`[data-error-for="${field}"]`);

  beforeAll(async () => {
    h = await startHarness({ klikit: true, overrides: FAST });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('offers each platform of recent orders, refuses a bad figure naming its field, and saves what the owner chose', async () => {
    const { order } = await h.sim!.scenarios.created({ status: 2, providerId: 6, lineCount: 1 });
    await h.page.locator(`#queue [data-order-id="${order.id}"]`).waitFor({ timeout: 15_000 });
    await h.page.locator('#tab-settings').click();
    const grab = h.page.locator('input[name="acceptProvider:6"]');
    await grab.waitFor();
    await expect(grab.inputValue()).resolves.toBe('');
    await expect(h.page.locator('input[name="otherProvidersMinutes"]').inputValue()).resolves.toBe('10');
    await expect(h.page.locator('input[name="autoAcceptBelowOpenOrders"]').inputValue()).resolves.toBe('0');
    await shoot(h.page, 'settings-acceptance', '#acceptance-settings');

    await h.page.locator('input[name="takeoverMinutes"]').fill('0');
    await h.page.locator('#save-settings').click();
    await expect(error('kitchen.acceptance.takeoverMinutes').textContent()).resolves.toBe('at least half a minute');

    await h.page.locator('input[name="takeoverMinutes"]').fill('3');
    await grab.fill('7.5');
    await h.page.locator('input[name="warnAtPercent"]').fill('40');
    await h.page.locator('input[name="autoAcceptBelowOpenOrders"]').fill('3');
    await h.page.locator('#save-settings').click();
    await h.page.locator('.toast.ok', { hasText: 'Settings saved' }).waitFor();
    const saved = JSON.parse(readFileSync(join(h.dataDir, 'settings.json'), 'utf8')) as Settings;
    expect(saved.kitchen.acceptance).toEqual({ deadlineMinutes: { '6': 7.5 }, otherProvidersMinutes: 10, warnAtShare: 0.4, takeoverMinutes: 3, autoAcceptBelowOpenOrders: 3 });
  });
});
