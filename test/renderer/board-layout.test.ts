import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import { startHarness, type Harness } from '../integration/window-api/support/harness.js';
import { NEEDLESSLY_HIDDEN, READABLE_CARDS, acknowledgeCard, cardOf, cartLine } from './cards.js';
import { shoot } from './screenshots.js';

// Cards use the room the board has, in Chromium against the real core, the relay and the simulated
// klikit: a lone long order shows whole at 1024×600, a full board still says exactly what each card
// hides and keeps four cards readable under the alerts, and resizing lays the board out again once.

const SMALL = { width: 1024, height: 600 };
const LARGE = { width: 1366, height: 768 };

type CardFit = { id: string; lines: number; shown: number; hiddenLines: number; base: number; more: string | null; whole: boolean; inView: boolean };

/** Each card's lines as the cook sees them: how many show, whether each shown one is whole, what "+N more" says. */
const CARD_FITS = `(() => [...document.querySelectorAll('#queue [data-order-id]')].map((card) => {
  const list = card.querySelector('.card-lines').getBoundingClientRect();
  const items = [...card.querySelectorAll('.card-lines > li')];
  const shown = items.filter((li) => !li.hidden);
  const more = card.querySelector('.more-lines');
  const box = card.getBoundingClientRect();
  return {
    id: card.dataset.orderId,
    lines: items.length,
    shown: shown.length,
    hiddenLines: card.dataset.hiddenLines === undefined ? -1 : Number(card.dataset.hiddenLines),
    base: Number(more.dataset.base),
    more: more.hidden ? null : more.textContent,
    whole: shown.every((li) => li.getBoundingClientRect().bottom <= list.bottom + 0.5) && items.indexOf(shown.at(-1)) === shown.length - 1,
    inView: box.bottom > 0 && box.top < innerHeight,
  };
}))()`;

/** Counts every write of the board's rows from now on (a refit loop would keep writing). */
const COUNT_ROW_WRITES = `(() => {
  window.rowWrites = 0;
  new MutationObserver((records) => { window.rowWrites += records.length; }).observe(document.querySelector('#queue'), { attributes: true, attributeFilter: ['style'] });
})()`;

/** The writes of the board's rows over the next 30 frames: none once the layout has settled. */
const WRITES_OVER_FRAMES = `new Promise((resolve) => {
  const before = window.rowWrites;
  let frames = 0;
  const step = () => (++frames >= 30 ? resolve(window.rowWrites - before) : requestAnimationFrame(step));
  requestAnimationFrame(step);
})`;

/** The board laid out for the current window: one row height per row of cards, every card in view fitted. */
const LAID_OUT = `(() => {
  const list = document.querySelector('#queue');
  const cards = list.querySelectorAll('[data-order-id]');
  const columns = getComputedStyle(list).gridTemplateColumns.split(' ').length;
  const rows = (list.dataset.rows ?? '').split(' ').filter(Boolean);
  const fitted = [...cards].every((card) => {
    const box = card.getBoundingClientRect();
    return box.bottom < 0 || box.top > innerHeight || card.dataset.hiddenLines !== undefined;
  });
  return rows.length === Math.ceil(cards.length / columns) && fitted ? { columns, rows: rows.map(Number) } : null;
})()`;

async function fits(h: Harness): Promise<CardFit[]> {
  return (await h.page.evaluate(CARD_FITS)) as CardFit[];
}

