import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import { startHarness, type Harness } from '../integration/window-api/support/harness.js';
import { cartLine, openCard } from './cards.js';
import { shoot } from './screenshots.js';

// The board in the kitchen's language, in Chromium against the real core, the relay and the simulated
// klikit: Bahasa Indonesia, Thai and Arabic (mirrored, right to left) with their own words on screen,
// and the pseudo-locale (every word about 40 % longer) at 1024×600 with nothing overflowing or cut.

const SMALL = { width: 1024, height: 600 };

/** Saves the window's language as Settings does and reloads the board in it. */
async function useLanguage(h: Harness, tag: string): Promise<void> {
  const saved = (await h.page.evaluate(`window.bridge.saveSettings({ language: ${JSON.stringify(tag)} })`)) as { ok: boolean };
  expect(saved.ok, `saving language ${tag}`).toBe(true);
  await h.page.reload();
  await h.page.locator('body[data-ready="true"]').waitFor({ timeout: 15_000 });
  // Arabic's tag also asks for the digits staff read on the tickets and the platforms' tablets: ar-u-nu-latn.
  await expect(h.page.evaluate('document.documentElement.lang')).resolves.toMatch(new RegExp(`^${tag}(-|$)`));
}

/** Orders on the board: `waiting` of them waiting for acceptance, then accepted ones with these many lines (`before`: cards already there). */
async function fillBoard(h: Harness, waiting: number, accepted: readonly number[], before = 0): Promise<void> {
  for (let i = 0; i < waiting; i++) await h.sim!.scenarios.created({ status: 1, lineCount: 2 });
  for (const lineCount of accepted) await h.sim!.scenarios.created({ status: 2, lineCount });
  await waitFor('the cards', async () => (await h.page.locator('#queue [data-order-id]').count()) === before + waiting + accepted.length, { timeoutMs: 20_000 });
  await waitFor('the strip', async () => (await h.page.locator('#accept-alert [data-waiting-order]').count()) === waiting, { timeoutMs: 15_000 });
}

const text = async (h: Harness, selector: string): Promise<string> => ((await h.page.locator(selector).first().textContent()) ?? '').trim();

