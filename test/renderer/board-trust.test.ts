import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SimOrder } from '../../dev/simulator/order-generator.js';
import { waitFor } from '../helpers/wait.js';
import { startHarness, type Harness } from '../integration/window-api/support/harness.js';
import { NEEDLESSLY_HIDDEN, READABLE_CARDS, acknowledgeCard, cardOf, cartLine } from './cards.js';
import { shoot } from './screenshots.js';

// A board a cook can trust in a rush, in Chromium against the real core, the relay and the simulated
// klikit: cards that never hide food, alerts that leave the board readable, VOID cards, a chime that
// stops when the order leaves the board, and no codes where a cook reads.

const FAST_RETRIES = { timing: { apiBackoffBaseMs: 100, apiBackoffCapMs: 500, apiTimeoutMs: 2_000, reconcileIntervalMs: 3_600_000 } };
const SMALL = { width: 1024, height: 600 };
type Box = { top: number; bottom: number; left: number; right: number };

// What must never reach a cook: HTTP statuses, WebSocket close codes, request ids, klikit event names.
const RAW_CODES = [/HTTP\s*\d{3}/i, /\b(?:status|code)\s*[45]\d\d\b/i, /closed?\s*\(\d{4}\)/i, /\(\d{4}\)/, /request[_ ]?id/i, /\b(?:created\.v2|status\.updated|cart\.updated|klikit\.order)\b/i];

/** Every text the board shows a cook: the header, the strip, the banners and the cards, with their tooltips and labels. */
const BOARD_TEXT = `(() => {
  const roots = [document.querySelector('.top-stack'), document.querySelector('#view-queue'), document.querySelector('#undo-bar')];
  const attrs = roots.flatMap((r) => [...r.querySelectorAll('[title], [aria-label]')].flatMap((e) => [e.getAttribute('title') ?? '', e.getAttribute('aria-label') ?? '']));
  return [...roots.map((r) => r.innerText), ...attrs].join('\\n');
})()`;

async function boardTextHasNoCodes(h: Harness): Promise<void> {
  const text = (await h.page.evaluate(BOARD_TEXT)) as string;
  for (const pattern of RAW_CODES) expect(text, `${pattern} on the board`).not.toMatch(pattern);
}