describe('cards that use the room the board has', () => {
  let h: Harness;
  const sim = () => h.sim!;
  const LONG = 71_900_001;

  beforeAll(async () => {
    h = await startHarness({ klikit: true, viewport: SMALL });
    await h.page.evaluate(COUNT_ROW_WRITES);
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('shows all 8 lines of a lone dine-in order with an allergy note at 1024×600, with no "+N more"', async () => {
    await h.postOrder(LONG, { type: 3, table_no: 'A7', user_first_name: 'Budi', order_comment: 'ALLERGY: no peanuts at all', cart_v2: Array.from({ length: 8 }, (_, i) => cartLine(i)) });
    await cardOf(h.page, LONG).locator('.print-printed').waitFor({ timeout: 10_000 });
    const [fit] = await waitFor('the card fitted', async () => {
      const all = await fits(h);
      return all.length === 1 && all[0]!.hiddenLines >= 0 && all;
    });
    expect(fit).toMatchObject({ lines: 8, shown: 8, hiddenLines: 0, more: null, whole: true });
    // Whole on screen: its number under the header, its last line and its Ready above the bottom edge.
    const box = (await h.page.evaluate(`(() => {
      const card = document.querySelector('#queue [data-order-id="${LONG}"]');
      return { top: card.querySelector('.order-id').getBoundingClientRect().top, header: document.querySelector('.top-stack').getBoundingClientRect().bottom,
        last: card.querySelector('.card-lines > li:last-child').getBoundingClientRect().bottom, ready: card.querySelector('[data-action="ready"]').getBoundingClientRect().bottom };
    })()`)) as { top: number; header: number; last: number; ready: number };
    expect(box.top).toBeGreaterThanOrEqual(box.header);
    expect(box.last).toBeLessThanOrEqual(SMALL.height);
    expect(box.ready).toBeLessThanOrEqual(SMALL.height);
    await expect(cardOf(h.page, LONG).locator('.card-notes .order-note').allTextContents()).resolves.toEqual(['Note: ALLERGY: no peanuts at all', '2× Sate Ayam: no peanut sauce, allergy']);
    await shoot(h.page, 'board-one-long-order');
    await h.page.setViewportSize(SMALL);
    await acknowledgeCard(h.page, LONG);
  });

  it('with twelve orders, three waiting and the relay down: "+N more" exactly where lines are hidden, and at least four cards readable', async () => {
    // A slow printer: tickets wait in its queue, and the header's printer chip counts them.
    h.printer.setSlow(1_000);
    for (let i = 0; i < 3; i++) await sim().scenarios.created({ status: 1, lineCount: 2 });
    for (let i = 0; i < 8; i++) await sim().scenarios.created({ status: 2, lineCount: [1, 6, 2, 8, 3, 1, 7, 2][i]! });
    await waitFor('twelve cards', async () => (await h.page.locator('#queue [data-order-id]').count()) === 12, { timeoutMs: 20_000 });
    await waitFor('three orders in the strip', async () => (await h.page.locator('#accept-alert [data-waiting-order]').count()) === 3, { timeoutMs: 15_000 });
    h.relayLink.setFault({ kind: 'drop' });
    try {
      await h.page.locator('#banner [data-fault="connection"]').waitFor({ timeout: 15_000 });
      await waitFor('four cards readable under the alerts', async () => ((await h.page.evaluate(READABLE_CARDS)) as number) >= 4);
      const laidOut = await waitFor('the board laid out', () => h.page.evaluate(LAID_OUT));
      expect(laidOut).not.toBeNull();
      const inView = await waitFor('the cards in view fitted', async () => {
        const all = (await fits(h)).filter((c) => c.inView);
        return all.every((c) => c.hiddenLines >= 0) && all;
      });
      for (const card of inView) {
        const hidden = card.lines - card.shown;
        expect(card.whole, `order ${card.id}: every line shown is whole, in order`).toBe(true);
        expect(card.hiddenLines, `order ${card.id}`).toBe(card.base + hidden);
        expect(card.more, `order ${card.id}`).toBe(card.hiddenLines > 0 ? `+${card.hiddenLines} more — tap` : null);
      }
      // Its status word is the printer's: ✓ while status answers come in time, "no status" once the slowed
      // printer's answer misses the probe's timeout (how soon depends on the machine's load).
      await waitFor('the printer chip counting its queue', async () => /^Kitchen(:? no status| ✓) · \d+ to print$/.test((await h.page.locator('.health .printer').first().textContent()) ?? ''), { timeoutMs: 10_000 });
      // The header's chips are whole at 1024 px: the count to accept, the link, each printer's state.
      const cut = await h.page.evaluate(`[...document.querySelectorAll('#waiting-count, .health > span, .printer-state')].filter((e) => {
        const box = e.getBoundingClientRect();
        return e.getClientRects().length > 0 && (e.scrollWidth > e.clientWidth + 1 || box.right > innerWidth || box.left < 0);
      }).map((e) => e.textContent)`);
      expect(cut).toEqual([]);
      await expect(h.page.locator('#waiting-count').textContent()).resolves.toMatch(/^3 to accept · \d+:\d\d$/);

      // The board is full: some card does hide lines, and says so.
      expect(inView.some((c) => c.more !== null)).toBe(true);
      await shoot(h.page, 'board-twelve-orders-relay-down');
    } finally {
      h.relayLink.setFault({ kind: 'none' });
      h.printer.setSlow(0);
    }
    await h.page.setViewportSize(SMALL);
    await h.page.locator('#banner [data-fault="connection"]').waitFor({ state: 'detached', timeout: 15_000 });
  }, 90_000);

  it('lays the board out again when the window goes between 1366×768 and 1024×600, and then stops', async () => {
    const seen = new Map<string, number[]>();
    for (const size of [LARGE, SMALL, LARGE, SMALL, LARGE]) {
      await h.page.setViewportSize(size);
      const name = `${size.width}x${size.height}`;
      const layout = await waitFor(`the board laid out at ${name}`, async () => {
        const now = (await h.page.evaluate(LAID_OUT)) as { columns: number; rows: number[] } | null;
        return now && now.columns === (size === LARGE ? 4 : 3) && now;
      }, { timeoutMs: 10_000 });
      // Settled: nothing writes the rows again over the next frames.
      await expect(waitFor(`the rows to stay put at ${name}`, () => h.page.evaluate(WRITES_OVER_FRAMES).then((n) => (n === 0 ? true : null)), { timeoutMs: 10_000 })).resolves.toBe(true);
      // Back at a size it had, the board is laid out as it was then.
      if (seen.has(name)) expect(layout.rows).toEqual(seen.get(name));
      seen.set(name, layout.rows);
      // Every card in view fitted at this size: no line hidden that has room, "+N more" exactly what is hidden.
      await waitFor(`no line hidden needlessly at ${name}`, async () => ((await h.page.evaluate(NEEDLESSLY_HIDDEN)) as string[]).length === 0, { timeoutMs: 10_000 });
      const all = (await fits(h)).filter((c) => c.inView);
      for (const card of all) expect(card.more, `order ${card.id} at ${name}`).toBe(card.hiddenLines > 0 ? `+${card.hiddenLines} more — tap` : null);
    }
  }, 60_000);

  it('keeps the views used away from the rush one tap away under More at 1024 px, and every tab in the row at 1366', async () => {
    await h.page.setViewportSize(SMALL);
    const visible = (id: string) => h.page.locator(`#${id}`).isVisible();
    await expect(Promise.all(['tab-queue', 'tab-done', 'tab-problems', 'tab-more'].map(visible))).resolves.toEqual([true, true, true, true]);
    await expect(Promise.all(['tab-settings', 'tab-stock', 'tab-allday', 'tab-numbers'].map(visible))).resolves.toEqual([false, false, false, false]);
    await h.page.locator('#tab-more').click();
    await shoot(h.page, 'header-more-open');
    await h.page.setViewportSize(SMALL);
    // Still open after the screenshots' resizing: one tap on the view wanted.
    await h.page.locator('#tab-allday').click();
    await h.page.locator('#view-allday:not([hidden])').waitFor();
    // The menu closed behind the choice, and More is marked as the tab that is shown.
    await expect(visible('tab-numbers')).resolves.toBe(false);
    await expect(h.page.locator('#tab-more').getAttribute('aria-selected')).resolves.toBe('true');
    await h.page.setViewportSize(LARGE);
    await expect(Promise.all(['tab-settings', 'tab-stock', 'tab-allday', 'tab-numbers', 'tab-more'].map(visible))).resolves.toEqual([true, true, true, true, false]);
    await h.page.locator('#tab-queue').click();
    await h.page.setViewportSize(SMALL);
  });
});
