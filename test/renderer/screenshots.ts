import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS } from '../integration/window-api/support/harness.js';

// The window as staff see it at the two sizes that matter (a laptop and a small kitchen tablet),
// saved under test-results/screenshots to be looked at.

const SIZES = [
  { name: '1366x768', width: 1366, height: 768 },
  { name: '1024x600', width: 1024, height: 600 },
] as const;

/** `show`: a selector scrolled into the middle of the view at each size (the board reflows between them). */
export async function shoot(page: Page, name: string, show?: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    if (show) await page.evaluate(`document.querySelector(${JSON.stringify(show)})?.scrollIntoView({ block: 'center' })`);
    // The board lays itself out and fits the cards that came into view over the next frames.
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve))))');
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size.name}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
