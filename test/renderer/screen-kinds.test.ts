import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimCartLine, SimOrder } from '../../dev/simulator/order-generator.js';
import { EVENT_CREATED, envelopeOf } from '../../dev/simulator/scenarios.js';
import type { ScreenGrant } from '../../common/screen-grant.js';
import { waitFor } from '../helpers/wait.js';
import { SCREENSHOTS, startHarness, type Harness } from '../integration/window-api/support/harness.js';

// The kinds of LAN screen in Chromium against the real core, the relay and the simulated klikit: a
// grill and a bar station, expo and the pickup board on one bridge (screenGrant answered per page by
// the test transport), with the counter's desktop window beside them.

const FAST = { timing: { apiBackoffBaseMs: 100, apiBackoffCapMs: 500, apiTimeoutMs: 2_000, reconcileIntervalMs: 3_600_000 }, actions: { undoSeconds: 1 } };
const STATIONS = [
  { id: 'grill', name: 'Grill', routes: { categories: ['Mains'] }, fallback: true },
  { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] } },
];
const CUSTOMER = 'Wulandari';
const PRIVATE_TEXT = [CUSTOMER, 'Nasi Goreng', 'Es Teh', 'Kopi', 'Ring the bell', 'less ice'];

/** The sizes of a kitchen tablet and a small wall screen. */
const SIZES = [
  { width: 1024, height: 600 },
  { width: 1280, height: 800 },
] as const;

async function shootScreen(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve))))');
    await page.screenshot({ path: join(SCREENSHOTS, `screen-${name}-${size.width}x${size.height}.png`) });
  }
}

const calls = (page: Page): Promise<string[]> => page.evaluate('window.bridgeCalls') as Promise<string[]>;
const cardIds = (page: Page) => page.locator('#queue [data-order-id]').evaluateAll((cards) => cards.map((c) => Number(c.getAttribute('data-order-id'))));

