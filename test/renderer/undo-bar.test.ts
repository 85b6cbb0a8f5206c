import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimCartLine, SimOrder } from '../../dev/simulator/order-generator.js';
import { EVENT_CREATED, envelopeOf } from '../../dev/simulator/scenarios.js';
import { waitFor } from '../helpers/wait.js';
import { startHarness, type Harness } from '../integration/window-api/support/harness.js';
import { shoot } from './screenshots.js';

// The undo bar in Chromium against the real core and the simulated klikit: every screen is told of a
// held Ready (the orders are pushed to all), but only the window whose cook pressed Ready may offer to
// undo it. A grill and a bar station, a second tab of the grill, a counter screen, expo and the desktop.

// Long enough that every bump below is still inside its undo time when the screens are compared.
const UNDO_SECONDS = 30;
const OVERRIDES = { timing: { apiBackoffBaseMs: 100, apiBackoffCapMs: 500, apiTimeoutMs: 2_000, reconcileIntervalMs: 3_600_000 }, actions: { undoSeconds: UNDO_SECONDS } };
const STATIONS = [
  { id: 'grill', name: 'Grill', routes: { categories: ['Mains'] }, fallback: true },
  { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] } },
];
const TABLET = { width: 1024, height: 600 };

const undoOrders = (page: Page): Promise<number[]> =>
  page.locator('#undo-bar:not([hidden]) [data-undo-order]').evaluateAll((items) => items.map((i) => Number(i.getAttribute('data-undo-order'))));
const card = (page: Page, id: number) => page.locator(`#queue [data-order-id="${id}"]`);