describe('cards and alerts on a busy board', () => {
  let h: Harness;
  const sim = () => h.sim!;
  const card = (id: number) => cardOf(h.page, id);

  beforeAll(async () => {
    h = await startHarness({ klikit: true, overrides: FAST_RETRIES, viewport: SMALL });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });
  // A failed test must not leave the next one without its relay or with klikit answering 502.
  afterEach(() => {
    h.relayLink.setFault({ kind: 'none' });
    h.klikitLink!.setFault({ kind: 'none' });
    sim().faults.clear();
  });

  it('shows every line of an 8-line order at 1024×600 or says exactly how many it does not, with the allergy note above the items', async () => {
    const id = 71_800_001;
    await h.postOrder(id, { type: 3, table_no: 'A7', user_first_name: 'Budi', order_comment: 'ALLERGY: no peanuts at all', cart_v2: Array.from({ length: 8 }, (_, i) => cartLine(i)) });
    await card(id).waitFor({ timeout: 10_000 });
    await card(id).locator('.print-printed').waitFor({ timeout: 10_000 });

    // In one synchronous script: a card rebuilt between two calls would read as detached.
    const layout = await waitFor('the card fitted', async () => (await h.page.evaluate(`(() => {
      const el = document.querySelector('#queue [data-order-id="${id}"]');
      if (el.dataset.hiddenLines === undefined) return null;
      const box = (e) => (e ? e.getBoundingClientRect().toJSON() : null);
      const list = el.querySelector('.card-lines').getBoundingClientRect().toJSON();
      const shown = [...el.querySelectorAll('.card-lines > li:not([hidden])')].map((li) => li.getBoundingClientRect());
      const more = el.querySelector('.more-lines');
      const note = el.querySelector('.order-note');
      return {
        card: box(el),
        list,
        shown: shown.map((b) => ({ top: b.top, bottom: b.bottom })),
        more: more.hidden ? null : more.textContent,
        note: box(note),
        noteText: note ? note.textContent : '',
        noteOpacity: note ? Number(getComputedStyle(note).opacity) : 0,
        masked: getComputedStyle(el.querySelector('.card-lines')).maskImage !== 'none',
        firstItem: el.querySelector('.card-lines > li .item')?.textContent ?? '',
        mods: el.querySelector('.card-lines > li .mods')?.textContent ?? '',
        customer: el.querySelector('.customer')?.textContent ?? '',
      };
    })()`)) as {
      card: Box; list: Box; shown: Array<{ top: number; bottom: number }>; more: string | null; note: Box | null;
      noteText: string; noteOpacity: number; masked: boolean; firstItem: string; mods: string; customer: string;
    } | null);
    expect(layout.shown.length).toBeGreaterThan(0);
    // Every line shown is whole; what is not shown is counted exactly.
    for (const l of layout.shown) expect(l.bottom).toBeLessThanOrEqual(layout.list.bottom + 0.5);
    expect(layout.more).toBe(layout.shown.length === 8 ? null : `+${8 - layout.shown.length} more — tap`);
    expect(layout.note).not.toBeNull();
    expect(layout.noteText).toBe('Note: ALLERGY: no peanuts at all');
    expect(layout.note!.bottom).toBeLessThanOrEqual(layout.shown[0]!.top);
    expect(layout.noteOpacity).toBe(1);
    expect(layout.masked).toBe(false);
    expect(layout.firstItem).toBe('Nasi Goreng Kampung');
    expect(layout.mods).toBe('Sugar: 50%');
    expect(layout.customer).toBe('Budi');
    // The line note about an allergy is at the top too, with the order's note.
    await expect(card(id).locator('.card-notes .line-safety').textContent()).resolves.toBe('2× Sate Ayam: no peanut sauce, allergy');
    await shoot(h.page, 'card-eight-lines-allergy', `#queue [data-order-id="${id}"]`);
    // Back at the size measured above: the screenshots leave a larger window, where every line may fit.
    await h.page.setViewportSize(SMALL);

    if (layout.more) {
      await card(id).locator('.more-lines').click();
      await h.page.locator('#detail[open] #ticket-preview').waitFor();
      await expect(h.page.locator('#ticket-preview').textContent()).resolves.toContain('Pisang Goreng');
      await h.page.locator('#detail-close').click();
    }
    await acknowledgeCard(h.page, id);
  });

  it('keeps the waiting orders in a strip that stays in view, and at least four cards readable with three waiting and the relay down', async () => {
    const waitingOrders: SimOrder[] = [];
    for (let i = 0; i < 3; i++) waitingOrders.push((await sim().scenarios.created({ status: 1, lineCount: 2 })).order);
    for (let i = 0; i < 5; i++) await sim().scenarios.created({ status: 2, lineCount: 1 + (i % 3) });
    await waitFor('three orders in the strip', async () => (await h.page.locator('#accept-alert [data-waiting-order]').count()) === 3, { timeoutMs: 15_000 });
    h.relayLink.setFault({ kind: 'drop' });
    try {
      await h.page.locator('#banner [data-fault="connection"]').waitFor({ timeout: 15_000 });
      await h.page.setViewportSize(SMALL);
      // The board as a cook finds it, from its top: an earlier test may have left the page scrolled
      // (opening a card lower down scrolls it into view), and the first row would then sit under the header.
      await h.page.evaluate('window.scrollTo(0, 0)');
      await expect(h.page.locator('#waiting-count').textContent()).resolves.toMatch(/^3 to accept · \d+:\d\d$/);
      await expect(h.page.locator('#accept-alert .alert-count').textContent()).resolves.toBe('3 TO ACCEPT');
      // One line each: the strip and the banner's line are short.
      const strip = await waitFor('the strip laid out', () => h.page.locator('#accept-alert').boundingBox());
      const banner = await waitFor('the banner laid out', () => h.page.locator('#banner [data-fault="connection"]').boundingBox());
      expect(strip.height).toBeLessThanOrEqual(64);
      expect(banner.height).toBeLessThanOrEqual(32);
      await expect(h.page.locator('#banner [data-fault="connection"] .advice').isVisible()).resolves.toBe(true);
      // What to do is not cut off at the end of the line.
      await expect(h.page.evaluate(`(() => { const l = document.querySelector('#banner [data-fault="connection"]'); return l.scrollWidth <= l.clientWidth + 1; })()`)).resolves.toBe(true);

      await waitFor('four cards readable under the alerts', async () => ((await h.page.evaluate(READABLE_CARDS)) as number) >= 4);
      await expect(h.page.evaluate(NEEDLESSLY_HIDDEN)).resolves.toEqual([]);
      await shoot(h.page, 'alerts-three-waiting-relay-down');

      // Scrolled down the board, the strip and the header are still there.
      await h.page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
      const scrolled = (await h.page.locator('#accept-alert').boundingBox())!;
      expect(scrolled.y).toBeGreaterThanOrEqual(0);
      expect(scrolled.y + scrolled.height).toBeLessThanOrEqual(SMALL.height);
      await h.page.evaluate('window.scrollTo(0, 0)');
    } finally {
      h.relayLink.setFault({ kind: 'none' });
    }
    await h.page.locator('#banner [data-fault="connection"]').waitFor({ state: 'detached', timeout: 15_000 });
    for (const order of waitingOrders) {
      await h.page.locator(`#accept-alert [data-waiting-order="${order.id}"] [data-action="accepted"]`).click();
      await h.page.locator(`#accept-alert [data-waiting-order="${order.id}"]`).waitFor({ state: 'detached', timeout: 15_000 });
    }
    await h.page.locator('#accept-alert').waitFor({ state: 'hidden' });
  }, 90_000);

  it('leaves a cancelled order as a VOID card until acknowledged, then it is in Done', async () => {
    const { order } = await sim().scenarios.created({ status: 2, lineCount: 2 });
    await card(order.id).locator('.print-printed').waitFor({ timeout: 15_000 });
    await acknowledgeCard(h.page, order.id);
    const cancelTickets = () => h.printer.tickets().filter((t) => t.text.includes('CANCEL')).length;
    const before = cancelTickets();
    await sim().scenarios.cancel(order);
    await card(order.id).locator('.mark-void').waitFor({ timeout: 15_000 });
    await expect(card(order.id).getAttribute('class')).resolves.toContain('order-void');
    const look = (await h.page.evaluate(`(() => {
      const el = document.querySelector('#queue [data-order-id="${order.id}"]');
      return {
        struck: getComputedStyle(el.querySelector('.card-lines .item')).textDecorationLine,
        numberStruck: getComputedStyle(el.querySelector('.order-id')).textDecorationLine,
        mark: el.querySelector('.mark-void').textContent,
      };
    })()`)) as { struck: string; numberStruck: string; mark: string };
    expect(look).toEqual({ struck: 'line-through', numberStruck: 'line-through', mark: 'VOID — stop cooking' });
    await expect(card(order.id).locator('[data-action]').count()).resolves.toBe(0);
    // Its cancel ticket printing does not clear it: only a person does.
    await waitFor('the cancel ticket printed', () => cancelTickets() > before, { timeoutMs: 15_000 });
    await expect(card(order.id).locator('.mark-void').count()).resolves.toBe(1);
    await expect(h.page.evaluate(NEEDLESSLY_HIDDEN)).resolves.toEqual([]);
    await shoot(h.page, 'void-card', `#queue [data-order-id="${order.id}"]`);

    await card(order.id).click();
    await card(order.id).waitFor({ state: 'detached', timeout: 15_000 });
    expect(await h.page.locator('#detail[open]').count()).toBe(0);
    await h.page.locator('#tab-done').click();
    const row = h.page.locator(`#done-list [data-order-id="${order.id}"]`);
    await row.waitFor();
    await expect(row.locator('.status').textContent()).resolves.toBe('CANCELLED');
    await shoot(h.page, 'done-with-void-cleared');
    await h.page.locator('#tab-queue').click();
  });

  it('words, not codes: a refused action, a 502, an edit and a relay drop leave no code on the board', async () => {
    // Refused: accepted on the aggregator's tablet meanwhile (klikit answers 409 with a request id).
    const { order: refused } = await sim().scenarios.created({ status: 1, lineCount: 1 });
    await card(refused.id).waitFor({ timeout: 15_000 });
    sim().record.publish(sim().generator.withStatus(sim().record.latest(refused.id)!, 2));
    await h.page.locator(`#accept-alert [data-waiting-order="${refused.id}"] [data-action="accepted"]`).click();
    await card(refused.id).locator('.action-refused').waitFor({ timeout: 15_000 });

    // Failing: klikit answers 502 for a while; the card says so in words, with the next try.
    const { order: failing } = await sim().scenarios.created({ status: 1, lineCount: 1 });
    await card(failing.id).waitFor({ timeout: 15_000 });
    sim().faults.set('bad-gateway');
    await h.page.locator(`#accept-alert [data-waiting-order="${failing.id}"] [data-action="accepted"]`).click();
    await card(failing.id).locator('.action-retrying').waitFor({ timeout: 15_000 });
    await expect(card(failing.id).locator('.action-retrying').textContent()).resolves.toMatch(/^Accept not sent yet: klikit is having trouble/);
    // klikit answering 502 is klikit in trouble; its network gone is what the header calls unreachable.
    h.klikitLink!.setFault({ kind: 'drop' });
    await waitFor('the header says klikit is unreachable', async () => /^klikit unreachable — \d+ actions? waiting$/.test((await h.page.locator('[data-klikit="unreachable"]').textContent().catch(() => '')) ?? ''), { timeoutMs: 15_000 });

    await boardTextHasNoCodes(h);
    await shoot(h.page, 'words-not-codes', `#queue [data-order-id="${failing.id}"]`);
    h.klikitLink!.setFault({ kind: 'none' });
    // The edit is read back from klikit: klikit answers again from here on.
    sim().faults.clear();

    // Edited after it was seen: the card says what changed (a scheduled order's kitchen has not seen it yet).
    const { order: edited } = await sim().scenarios.created({ status: 2, lineCount: 2, scheduled: false });
    await card(edited.id).locator('.print-printed').waitFor({ timeout: 15_000 });
    await acknowledgeCard(h.page, edited.id);
    await sim().scenarios.cartEdit(edited);
    await card(edited.id).locator('.mark-updated').waitFor({ timeout: 15_000 });

    h.relayLink.setFault({ kind: 'drop' });
    await h.page.locator('#banner [data-fault="connection"]').waitFor({ timeout: 15_000 });
    await boardTextHasNoCodes(h);
    await shoot(h.page, 'updated-shows-changes', `#queue [data-order-id="${edited.id}"]`);

    h.relayLink.setFault({ kind: 'none' });
    await card(failing.id).locator('[data-action="ready"]').waitFor({ timeout: 15_000 });
    await h.page.locator('[data-klikit="unreachable"]').waitFor({ state: 'detached', timeout: 15_000 });
  }, 90_000);
});

