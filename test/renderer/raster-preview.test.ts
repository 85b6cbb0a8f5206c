import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harnessForSuite, SCREENSHOTS } from '../integration/window-api/support/harness.js';

// A Thai order end to end: relay → bridge → virtual printer gets a raster ticket (no `?` anywhere),
// and the window's preview is that image, with the warning for the character no bundled font has.

describe('a raster ticket in the window', () => {
  const harness = harnessForSuite();

  it('prints the Thai order as an image and shows that image and the warning', async () => {
    const h = harness();
    await h.postOrder(80101, { order_comment: 'ไม่ใส่ถั่ว แพ้ถั่ว 🍜' });
    const [ticket] = await h.printer.waitForTickets(1);
    expect(ticket!.image).toBeDefined();
    expect(ticket!.image!.width).toBe(576);
    expect(Math.max(...ticket!.image!.bands)).toBeLessThanOrEqual(256);
    expect(ticket!.text).not.toContain('?');

    await h.page.locator('[data-order-id="80101"]').click();
    const image = h.page.locator('#ticket-preview img.ticket-image');
    await image.waitFor({ timeout: 5_000 });
    await expect(image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBe(576);
    await expect(h.page.locator('.ticket-warning').textContent()).resolves.toBe('some characters could not be printed: 🍜 (U+1F35C)');
    await h.page.setViewportSize({ width: 1366, height: 768 });
    await h.page.screenshot({ path: join(SCREENSHOTS, 'raster-preview-1366.png') });
    await h.page.setViewportSize({ width: 1024, height: 600 });
    await h.page.screenshot({ path: join(SCREENSHOTS, 'raster-preview-1024.png') });
  });
});
