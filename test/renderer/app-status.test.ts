import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../helpers/read-zip.js';
import { waitFor } from '../helpers/wait.js';
import { SCREENSHOTS, startHarness, type Harness } from '../integration/window-api/support/harness.js';

// "This app" in Settings, in Chromium against the real core: version, update state, and
// "Export diagnostics" writing an archive with no secret in it.

const PARTNER_KEY = 'partner-key-4e1f9a7c';

describe('the app status and diagnostics export in the window', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ settings: { klikitPartnerKey: PARTNER_KEY } });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('shows the version and that updates belong to the desktop app', async () => {
    await h.page.locator('#tab-settings').click();
    await waitFor('the version', async () => (await h.page.locator('#app-version').textContent()) === 'Kitchen bridge 0.1.0');
    await expect(h.page.locator('#app-update').textContent()).resolves.toBe('Updates are managed by the desktop app');
  });

  it('exports diagnostics: says where, and the archive holds the checks and no secret', async () => {
    await h.page.locator('#export-diagnostics').click();
    await waitFor('the export result', async () => /^Diagnostics saved as kitchen-bridge-diagnostics-\d{8}-\d{6}\.zip \(\d+ KB\)$/.test((await h.page.locator('#export-result').textContent()) ?? ''));
    const [archive] = readdirSync(join(h.dataDir, 'diagnostics'));
    const files = await readZip(join(h.dataDir, 'diagnostics', archive!));
    expect([...files.keys()].sort()).toEqual(['config.json', 'database.json', 'printers.json', 'problems.json', 'versions.json']);
    for (const [name, text] of files) expect(text, name).not.toContain(PARTNER_KEY);
    const config = JSON.parse(files.get('config.json')!);
    expect(config.settings.klikitPartnerKey).toBe('[redacted]');
    expect(config.secretsSet).toEqual({ relayToken: true, klikitSecretKey: false });
    expect(JSON.parse(files.get('database.json')!).integrity).toEqual(['ok']);
    expect(JSON.parse(files.get('printers.json')!).printers).toMatchObject([{ id: 'kitchen', name: 'Kitchen' }]);

    for (const [width, height] of [[1366, 768], [1024, 600]] as const) {
      await h.page.setViewportSize({ width, height });
      await h.page.locator('#app-status').scrollIntoViewIfNeeded();
      await h.page.screenshot({ path: join(SCREENSHOTS, `app-status-${width}x${height}.png`) });
    }
  });
});
