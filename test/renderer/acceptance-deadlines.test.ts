import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimOrder } from '../../dev/simulator/order-generator.js';
import { waitFor } from '../helpers/wait.js';
import { startHarness, type Harness } from '../integration/window-api/support/harness.js';
import { cardOf, openCard } from './cards.js';
import { shoot } from './screenshots.js';

// Acceptance deadlines in Chromium against the real core and the simulated klikit: each waiting
// order's time left on the strip, its card and its detail; the alarm escalating; the takeover of the
// last two minutes with Accept right there, at 1024×600 and 1366×768; the missed count in the header.

const GRABFOOD = 6;
const MIN = 60_000;
const FAST = { timing: { apiBackoffBaseMs: 100, apiBackoffCapMs: 500, apiTimeoutMs: 2_000, reconcileIntervalMs: 3_600_000 } };

/** "9:58 left" → seconds. */
const secondsLeft = (text: string | null): number => {
  const match = /^(\d+):(\d\d) left$/.exec(text ?? '');
  if (!match) throw new Error(`not a countdown: ${text}`);
  return Number(match[1]) * 60 + Number(match[2]);
};

describe('acceptance deadlines on the board', () => {
  let h: Harness;
  const sim = () => h.sim!;
  const chip = (id: number) => h.page.locator(`#accept-alert [data-waiting-order="${id}"]`);

  async function waitingSince(minutesAgo: number): Promise<SimOrder> {
    const { order } = await sim().scenarios.created({ status: 1, providerId: GRABFOOD, lineCount: 2, placedAt: Date.now() - minutesAgo * MIN });
    await chip(order.id).waitFor({ timeout: 15_000 });
    return order;
  }

  beforeAll(async () => {
    h = await startHarness({ klikit: true, overrides: FAST, acceptanceExpiry: {} });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('shows the time left before GrabFood cancels a new order on the strip, the card and the detail', async () => {
    const order = await waitingSince(0);
    const left = secondsLeft(await chip(order.id).locator('.accept-left').textContent());
    // GrabFood publishes no figure: the default 10 minutes, counted from klikit's created_at.
    expect(left).toBeGreaterThan(10 * 60 - 20);
    expect(left).toBeLessThanOrEqual(10 * 60);
    await expect(chip(order.id).locator('.accept-left').getAttribute('data-stage')).resolves.toBe('calm');
    const onCard = secondsLeft(await cardOf(h.page, order.id).locator('.accept-left').textContent());
    expect(Math.abs(onCard - left)).toBeLessThanOrEqual(2);
    await waitFor('the countdown to tick', async () => secondsLeft(await chip(order.id).locator('.accept-left').textContent()) < left);

    await openCard(h.page, order.id);
    expect(secondsLeft(await h.page.locator('#detail .detail-head .accept-left').textContent())).toBeLessThanOrEqual(left);
    await h.page.locator('#detail-close').click();
    await expect(h.page.locator('body').getAttribute('data-alarm')).resolves.toBe('normal');
    await expect(h.page.locator('#accept-takeover').isHidden()).resolves.toBe(true);
  });

  it('gets louder at half-time, takes over the screen in the last two minutes, and stops on Accept', async () => {
    const halfway = await waitingSince(6);
    await waitFor('the warning stage', async () => (await chip(halfway.id).locator('.accept-left').getAttribute('data-stage')) === 'warning');
    await waitFor('a louder alarm', async () => (await h.page.locator('body').getAttribute('data-alarm')) === 'warning');
    await expect(h.page.locator('#accept-takeover').isHidden()).resolves.toBe(true);
    // Two orders waiting on a 1024-wide till: both, with their Accept and Reject, in view on the strip, none scrolled away.
    await expect(h.page.locator('#accept-alert [data-waiting-order]').count()).resolves.toBe(2);
    await h.page.setViewportSize({ width: 1024, height: 600 });
    await waitFor('both waiting orders whole on the strip', () =>
      h.page.evaluate(`(() => { const row = document.querySelector('#accept-alert .alert-orders'); return row.scrollWidth <= row.clientWidth + 1; })()`),
    );
    await h.page.setViewportSize({ width: 1280, height: 800 });
    await shoot(h.page, 'acceptance-countdown');

    const last = await waitingSince(8.5);
    const band = h.page.locator('#accept-takeover');
    await band.locator(`[data-takeover-order="${last.id}"]`).waitFor({ timeout: 5_000 });
    await expect(h.page.locator('body').getAttribute('data-alarm')).resolves.toBe('urgent');
    expect(secondsLeft(await band.locator('.accept-left').textContent())).toBeLessThanOrEqual(90);
    await shoot(h.page, 'acceptance-takeover');
    for (const size of [{ width: 1024, height: 600 }, { width: 1366, height: 768 }]) {
      await h.page.setViewportSize(size);
      const box = (await band.boundingBox())!;
      expect(box.x).toBe(0);
      // The whole width of the window but the board's scrollbar.
      expect(box.width).toBeGreaterThanOrEqual(size.width - 20);
      const accept = (await band.locator('[data-action="accepted"]').boundingBox())!;
      // Accept is on screen, big enough for a hurried thumb.
      expect(accept.y + accept.height).toBeLessThanOrEqual(size.height);
      expect(accept.x + accept.width).toBeLessThanOrEqual(size.width);
      expect(accept.height).toBeGreaterThanOrEqual(60);
    }
    await h.page.setViewportSize({ width: 1280, height: 800 });

    await band.locator('[data-action="accepted"]').click();
    await band.waitFor({ state: 'hidden', timeout: 15_000 });
    await waitFor('klikit to have it accepted', () => sim().record.latest(last.id)?.status === 2);
    expect(sim().statusPatches().filter((p) => p.orderId === last.id)).toHaveLength(1);
    await expect(cardOf(h.page, last.id).locator('.accept-left').count()).resolves.toBe(0);
    await waitFor('the alarm back to the half-time order', async () => (await h.page.locator('body').getAttribute('data-alarm')) === 'warning');
  });

  it('counts an order the platform cancelled while it waited as missed, in the header', async () => {
    const late = await waitingSince(10.2);
    const cancelled = await sim().expireUnaccepted();
    expect(cancelled.map((o) => o.id)).toContain(late.id);
    const pill = h.page.locator('#missed-count');
    await waitFor('the missed count in the header', async () => (await pill.textContent()) === '1 missed today', { timeoutMs: 15_000 });
    await expect(pill.getAttribute('title')).resolves.toContain('GrabFood 1');
    await chip(late.id).waitFor({ state: 'detached', timeout: 15_000 });
    await shoot(h.page, 'acceptance-missed-count');
  });
});
