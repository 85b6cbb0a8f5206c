import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimOrder } from '../../dev/simulator/order-generator.js';
import { waitFor } from '../helpers/wait.js';
import { startHarness, type Harness } from '../integration/window-api/support/harness.js';
import { acknowledgeCard, backToBoard } from './cards.js';
import { shoot } from './screenshots.js';

// The kitchen board in Chromium against the real core, the relay and the simulated klikit: order
// actions through the durable outbox, the acceptance alert, and what the window says about the link.

/** The number staff call an order by: klikit's own orders (provider 1) by their id. */
const shownNumber = (o: SimOrder): string => (o.provider_id === 1 ? String(o.id) : o.short_id);

const FAST_RETRIES = { timing: { apiBackoffBaseMs: 100, apiBackoffCapMs: 500, apiTimeoutMs: 2_000, reconcileIntervalMs: 3_600_000 }, actions: { undoSeconds: 1 } };

describe('order actions on the board', () => {
  let h: Harness;
  const sim = () => h.sim!;
  const patchesOf = (id: number) => sim().statusPatches().filter((p) => p.orderId === id);
  const card = (id: number) => h.page.locator(`#queue [data-order-id="${id}"]`);

  async function placed(): Promise<SimOrder> {
    const { order } = await sim().scenarios.created({ status: 1, lineCount: 3 });
    await card(order.id).waitFor({ timeout: 15_000 });
    return order;
  }

  beforeAll(async () => {
    h = await startHarness({ klikit: true, overrides: FAST_RETRIES });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(() => backToBoard(h.page));

  it('alerts until someone accepts, then sends exactly one PATCH with an Idempotency-Key', async () => {
    const order = await placed();
    const alert = h.page.locator(`#accept-alert [data-waiting-order="${order.id}"]`);
    await alert.waitFor({ timeout: 2_000 });
    await expect(alert.locator('.accept-left').textContent()).resolves.toMatch(/^\d+:\d\d left$/);
    await expect(h.page.locator('#accept-alert .alert-count').textContent()).resolves.toMatch(/^\d+ TO ACCEPT$/);
    await expect(h.page.locator('#waiting-count').textContent()).resolves.toMatch(/^\d+ to accept · \d+:\d\d$/);
    await shoot(h.page, 'alert-waiting-for-acceptance');

    await alert.locator('[data-action="accepted"]').click();
    await h.page.locator('#accept-alert').waitFor({ state: 'hidden', timeout: 15_000 });
    await card(order.id).locator('[data-action="ready"]').waitFor({ timeout: 15_000 });
    const patches = patchesOf(order.id);
    expect(patches).toHaveLength(1);
    expect(patches[0]!.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(patches[0]!.body)).toEqual({ status: 'accepted' });
    expect(sim().record.latest(order.id)!.status).toBe(2);

    await card(order.id).locator('[data-action="ready"]').click();
    await card(order.id).waitFor({ state: 'detached', timeout: 15_000 });
    await waitFor('READY at klikit', () => sim().record.latest(order.id)!.status === 4);
    await h.page.locator('#tab-done').click();
    await h.page.locator('#done-search').fill(shownNumber(order));
    await h.page.locator(`#done-list [data-order-id="${order.id}"]`).waitFor();
    await expect(h.page.locator('#done-list [data-order-id]').count()).resolves.toBe(1);
    await shoot(h.page, 'done-search');
    await h.page.locator('#done-search').fill('');
    await h.page.locator('#tab-queue').click();
  }, 90_000);

  it('retries after a dropped answer with the same key, and klikit applies the accept once', async () => {
    const order = await placed();
    sim().faults.set('lost-response', { times: 1 });
    await h.page.locator(`#accept-alert [data-waiting-order="${order.id}"] [data-action="accepted"]`).click();
    await card(order.id).locator('[data-action="ready"]').waitFor({ timeout: 10_000 });
    const keys = patchesOf(order.id).map((p) => p.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(sim().record.history(order.id).filter((o) => o.status === 2)).toHaveLength(1);
  });

  it('keeps an accept made offline, shows it as sending, and sends it once when klikit is reachable again', async () => {
    const order = await placed();
    h.klikitLink!.setFault({ kind: 'drop' });
    await h.page.locator(`#accept-alert [data-waiting-order="${order.id}"] [data-action="accepted"]`).click();
    await card(order.id).locator('.action-retrying').waitFor({ timeout: 15_000 });
    await expect(card(order.id).locator('.action-retrying').textContent()).resolves.toMatch(/^Accept not sent yet: .+\. (Next try in \d+ s|Trying again now)\.$/);
    await shoot(h.page, 'order-action-offline');
    expect(patchesOf(order.id)).toHaveLength(0);
    h.klikitLink!.setFault({ kind: 'none' });
    await card(order.id).locator('[data-action="ready"]').waitFor({ timeout: 10_000 });
    expect(patchesOf(order.id)).toHaveLength(1);
  });

  it('shows klikit’s message on the order when it refuses, and re-reads the order', async () => {
    const order = await placed();
    // Accepted on the aggregator's tablet meanwhile: klikit knows, the bridge does not yet.
    sim().record.publish(sim().generator.withStatus(sim().record.latest(order.id)!, 2));
    await h.page.locator(`#accept-alert [data-waiting-order="${order.id}"] [data-action="accepted"]`).click();
    const refused = card(order.id).locator('.action-refused');
    await refused.waitFor({ timeout: 15_000 });
    await expect(refused.textContent()).resolves.toContain('cannot be accepted');
    await card(order.id).locator('[data-action="ready"]').waitFor({ timeout: 15_000 });
    await shoot(h.page, 'order-action-refused');

    await h.page.locator('#tab-problems').click();
    const link = h.page.locator(`.problem-action [data-open-order="${order.id}"]`);
    await expect(link.textContent()).resolves.toBe(`Order #${shownNumber(order)}`);
    await link.click();
    await h.page.locator('#detail[open] #detail-action-note').waitFor();
    await h.page.setViewportSize({ width: 1024, height: 600 });
    // The detail is drawn again as the order is re-read and the board laid out for the new size:
    // measure the button once it is laid out on screen.
    const reprint = await waitFor('the reprint button laid out', () => h.page.locator('#detail[open] #reprint-button').boundingBox());
    expect(reprint!.y + reprint!.height).toBeLessThanOrEqual(600);
    expect(reprint!.x + reprint!.width).toBeLessThanOrEqual(1024);
    await shoot(h.page, 'order-detail-refused');
    await h.page.locator('#detail-close').click();
    await h.page.locator('#tab-queue').click();
  });

  it('rejects with a reason from the list', async () => {
    const order = await placed();
    await h.page.locator(`#accept-alert [data-waiting-order="${order.id}"] [data-action="rejected"]`).click();
    await h.page.locator('#reject-dialog[open]').waitFor();
    await shoot(h.page, 'reject-reasons');
    await h.page.locator('#reject-dialog [data-reason="kitchen_busy"]').click();
    await waitFor('the rejection at klikit', () => sim().record.latest(order.id)!.status === 3);
    expect(JSON.parse(patchesOf(order.id)[0]!.body)).toEqual({ status: 'rejected', reason_code: 'kitchen_busy' });
  });

  it('bumps the focused card with B, even after the card was rebuilt under the focus, and turns the sound on and off', async () => {
    const { order } = await sim().scenarios.created({ status: 2, lineCount: 1 });
    await card(order.id).locator('.print-printed').waitFor({ timeout: 15_000 });
    await acknowledgeCard(h.page, order.id);
    await card(order.id).focus();
    // An edit rebuilds the card (UPDATED, then its new ticket): the focus must stay on this order's card.
    await sim().scenarios.cartEdit(order);
    await card(order.id).locator('.mark-updated').waitFor({ timeout: 15_000 });
    await waitFor('the edit printed', async () => (await card(order.id).locator('.print-printed').count()) === 1);
    expect(await h.page.evaluate('document.activeElement?.dataset.orderId')).toBe(String(order.id));
    await h.page.keyboard.press('b');
    await waitFor('READY at klikit', () => sim().record.latest(order.id)!.status === 4);
    await card(order.id).waitFor({ state: 'detached', timeout: 15_000 });

    const savedSound = () => (JSON.parse(readFileSync(join(h.dataDir, 'settings.json'), 'utf8')) as { sound: boolean }).sound;
    await h.page.locator('#sound-toggle').click();
    await waitFor('sound on', async () => (await h.page.locator('#sound-toggle').getAttribute('aria-pressed')) === 'true');
    expect(savedSound()).toBe(true);
    await h.page.keyboard.press('s');
    await waitFor('sound off', async () => (await h.page.locator('#sound-toggle').getAttribute('aria-pressed')) === 'false');
    expect(savedSound()).toBe(false);
  });

  it('shows at least six active orders with their first items at 1024×600', async () => {
    for (let i = 0; i < 7; i++) await sim().scenarios.created({ status: 2, lineCount: 2 + (i % 3) });
    await waitFor('nine cards on the board', async () => (await h.page.locator('#queue [data-order-id]').count()) >= 9);
    await h.page.setViewportSize({ width: 1024, height: 600 });
    // The number and the first item's name of each card, whole on screen (once each card is fitted).
    const readable = `[...document.querySelectorAll('#queue [data-order-id]')].filter((card) => {
      const first = card.querySelector('.card-lines > li:not([hidden]) .item');
      const box = card.getBoundingClientRect();
      const line = first && first.getBoundingClientRect();
      return card.dataset.hiddenLines !== undefined && line && box.top >= 0 && box.left >= 0 && box.right <= innerWidth && line.bottom <= innerHeight && line.bottom <= box.bottom;
    }).length`;
    const fullyVisible = await waitFor('six cards readable', async () => {
      const n = (await h.page.evaluate(readable)) as number;
      return n >= 6 ? n : null;
    });
    expect(fullyVisible).toBeGreaterThanOrEqual(6);
    const oldestFirst = await h.page.locator('#queue [data-order-id]').evaluateAll((cards) => cards.map((c) => Number(c.getAttribute('data-order-id'))));
    expect(oldestFirst).toEqual([...oldestFirst].sort((a, b) => a - b));
    await shoot(h.page, 'board');
  });

  it('marks an order edited after staff saw it as UPDATED and alerts again', async () => {
    const { order } = await sim().scenarios.created({ status: 2, lineCount: 1 });
    // An edit prints an UPDATED ticket only once the first ticket printed: before, the queued ticket
    // simply prints with the new cart (a loaded machine may not have printed it yet).
    await card(order.id).locator('.print-printed').waitFor({ timeout: 15_000 });
    await acknowledgeCard(h.page, order.id);
    await sim().scenarios.cartEdit(order);
    await card(order.id).locator('.mark-updated').waitFor({ timeout: 15_000 });
    await expect(card(order.id).getAttribute('class')).resolves.toContain('order-new');
    // The card is rebuilt when its print state moves on: scroll whichever element is current, in one step.
    await h.page.evaluate(`document.querySelector('#queue [data-order-id="${order.id}"]').scrollIntoView({ block: 'center' })`);
    await shoot(h.page, 'order-updated');
    await card(order.id).click();
    await card(order.id).locator('.mark-updated').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await h.page.locator('#detail[open]').count()).toBe(0);
  });
});

describe('connection truth', () => {
  it('says "Reconnecting to relay" within 15 s of the relay dying, with no fallback configured and what to do', async () => {
    const h = await startHarness();
    try {
      const died = Date.now();
      h.relayLink.setFault({ kind: 'drop' });
      const banner = h.page.locator('#banner [data-fault="connection"]');
      await banner.waitFor({ timeout: 15_000 });
      expect(Date.now() - died).toBeLessThan(15_000);
      const text = (await banner.textContent()) ?? '';
      expect(text).toContain('Reconnecting to relay — new orders may be delayed');
      expect(text).toContain('No klikit fallback configured');
      expect(text).toContain('Check that this computer is online');
      await shoot(h.page, 'connection-reconnecting-no-fallback');
      h.relayLink.setFault({ kind: 'none' });
      await banner.waitFor({ state: 'detached', timeout: 15_000 });
    } finally {
      await h.stop();
    }
  }, 60_000);

  it('shows a failing fallback while the relay is live, then polling when the relay dies', async () => {
    const h = await startHarness({ klikit: true, overrides: { timing: { reconcileIntervalMs: 500, pollAfterDownMs: 2_000, pollIntervalMs: 500, apiTimeoutMs: 1_000 } } });
    try {
      h.sim!.faults.set('bad-gateway');
      const banner = h.page.locator('#banner [data-fault="connection"]');
      await banner.waitFor({ timeout: 10_000 });
      await expect(banner.getAttribute('data-level')).resolves.toBe('warn');
      await expect(banner.textContent()).resolves.toContain('klikit fallback is not working');
      await expect(h.page.locator('.conn').getAttribute('data-mode')).resolves.toBe('relay');
      await shoot(h.page, 'connection-live-fallback-failing');

      h.sim!.faults.clear();
      h.relayLink.setFault({ kind: 'drop' });
      await waitFor('polling klikit', async () => (await h.page.locator('.conn').getAttribute('data-mode')) === 'polling', { timeoutMs: 15_000 });
      await expect(banner.textContent()).resolves.toContain('receiving orders by polling klikit');
      await shoot(h.page, 'connection-polling');

      h.klikitLink!.setFault({ kind: 'drop' });
      await waitFor('offline', async () => (await h.page.locator('.conn').getAttribute('data-mode')) === 'offline', { timeoutMs: 15_000 });
      await expect(banner.textContent()).resolves.toContain('new orders are not arriving');
      await shoot(h.page, 'connection-offline');
    } finally {
      await h.stop();
    }
  }, 90_000);

  it('connects once the relay URL and a typed device token are saved with the one Save button', async () => {
    const h = await startHarness({ configured: false });
    try {
      await h.page.locator('#tab-settings').click();
      await h.page.locator('input[name="relayUrl"]').fill(h.relayUrl);
      await h.page.locator('input[name="relayToken"]').fill(h.deviceToken);
      await h.page.locator('#save-settings').click();
      await h.page.locator('.toast.ok', { hasText: 'Settings and device token saved' }).waitFor({ timeout: 15_000 });
      await waitFor('the bridge on the relay', async () => (await h.page.locator('.conn').getAttribute('data-mode')) === 'relay', { timeoutMs: 15_000 });
      await shoot(h.page, 'settings-saved-connected');
    } finally {
      await h.stop();
    }
  }, 60_000);
});