describe('the chime and the title count', () => {
  let h: Harness;
  const sim = () => h.sim!;
  const card = (id: number) => cardOf(h.page, id);
  const chiming = async () => (await h.page.evaluate('document.body.dataset.chime')) === 'true';
  const titleCount = async () => Number(/^\((\d+)\)/.exec(await h.page.title())?.[1] ?? 0);

  beforeAll(async () => {
    h = await startHarness({ klikit: true, overrides: FAST_RETRIES, settings: { sound: true } });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  async function expectQuiet(what: string): Promise<void> {
    await waitFor(`the chime to stop: ${what}`, async () => !(await chiming()) && (await titleCount()) === 0, { timeoutMs: 15_000 });
  }

  it('chimes for a new order and stops when it is finished elsewhere, never opened', async () => {
    const { order } = await sim().scenarios.created({ status: 2, lineCount: 1 });
    await card(order.id).waitFor({ timeout: 15_000 });
    await waitFor('the chime', chiming);
    expect(await titleCount()).toBe(1);
    await sim().scenarios.status(order, 4);
    await card(order.id).waitFor({ state: 'detached', timeout: 15_000 });
    await expectQuiet('ready at klikit');
  });

  it('stops when a new order is bumped here without being opened', async () => {
    const { order } = await sim().scenarios.created({ status: 2, lineCount: 1 });
    await waitFor('the chime', chiming);
    await card(order.id).locator('[data-action="ready"]').click();
    await card(order.id).waitFor({ state: 'detached', timeout: 15_000 });
    await expectQuiet('bumped here');
  });

  it('keeps chiming while an order waits for acceptance, even acknowledged, and stops when it is accepted', async () => {
    const { order } = await sim().scenarios.created({ status: 1, lineCount: 1 });
    await card(order.id).waitFor({ timeout: 15_000 });
    await acknowledgeCard(h.page, order.id);
    expect(await chiming()).toBe(true);
    await h.page.locator(`#accept-alert [data-waiting-order="${order.id}"] [data-action="accepted"]`).click();
    await expectQuiet('accepted');
    await card(order.id).locator('[data-action="ready"]').click();
    await card(order.id).waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('chimes for a cancellation as long as the VOID card is on the board, and stops with the tap that clears it', async () => {
    const { order } = await sim().scenarios.created({ status: 2, lineCount: 1 });
    await card(order.id).locator('.print-printed').waitFor({ timeout: 15_000 });
    await acknowledgeCard(h.page, order.id);
    await expectQuiet('acknowledged');
    await sim().scenarios.cancel(order);
    await card(order.id).locator('.mark-void').waitFor({ timeout: 15_000 });
    await waitFor('the chime for the VOID', chiming);
    await card(order.id).click();
    await card(order.id).waitFor({ state: 'detached', timeout: 15_000 });
    await expectQuiet('VOID cleared');
  });

  it('stops when a waiting order is cancelled before anyone saw it and its VOID is cleared', async () => {
    const { order } = await sim().scenarios.created({ status: 1, lineCount: 1 });
    await card(order.id).locator('.print-printed').waitFor({ timeout: 15_000 });
    await sim().scenarios.cancel(order);
    await card(order.id).locator('.mark-void').waitFor({ timeout: 15_000 });
    await h.page.locator('#accept-alert').waitFor({ state: 'hidden', timeout: 15_000 });
    expect(await chiming()).toBe(true);
    await card(order.id).click();
    await expectQuiet('VOID of a never-seen order cleared');
  });
});

describe('a counter without klikit API credentials (relay only)', () => {
  it('says acceptance happens on the aggregator’s tablet and offers no Accept or Reject', async () => {
    const h = await startHarness({ viewport: SMALL });
    try {
      await h.postOrder(71_800_101, { status: 1, can_accept: true, auto_accept: false });
      const chip = h.page.locator('#accept-alert [data-waiting-order="71800101"]');
      await chip.waitFor({ timeout: 10_000 });
      await expect(h.page.locator('#accept-alert .alert-why').textContent()).resolves.toBe('accept on the aggregator’s tablet');
      await expect(h.page.locator('#accept-alert [data-action]').count()).resolves.toBe(0);
      await expect(cardOf(h.page, 71_800_101).locator('[data-action="accepted"], [data-action="rejected"]').count()).resolves.toBe(0);
      await expect(h.page.locator('[data-klikit="none"]').textContent()).resolves.toBe('Relay only');
      // At 1024 px the card's hint and its buttons share the foot: every button whole, inside the card.
      await expect(
        cardOf(h.page, 71_800_101).evaluate((card) => {
          const room = card.getBoundingClientRect();
          return [...card.querySelectorAll('.card-foot button, .card-foot .waiting-hint')]
            .filter((e) => {
              if (e.getClientRects().length === 0 || card.ownerDocument.defaultView!.getComputedStyle(e).visibility === 'hidden') return false;
              const box = e.getBoundingClientRect();
              return box.left < room.left - 0.5 || box.right > room.right + 0.5 || e.scrollWidth > e.clientWidth + 1;
            })
            .map((e) => e.textContent);
        }),
      ).resolves.toEqual([]);
      await shoot(h.page, 'relay-only-waiting');

      // A delivery order whose rider klikit reports at the counter says so on its card.
      await h.postOrder(71_800_102, { status: 8, type: 2 });
      await expect(cardOf(h.page, 71_800_102).locator('.mark-rider-arrived').textContent({ timeout: 10_000 })).resolves.toBe('RIDER ARRIVED');
    } finally {
      await h.stop();
    }
  }, 60_000);
});