describe('the board in the kitchen\'s language', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ klikit: true, viewport: SMALL, settings: { language: 'id' } });
    await fillBoard(h, 2, [2, 3]);
  }, 90_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('speaks Bahasa Indonesia: tabs, the strip, the buttons, the header', async () => {
    await expect(h.page.evaluate('[document.documentElement.lang, document.documentElement.dir]')).resolves.toEqual(['id', 'ltr']);
    await expect(text(h, '#tab-queue')).resolves.toBe('Pesanan');
    await expect(text(h, '#tab-problems')).resolves.toBe('Masalah');
    await expect(text(h, '#accept-alert .alert-count')).resolves.toBe('2 PERLU DITERIMA');
    await expect(text(h, '#accept-alert [data-action="accepted"]')).resolves.toBe('Terima');
    await expect(text(h, '#accept-alert [data-action="rejected"]')).resolves.toBe('Tolak');
    await expect(text(h, '#queue [data-action="ready"]')).resolves.toBe('Siap');
    await expect(text(h, '#waiting-count')).resolves.toMatch(/^2 perlu diterima · \d+:\d\d$/);
    await expect(text(h, '.conn')).resolves.toBe('Terhubung');
    await expect(text(h, '#sound-toggle')).resolves.toMatch(/^Suara: (nyala|mati)$/);
    await expect(h.page.locator('#done-search').getAttribute('placeholder')).resolves.toBe('Cari pesanan selesai: nomor, platform, item (/)');
    await shoot(h.page, 'board-language-id');
  }, 60_000);

  it('speaks Thai once Settings says so', async () => {
    await useLanguage(h, 'th');
    await expect(text(h, '#tab-queue')).resolves.toBe('ออเดอร์');
    await expect(text(h, '#accept-alert .alert-count')).resolves.toBe('รอรับ 2 ออเดอร์');
    await expect(text(h, '#accept-alert [data-action="accepted"]')).resolves.toBe('รับ');
    await expect(text(h, '#queue [data-action="ready"]')).resolves.toBe('พร้อม');
    await expect(text(h, '.health .last-order')).resolves.toMatch(/^ออเดอร์ล่าสุด \d\d:\d\d$/);
    await shoot(h.page, 'board-language-th');
  }, 60_000);

  it('mirrors in Arabic: right to left, the first card at the right edge, order numbers still read left to right', async () => {
    await useLanguage(h, 'ar');
    await expect(h.page.evaluate('document.documentElement.dir')).resolves.toBe('rtl');
    await expect(text(h, '#tab-queue')).resolves.toBe('الطلبات');
    await expect(text(h, '#accept-alert .alert-count')).resolves.toBe('بانتظار القبول: 2');
    await expect(text(h, '#accept-alert [data-action="accepted"]')).resolves.toBe('قبول');
    await expect(text(h, '#queue [data-action="ready"]')).resolves.toBe('جاهز');
    const boxes = (await h.page.evaluate(`(() => {
      const box = (e) => e.getBoundingClientRect().toJSON();
      const first = document.querySelector('#queue > li[data-order-id]');
      const head = first.querySelector('.card-head');
      return {
        width: innerWidth,
        board: box(document.querySelector('#queue')),
        first: box(first),
        firstId: box(head.querySelector('.order-id')),
        firstClock: box(head.querySelector('.age, .accept-left')),
        firstActions: box(first.querySelector('.card-actions')),
        waiting: box(document.querySelector('#waiting-count')),
        tabs: box(document.querySelector('.tabs')),
        idText: head.querySelector('.order-id').textContent,
        idDirection: getComputedStyle(head.querySelector('.order-id')).direction,
      };
    })()`)) as { [K in 'board' | 'first' | 'firstId' | 'firstClock' | 'firstActions' | 'waiting' | 'tabs']: { left: number; right: number } } & { width: number; idText: string; idDirection: string };
    // The first (oldest) card sits at the board's right edge, as Arabic reads.
    expect(boxes.first.right).toBeGreaterThan(boxes.board.right - 2);
    expect(boxes.first.left).toBeGreaterThan(boxes.width / 2);
    // Inside it, the number is on the right, the clock on the left, the buttons at the left end.
    expect(boxes.firstId.left).toBeGreaterThan(boxes.firstClock.right);
    expect(boxes.firstActions.left).toBeLessThan(boxes.first.left + 20);
    // The header starts at the right: the count to accept right of the tabs.
    expect(boxes.waiting.left).toBeGreaterThan(boxes.tabs.right);
    expect(boxes.idText).toMatch(/^#\d+$/);
    expect(boxes.idDirection).toBe('ltr');
    await shoot(h.page, 'board-language-ar');

    // The dialogs too: Reject asks why in Arabic, the detail's sections are named in Arabic.
    await h.page.locator('#accept-alert [data-action="rejected"]').first().click();
    await h.page.locator('#reject-dialog[open]').waitFor();
    await expect(text(h, '#reject-title')).resolves.toMatch(/^رفض الطلب #\S+؟$/);
    await expect(h.page.locator('#reject-reasons button').allTextContents()).resolves.toEqual(['صنف نفد من المخزون', 'المطبخ مشغول جدًا', 'المتجر مغلق', 'سبب آخر']);
    await expect(text(h, '#reject-cancel')).resolves.toBe('أبقِ الطلب');
    await shoot(h.page, 'reject-language-ar');
    await h.page.locator('#reject-cancel').click();
    await openCard(h.page, Number(await h.page.locator('#queue [data-order-id]').first().getAttribute('data-order-id')));
    await expect(h.page.locator('#detail-content h3').allTextContents()).resolves.toEqual(['التذكرة', 'السجل']);
    await shoot(h.page, 'detail-language-ar');
    await h.page.locator('#detail-close').click();
  }, 60_000);
});

/**
 * Every text a cook must read whole on the board, each with what it must stay inside (its card, the
 * banner, the strip, the window), and whether it is cut: wider than its box, or out of its container.
 * Only a chip whose full text is in its title may end in an ellipsis, and never a button.
 */
