import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harnessForSuite, SCREENSHOTS } from '../integration/window-api/support/harness.js';
import { openCard } from './cards.js';

// A Thai order end to end: relay → bridge → virtual printer gets a raster ticket (no `?` anywhere),
// and the window's preview is that image, with the warning for the character no bundled font has (Devanagari: the emoji prints), as
// do the order's row and the Problems list.

describe('a raster ticket in the window', () => {
  const harness = harnessForSuite();

  it('prints the Thai order as an image and shows that image and the warning', async () => {
    const h = harness();
    await h.postOrder(80101, { order_comment: 'ไม่ใส่ถั่ว แพ้ถั่ว 🍜 क' });
    const [ticket] = await h.printer.waitForTickets(1);
    expect(ticket!.image).toBeDefined();
    expect(ticket!.image!.width).toBe(576);
    expect(Math.max(...ticket!.image!.bands)).toBeLessThanOrEqual(256);
    expect(ticket!.text).not.toContain('?');

    // The order's row and the Problems list say what the paper is missing.
    const warning = 'some characters could not be printed: क (U+0915)';
    const badge = h.page.locator('[data-order-id="80101"] .badge-incomplete');
    await badge.first().waitFor({ timeout: 5_000 });
    await expect(badge.first().getAttribute('title')).resolves.toMatch(new RegExp(`: ${warning.replace(/[()+]/g, '\\$&')}$`));
    await h.page.locator('#tab-problems').click();
    const problem = h.page.locator('#problems .problem-characters');
    await problem.waitFor({ timeout: 5_000 });
    await expect(problem.locator('.reason').textContent()).resolves.toBe(warning);
    await expect(problem.locator('.order-link').textContent()).resolves.toMatch(/^Order #/);
    await h.page.setViewportSize({ width: 1366, height: 768 });
    await h.page.screenshot({ path: join(SCREENSHOTS, 'problems-incomplete-ticket-1366.png') });
    await h.page.locator('#tab-queue').click();
    await badge.first().waitFor();
    await h.page.setViewportSize({ width: 1024, height: 600 });
    await h.page.screenshot({ path: join(SCREENSHOTS, 'queue-incomplete-ticket-1024.png') });

    await openCard(h.page, 80101);
    const image = h.page.locator('#ticket-preview img.ticket-image');
    await image.waitFor({ timeout: 5_000 });
    await expect(image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBe(576);
    await expect(h.page.locator('.ticket-warning').textContent()).resolves.toBe('some characters could not be printed: क (U+0915)');
    await h.page.setViewportSize({ width: 1366, height: 768 });
    await h.page.screenshot({ path: join(SCREENSHOTS, 'raster-preview-1366.png') });
    await h.page.setViewportSize({ width: 1024, height: 600 });
    await h.page.screenshot({ path: join(SCREENSHOTS, 'raster-preview-1024.png') });
  });
});
