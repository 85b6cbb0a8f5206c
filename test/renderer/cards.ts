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

/** Opens an order's detail from its card: the first tap acknowledges a new card, the next opens it. */
export async function openCard(page: Page, orderId: number): Promise<void> {
  await acknowledgeCard(page, orderId);
  await cardOf(page, orderId).click();
  await page.locator('#detail[open]').waitFor();
}
