import type { Page } from 'playwright-core';
import { waitFor } from '../helpers/wait.js';

// A tap acknowledges a card that asks for attention (new, edited, VOID) and opens a settled one.

export const cardOf = (page: Page, orderId: number) => page.locator(`#queue [data-order-id="${orderId}"]`);

export async function isNew(page: Page, orderId: number): Promise<boolean> {
  return ((await cardOf(page, orderId).getAttribute('class')) ?? '').includes('order-new');
}

/** Taps the card once to acknowledge it (when it asks) and waits until the board shows it settled. */
export async function acknowledgeCard(page: Page, orderId: number): Promise<void> {
  if (!(await isNew(page, orderId))) return;
  await cardOf(page, orderId).click();
  await waitFor(`order ${orderId} acknowledged`, async () => !(await isNew(page, orderId)));
}

/** Closes every open dialog and shows the Orders tab: a test that failed elsewhere must not hide the board from the tests after it. */
export async function backToBoard(page: Page): Promise<void> {
  await page.evaluate("for (const dialog of document.querySelectorAll('dialog[open]')) dialog.close()");
  await page.locator('#tab-queue').click();
}

/** Opens an order's detail from its card: the first tap acknowledges a new card, the next opens it. */
export async function openCard(page: Page, orderId: number): Promise<void> {
  await acknowledgeCard(page, orderId);
  await cardOf(page, orderId).click();
  await page.locator('#detail[open]').waitFor();
}

/** A cart line as klikit sends it, with modifier groups: line 1 carries an allergy note. */
export const cartLine = (i: number) => ({
  id: `line-${i}`,
  name: ['Nasi Goreng Kampung', 'Sate Ayam', 'Es Teh Manis', 'Mie Ayam Bakso', 'Cimol Original', 'Kopi Tubruk', 'Tahu Crispy', 'Pisang Goreng'][i]!,
  quantity: 1 + (i % 3),
  comment: i === 1 ? 'no peanut sauce, allergy' : '',
  brand: { id: 5297, title: 'Warung Demo' },
  klikit_category_id: 1,
  klikit_category_name: 'Mains',
  modifier_groups: i % 2 === 0 ? [{ id: `g${i}`, name: 'Sugar', modifiers: [{ id: `m${i}`, name: '50%', quantity: 1, modifier_groups: [] }] }] : [],
});

/** Cards whose number and first line are on screen, below the header, strip and banners (each card fitted). */
export const READABLE_CARDS = `(() => {
  const top = document.querySelector('.top-stack').getBoundingClientRect().bottom;
  return [...document.querySelectorAll('#queue [data-order-id]')].filter((card) => {
    const id = card.querySelector('.order-id').getBoundingClientRect();
    const first = card.querySelector('.card-lines > li:not([hidden]) .item');
    if (!first || card.dataset.hiddenLines === undefined) return false;
    const line = first.getBoundingClientRect();
    return id.top >= top && id.bottom <= innerHeight && line.top >= top && line.bottom <= innerHeight && id.left >= 0 && id.right <= innerWidth;
  }).length;
})()`;

/** Cards in view that hide a line which would have fitted in the room left under their last shown line (the list's own, and the card's spare room above its foot). */
export const NEEDLESSLY_HIDDEN = `(() => [...document.querySelectorAll('#queue [data-order-id]')].filter((card) => {
  const box = card.getBoundingClientRect();
  if (box.bottom < 0 || box.top > innerHeight || !Number(card.dataset.hiddenLines)) return false;
  const list = card.querySelector('.card-lines');
  const items = [...list.children];
  const firstHidden = items.find((li) => li.hidden);
  if (!firstHidden) return false;
  const shown = items.filter((li) => !li.hidden);
  const used = shown.length ? shown.at(-1).getBoundingClientRect().bottom - list.getBoundingClientRect().top : 0;
  firstHidden.hidden = false;
  const needed = firstHidden.getBoundingClientRect().height;
  firstHidden.hidden = true;
  const gap = parseFloat(getComputedStyle(card).rowGap) || 0;
  const foot = card.querySelector('.card-foot');
  const spare = foot.getBoundingClientRect().top - foot.previousElementSibling.getBoundingClientRect().bottom - gap;
  return needed + 3 < list.clientHeight - used + spare;
}).map((card) => card.dataset.orderId))()`;
