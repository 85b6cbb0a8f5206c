import Database from 'better-sqlite3';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RELAY_DB_FILE } from '../../relay/store/connection.js';
import { waitFor } from '../helpers/wait.js';
import { harnessForSuite, SCREENSHOTS, type Harness } from '../integration/window-api/support/harness.js';

// What staff see after the relay pruned events this bridge never acked (close 4010) and no klikit
// fallback can fetch them: a warning naming the hours to check on the aggregator tablets, while
// orders keep arriving live.

const SIZES = [
  { name: '1366x768', width: 1366, height: 768 },
  { name: '1024x600', width: 1024, height: 600 },
] as const;

/** What the relay's expiry pass does to a device silent past the cursor expiry. */
function expireCursor(h: Harness): void {
  const db = new Database(join(dirname(h.dataDir), 'relay', RELAY_DB_FILE));
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('UPDATE devices SET cursor_expired = 1').run();
  } finally {
    db.close();
  }
}

describe('a relay cursor expiry in the window', () => {
  const harness = harnessForSuite();

  it('warns that orders may be missing and from when, and keeps showing new orders', async () => {
    const h = harness();
    await h.postOrder(81001);
    await h.printer.waitForTickets(1);
    expireCursor(h);
    h.relayLink.setFault({ kind: 'drop' });
    await waitFor('the link to drop', async () => (await h.page.locator('.conn').getAttribute('data-mode')) !== 'relay', { timeoutMs: 15_000 });
    h.relayLink.setFault({ kind: 'none' });

    const banner = h.page.locator('#banner [data-fault="connection"]');
    await waitFor('the missing-orders warning', async () => /may be missing from this screen/.test((await banner.textContent().catch(() => '')) ?? ''), { timeoutMs: 15_000 });
    await waitFor('live again', async () => (await h.page.locator('.conn').getAttribute('data-mode')) === 'relay', { timeoutMs: 15_000 });
    await expect(banner.getAttribute('data-level')).resolves.toBe('warn');
    // One line says what to do; a tap on it gives the time span.
    await expect(banner.locator('strong').textContent()).resolves.toBe('Orders may be missing from this screen');
    await expect(banner.locator('.advice').textContent()).resolves.toBe(' — check the aggregator tablets');
    await banner.click();
    expect((await banner.locator('.more').innerText()).trim()).toMatch(/^Orders from \w{3} \d{1,2} \w{3} \d{2}:\d{2} to \w{3} \d{1,2} \w{3} \d{2}:\d{2} may be missing from this screen: check the aggregator tablets/);

    await h.postOrder(81002);
    await h.page.locator('[data-order-id="81002"]').waitFor({ timeout: 5_000 });
    expect(await banner.textContent()).toContain('may be missing from this screen');
    for (const size of SIZES) {
      await h.page.setViewportSize(size);
      await h.page.screenshot({ path: join(SCREENSHOTS, `connection-cursor-expired-${size.name}.png`) });
    }
  }, 60_000);
});