const CUT_TEXTS = `(() => {
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const checks = [
    ['.top > *, .top .tabs button, .top select', () => document.querySelector('.top').getBoundingClientRect()],
    ['.health > span', () => document.querySelector('.health').getBoundingClientRect()],
    ['.printer-state, .printer-name', (e) => e.closest('.printer').getBoundingClientRect()],
    ['#banner .fault, #banner .fault > *', () => document.querySelector('#banner').getBoundingClientRect()],
    ['#accept-alert .alert-title > span', () => document.querySelector('#accept-alert').getBoundingClientRect()],
    // The strip's orders scroll sideways when they are more than its width: each one is whole in itself.
    ['#accept-alert .alert-order > *, #accept-alert button', (e) => e.closest('.alert-order').getBoundingClientRect()],
    ['#queue .card-head > *, #queue .card-meta > *, #queue .badge, #queue .mark, #queue .station, #queue .order-note, #queue .action-note, #queue .card-foot > *, #queue .card-foot button, #queue .other-stations', (e) => e.closest('.card').getBoundingClientRect()],
    ['#undo-bar .undo-item, #undo-bar button', () => ({ left: 0, right: innerWidth })],
  ];
  const cut = [];
  for (const [selector, container] of checks) {
    for (const e of document.querySelectorAll(selector)) {
      if (!shown(e)) continue;
      const box = e.getBoundingClientRect();
      const room = container(e);
      const text = (e.textContent ?? '').trim();
      const inline = getComputedStyle(e).display === 'inline';
      const wider = !inline && e.scrollWidth > e.clientWidth + 1;
      const taller = !inline && getComputedStyle(e).overflowY !== 'visible' && e.scrollHeight > e.clientHeight + 1;
      const excused = wider && e.tagName !== 'BUTTON' && e.getAttribute('title') === text;
      const outside = box.left < room.left - 0.5 || box.right > room.right + 0.5;
      if ((wider && !excused) || taller || outside) cut.push({ selector, text, wider, taller, outside, box: [Math.round(box.left), Math.round(box.right)], room: [Math.round(room.left), Math.round(room.right)] });
    }
  }
  // The header's parts side by side, none drawn over another.
  const parts = [...document.querySelectorAll('.top > *')].filter(shown).map((e) => [e, e.getBoundingClientRect()]);
  for (const [a, boxA] of parts) {
    for (const [b, boxB] of parts) {
      if (a !== b && boxA.left < boxB.right - 0.5 && boxB.left < boxA.right - 0.5 && boxA.top < boxB.bottom - 0.5 && boxB.top < boxA.bottom - 0.5) cut.push({ selector: '.top > *', text: a.id || a.className, over: b.id || b.className });
    }
  }
  // A card's foot (its buttons) is inside the card, never under its bottom edge.
  for (const card of document.querySelectorAll('#queue [data-order-id]')) {
    const foot = card.querySelector('.card-foot').getBoundingClientRect();
    if (foot.bottom > card.getBoundingClientRect().bottom + 0.5) cut.push({ selector: '.card-foot', text: card.dataset.orderId, below: true });
  }
  return cut;
})()`;

describe('the pseudo-locale at 1024×600', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ klikit: true, viewport: SMALL, settings: { language: 'en-XA' } });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('fits every button, banner, tab and card text with three orders waiting, a banner and a full board', async () => {
    await h.postOrder(72_100_001, { type: 3, table_no: 'A7', user_first_name: 'Budi', order_comment: 'ALLERGY: no peanuts at all', cart_v2: Array.from({ length: 5 }, (_, i) => cartLine(i)) });
    await fillBoard(h, 3, [1, 4, 2, 6], 1);
    await expect(text(h, '#tab-queue')).resolves.toMatch(/^⟦.+⟧$/);
    h.relayLink.setFault({ kind: 'drop' });
    try {
      await h.page.locator('#banner [data-fault="connection"]').waitFor({ timeout: 15_000 });
      // Let the board lay itself out under the banner and fit its cards.
      await h.page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve))))');
      const cut = await waitFor('nothing cut', async () => {
        const found = (await h.page.evaluate(CUT_TEXTS)) as unknown[];
        return found.length === 0 ? found : null;
      }, { timeoutMs: 5_000 }).catch(async () => h.page.evaluate(CUT_TEXTS));
      await shoot(h.page, 'board-language-pseudo');
      expect(cut).toEqual([]);

      // The detail's buttons and headings fit its dialog.
      await openCard(h.page, 72_100_001);
      const detailCut = await h.page.evaluate(`[...document.querySelectorAll('#detail button, #detail h3, #detail .detail-head > *, #detail .mark')].filter((e) => {
        if (e.getClientRects().length === 0) return false;
        const box = e.getBoundingClientRect();
        const room = document.querySelector('#detail').getBoundingClientRect();
        return e.scrollWidth > e.clientWidth + 1 || box.left < room.left || box.right > room.right;
      }).map((e) => e.textContent)`);
      await shoot(h.page, 'detail-language-pseudo');
      expect(detailCut).toEqual([]);
      await h.page.locator('#detail-close').click();
    } finally {
      h.relayLink.setFault({ kind: 'none' });
    }
  }, 90_000);
});