describe('the kinds of screen', () => {
  let h: Harness;
  const screens = {} as Record<'grill' | 'bar' | 'expo' | 'pickup', Page>;
  const orders = {} as Record<'mixed' | 'drinks' | 'waiting', SimOrder>;

  /** A klikit order with the given lines, announced by webhook (the simulator's lines are random). */
  async function announce(status: number, lines: Array<[string, 'Mains' | 'Drinks', number, string?]>, extra: Partial<SimOrder> = {}): Promise<SimOrder> {
    const sim = h.sim!;
    const base = sim.generator.next({ status, providerId: extra.provider_id ?? 6, type: 1, scheduled: false, brandIds: [5297] });
    const template = base.cart_v2[0]!;
    const cart: SimCartLine[] = lines.map(([name, category, quantity, comment = ''], i) => ({
      ...template,
      id: `${base.id}${i}`,
      name,
      quantity,
      comment,
      klikit_category_name: category,
      klikit_category_id: category === 'Mains' ? 701 : 703,
      modifier_groups: [],
    }));
    const order: SimOrder = { ...base, user_first_name: CUSTOMER, order_comment: 'Ring the bell twice', klikit_comment: '', cart_v2: cart, ...extra };
    sim.record.publish(order);
    await sim.sender.send({ eventType: EVENT_CREATED, body: envelopeOf([order]), orders: [order] });
    await h.page.locator(`#queue [data-order-id="${order.id}"]`).waitFor({ timeout: 15_000 });
    return order;
  }

  const open = (grant: ScreenGrant) => h.openScreen(grant, { width: 1024, height: 600 });

  beforeAll(async () => {
    h = await startHarness({ klikit: true, stations: STATIONS, overrides: FAST });
    orders.mixed = await announce(2, [['Nasi Goreng Kampung', 'Mains', 2], ['Es Teh Manis', 'Drinks', 1, 'less ice'], ['Kopi Tubruk', 'Drinks', 1]]);
    orders.drinks = await announce(2, [['Es Kopi Susu Gula Aren', 'Drinks', 3]]);
    orders.waiting = await announce(1, [['Cimol Original', 'Mains', 1]]);
    screens.bar = await open({ kind: 'station', station: 'bar' });
    screens.grill = await open({ kind: 'station', station: 'grill' });
    screens.expo = await open({ kind: 'expo' });
    screens.pickup = await open({ kind: 'pickup' });
  }, 90_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('shows the bar only its orders and lines, names the station, and offers no Accept, Reject or Settings', async () => {
    const bar = screens.bar;
    await waitFor('the bar’s orders', async () => JSON.stringify(await cardIds(bar)) === JSON.stringify([orders.mixed.id, orders.drinks.id]));
    await expect(bar.locator(`[data-order-id="${orders.mixed.id}"] .card-lines .item`).allTextContents()).resolves.toEqual(['Es Teh Manis', 'Kopi Tubruk']);
    await expect(bar.locator('.screen-name').textContent()).resolves.toBe('Bar');
    await expect(bar.locator('#station-filter').isHidden()).resolves.toBe(true);
    await expect(bar.locator(`[data-order-id="${orders.mixed.id}"] [data-action="ready"]`).textContent()).resolves.toBe('Ready: Bar');

    // The grill has the order waiting for acceptance; the counter accepts it, never the cook.
    const grill = screens.grill;
    await grill.locator(`#queue [data-order-id="${orders.waiting.id}"]`).waitFor();
    await h.page.locator(`#accept-alert [data-waiting-order="${orders.waiting.id}"] [data-action="accepted"]`).waitFor();
    for (const station of [bar, grill]) {
      await expect(station.locator('[data-action="accepted"], [data-action="rejected"]').count()).resolves.toBe(0);
      await expect(station.locator('#accept-alert').isHidden()).resolves.toBe(true);
      await expect(station.locator('#tab-settings').isHidden()).resolves.toBe(true);
      await station.keyboard.press('Alt+4');
      await expect(station.locator('#view-settings').isHidden()).resolves.toBe(true);
      expect(await calls(station)).not.toContain('getSettings');
    }
    await grill.locator(`#queue [data-order-id="${orders.waiting.id}"]`).focus();
    await grill.keyboard.press('b');
    expect(await calls(grill)).not.toContain('orderAction');
    await shootScreen(bar, 'station');
  });

  it('makes the order ready on expo and the pickup board once the grill and the bar bumped it', async () => {
    const { expo, pickup } = screens;
    const id = orders.mixed.id;
    const number = orders.mixed.short_id;
    const expoCard = expo.locator(`#expo-cooking [data-order-id="${id}"]`);
    await expect(expoCard.locator('.station').allTextContents()).resolves.toEqual(['Grill: cooking', 'Bar: cooking']);
    await pickup.locator(`#pickup-preparing [data-number="${number}"]`).waitFor();

    await screens.bar.locator(`#queue [data-order-id="${id}"] [data-action="ready"]`).click();
    await waitFor('the bar done on expo', async () => JSON.stringify(await expoCard.locator('.station').allTextContents()) === JSON.stringify(['Grill: cooking', 'Bar ✓']));
    await screens.bar.locator(`#queue [data-order-id="${id}"]`).waitFor({ state: 'detached' });
    await expect(pickup.locator(`#pickup-ready [data-number="${number}"]`).count()).resolves.toBe(0);

    await screens.grill.locator(`#queue [data-order-id="${id}"] [data-action="ready"]`).click();
    const ready = expo.locator(`#expo-ready [data-order-id="${id}"]`);
    await ready.waitFor({ timeout: 10_000 });
    await expoCard.waitFor({ state: 'detached' });
    const tile = pickup.locator(`#pickup-ready [data-number="${number}"]`);
    await tile.waitFor({ timeout: 10_000 });
    await expect(tile.locator('.pickup-provider').textContent()).resolves.toBe('GrabFood');
    await expect(pickup.locator(`#pickup-preparing [data-number="${number}"]`).count()).resolves.toBe(0);
    // klikit is told once the undo time is over; then expo can hand it out.
    await ready.locator('[data-action="picked_up"]').waitFor({ timeout: 15_000 });
    expect(h.sim!.record.latest(id)!.status).toBe(4);
    await shootScreen(expo, 'expo');
    await shootScreen(pickup, 'pickup');
  }, 60_000);

  it('shows no customer name, item or note on the pickup board, which asks the core for nothing but its board', async () => {
    const text = (await screens.pickup.locator('body').innerText()) + (await screens.pickup.title());
    for (const secret of PRIVATE_TEXT) expect(text).not.toContain(secret);
    expect(text).toContain(orders.mixed.short_id);
    expect(new Set(await calls(screens.pickup))).toEqual(new Set(['screenGrant', 'pickupBoard']));
  });

  it('takes a picked-up order off the pickup board', async () => {
    const id = orders.mixed.id;
    await screens.expo.locator(`#expo-ready [data-order-id="${id}"] [data-action="picked_up"]`).click();
    await screens.pickup.locator(`#pickup-ready [data-number="${orders.mixed.short_id}"]`).waitFor({ state: 'detached', timeout: 10_000 });
    await screens.expo.locator(`#expo-ready [data-order-id="${id}"]`).waitFor({ state: 'detached' });
    await waitFor('PICKED UP at klikit', () => h.sim!.record.latest(id)!.status === 9, { timeoutMs: 15_000 });
  }, 30_000);

  it('keeps a busy pickup board on one screen: what does not fit gives way to “+N more”', async () => {
    const providers = [6, 9, 1, 7, 6, 9, 2, 6, 9, 6, 7, 1, 6, 9];
    const ready: SimOrder[] = [];
    for (const provider_id of providers) ready.push(await announce(2, [['Es Teh Manis', 'Drinks', 1]], { provider_id }));
    for (const order of ready) {
      const outcome = (await h.page.evaluate(`window.bridge.orderAction({ orderId: ${order.id}, action: 'ready' })`)) as { ok: boolean; value: { ok: boolean } };
      expect(outcome.ok && outcome.value.ok).toBe(true);
    }
    const pickup = screens.pickup;
    for (const size of SIZES) {
      await pickup.setViewportSize(size);
      await pickup.locator(`#view-pickup[data-fitted="${size.width}x${size.height}"]`).waitFor({ timeout: 10_000 });
      const { tiles, more, overflow } = (await pickup.evaluate(`(() => {
        const list = document.getElementById('pickup-ready');
        return { tiles: list.querySelectorAll('.pickup-tile').length, more: list.querySelector('.pickup-more')?.textContent ?? null, overflow: list.scrollHeight - list.clientHeight };
      })()`)) as { tiles: number; more: string | null; overflow: number };
      expect(overflow).toBeLessThanOrEqual(1);
      expect(more).toBe(tiles === providers.length ? null : `+${providers.length - tiles} more`);
      expect(tiles).toBeGreaterThanOrEqual(size.width === 1024 ? 6 : 12);
      // Oldest order first, so that a number never moves while people read it.
      await expect(pickup.locator('#pickup-ready .pickup-number').first().textContent()).resolves.toBe(ready[0]!.provider_id === 1 ? String(ready[0]!.id) : ready[0]!.short_id);
    }
    await shootScreen(pickup, 'pickup-busy');
    await shootScreen(screens.expo, 'expo-busy');
  }, 60_000);

  it('gives a counter screen the whole board with Accept, but not the counter PC’s settings', async () => {
    const counter = await open({ kind: 'counter' });
    await counter.locator(`#accept-alert [data-waiting-order="${orders.waiting.id}"] [data-action="accepted"]`).waitFor();
    await expect(cardIds(counter)).resolves.toContain(orders.drinks.id);
    await expect(counter.locator('#station-filter').isVisible()).resolves.toBe(true);
    await expect(counter.locator('#tab-settings').isHidden()).resolves.toBe(true);
    await expect(counter.locator('#tab-problems').isVisible()).resolves.toBe(true);
    await counter.keyboard.press('Alt+4');
    await expect(counter.locator('#view-settings').isHidden()).resolves.toBe(true);
    // Its own sound switch, kept in this browser: the counter PC's setting is not touched.
    await expect(counter.locator('body').getAttribute('data-chime')).resolves.toBe('false');
    await counter.locator('#sound-toggle').click();
    await waitFor('the chime on', async () => (await counter.locator('body').getAttribute('data-chime')) === 'true');
    const beforeReload = await calls(counter);
    await counter.reload();
    await counter.waitForSelector('body[data-ready="true"]');
    await expect(counter.locator('#sound-toggle').getAttribute('aria-pressed')).resolves.toBe('true');
    await waitFor('the chime on after a reload', async () => (await counter.locator('body').getAttribute('data-chime')) === 'true');
    await expect(screens.bar.locator('#sound-toggle').isHidden()).resolves.toBe(true);
    const asked = [...beforeReload, ...(await calls(counter))];
    for (const desktopOnly of ['getSettings', 'saveSettings', 'exportDiagnostics', 'discoverPrinters', 'routeChoices']) expect(asked).not.toContain(desktopOnly);
    await shootScreen(counter, 'counter');
  });
});