describe('the undo bar offers only what this window did', () => {
  let h: Harness;
  let grill: Page;
  let grillTab: Page;
  let bar: Page;
  let counter: Page;
  let expo: Page;

  /** An accepted klikit order with one line of each given category, announced by webhook. */
  async function announce(categories: ReadonlyArray<'Mains' | 'Drinks'>): Promise<SimOrder> {
    const sim = h.sim!;
    const base = sim.generator.next({ status: 2, providerId: 6, type: 1, scheduled: false, brandIds: [5297] });
    const template = base.cart_v2[0]!;
    const cart: SimCartLine[] = categories.map((category, i) => ({
      ...template,
      id: `${base.id}${i}`,
      name: category === 'Mains' ? 'Nasi Goreng Kampung' : 'Es Teh Manis',
      quantity: 1,
      klikit_category_name: category,
      klikit_category_id: category === 'Mains' ? 701 : 703,
      modifier_groups: [],
    }));
    const order: SimOrder = { ...base, cart_v2: cart };
    sim.record.publish(order);
    await sim.sender.send({ eventType: EVENT_CREATED, body: envelopeOf([order]), orders: [order] });
    await card(h.page, order.id).waitFor({ timeout: 15_000 });
    return order;
  }

  const readyPatches = (id: number) => h.sim!.statusPatches().filter((p) => p.orderId === id && (JSON.parse(p.body) as { status: string }).status === 'ready');

  beforeAll(async () => {
    h = await startHarness({ klikit: true, stations: STATIONS, overrides: OVERRIDES });
    grill = await h.openScreen({ kind: 'station', station: 'grill' }, TABLET);
    bar = await h.openScreen({ kind: 'station', station: 'bar' }, TABLET);
    counter = await h.openScreen({ kind: 'counter' }, TABLET);
    expo = await h.openScreen({ kind: 'expo' }, TABLET);
    // The same grill screen in a second tab: the same browser, so the same credential.
    grillTab = await grill.context().newPage();
    await grillTab.goto(`${h.origin}/`);
    await grillTab.waitForSelector('body[data-ready="true"]');
  }, 90_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('shows each station only its own Ready, and nothing on the desktop, a counter screen, expo or another tab', async () => {
    const firstDrinks = await announce(['Drinks']);
    const grills = await announce(['Mains']);
    const secondDrinks = await announce(['Drinks']);
    for (const [page, ids] of [
      [bar, [firstDrinks.id, secondDrinks.id]],
      [grill, [grills.id]],
      [grillTab, [grills.id]],
    ] as const) {
      for (const id of ids) await card(page, id).waitFor({ timeout: 10_000 });
    }

    // Each bump below waits for its own Undo: the screen that shows it has been told of every bump before it.
    await card(bar, firstDrinks.id).locator('[data-action="ready"]').click();
    await bar.locator(`#undo-bar [data-undo-order="${firstDrinks.id}"]`).waitFor();
    await card(grill, grills.id).locator('[data-action="ready"]').click();
    await grill.locator(`#undo-bar [data-undo-order="${grills.id}"]`).waitFor();
    await expect(undoOrders(grill)).resolves.toEqual([grills.id]);
    await expect(grill.locator('#undo-bar .undo-what').textContent()).resolves.toBe(`#${grills.short_id} Ready`);
    await shoot(grill, 'undo-bar-station-grill');

    await card(bar, secondDrinks.id).locator('[data-action="ready"]').click();
    await bar.locator(`#undo-bar [data-undo-order="${secondDrinks.id}"]`).waitFor();
    await expect(undoOrders(bar)).resolves.toEqual([firstDrinks.id, secondDrinks.id]);
    await shoot(bar, 'undo-bar-station-bar');

    // The others have taken the three orders off their boards (or, on expo, into Ready): no Undo for any of them.
    const bumped = [firstDrinks.id, grills.id, secondDrinks.id];
    for (const page of [h.page, counter]) {
      for (const id of bumped) await card(page, id).waitFor({ state: 'detached', timeout: 10_000 });
      await expect(undoOrders(page)).resolves.toEqual([]);
    }
    for (const id of bumped) await expo.locator(`#expo-ready [data-order-id="${id}"]`).waitFor({ timeout: 10_000 });
    await expect(undoOrders(expo)).resolves.toEqual([]);
    await card(grillTab, grills.id).waitFor({ state: 'detached', timeout: 10_000 });
    await expect(undoOrders(grillTab)).resolves.toEqual([]);
    await shoot(h.page, 'undo-bar-desktop-station-ready');
  }, 90_000);

  it('takes back only the Ready the bar undid (U), and drops each Undo once its time is over and klikit was told', async () => {
    const [firstDrinks, secondDrinks] = await undoOrders(bar);
    const [grills] = await undoOrders(grill);
    // U undoes the newest bump the bar offers: the bar's second.
    await bar.locator('body').press('u');
    await card(bar, secondDrinks!).locator('[data-action="ready"]').waitFor({ timeout: 10_000 });
    await waitFor('the bar’s Undo for the order it took back gone', async () => JSON.stringify(await undoOrders(bar)) === JSON.stringify([firstDrinks]));
    await expect(undoOrders(grill)).resolves.toEqual([grills]);

    await waitFor('the grill’s Undo gone once its time is over', async () => (await undoOrders(grill)).length === 0, { timeoutMs: (UNDO_SECONDS + 15) * 1000 });
    await waitFor('READY at klikit for the grill’s order', () => readyPatches(grills!).length === 1, { timeoutMs: 15_000 });
    expect(readyPatches(secondDrinks!)).toEqual([]);
  }, 90_000);

  it('keeps an Undo for each station share one window bumped of the same order, and undoes the one pressed', async () => {
    const mixed = await announce(['Mains', 'Drinks']);
    const filter = h.page.locator('#station-filter');
    const items = () =>
      h.page.locator('#undo-bar:not([hidden]) [data-undo-order]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-undo-order')}:${e.getAttribute('data-undo-station')}`));
    await filter.selectOption('grill');
    await card(h.page, mixed.id).locator('[data-action="ready"]').click();
    await h.page.locator(`#undo-bar [data-undo-order="${mixed.id}"][data-undo-station="grill"]`).waitFor();
    await filter.selectOption('bar');
    await card(h.page, mixed.id).locator('[data-action="ready"]').click();
    await h.page.locator(`#undo-bar [data-undo-order="${mixed.id}"][data-undo-station="bar"]`).waitFor();
    await expect(items()).resolves.toEqual([`${mixed.id}:grill`, `${mixed.id}:bar`]);

    // The grill's Undo takes back its share and the Ready the bar's bump released; the bar's share stays done.
    await h.page.locator(`#undo-bar [data-undo-order="${mixed.id}"][data-undo-station="grill"] .undo`).click();
    await waitFor('only the bar’s Undo left', async () => JSON.stringify(await items()) === JSON.stringify([`${mixed.id}:bar`]));
    await filter.selectOption('grill');
    await card(h.page, mixed.id).locator('[data-action="ready"]').waitFor({ timeout: 10_000 });
    await filter.selectOption('');
  }, 60_000);
});
