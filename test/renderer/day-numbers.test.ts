import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/store/connection.js';
import { waitFor } from '../helpers/wait.js';
import { startHarness, type Harness } from '../integration/window-api/support/harness.js';
import { shoot } from './screenshots.js';

// The All day tab, the board's strip and the day in numbers, in Chromium against the real core.

const BRAND = { id: 5297, title: '(DEMO) Cimol Bojot AA' };
const PEDAS = [{ name: 'Spice', modifiers: [{ name: 'Extra pedas', quantity: 1 }] }];
const EGG = [{ name: 'Add', modifiers: [{ name: 'Telur ceplok', quantity: 1 }] }];
const line = (name: string, category: string, quantity = 1, modifier_groups: unknown[] = []) => ({ name, quantity, klikit_category_name: category, modifier_groups, brand: BRAND });

/** Three weeks of figures, written beside the running core (as its rollup would have). */
function seedHistory(dataDir: string): void {
  const db = openDatabase(join(dataDir, 'bridge.db'));
  try {
    const insert = db.prepare(
      `INSERT INTO ticket_stats (order_id, station, day, provider, received_at, done_at, due_at, ticket_seconds, late, cancelled, missed_acceptance)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const providers = ['GrabFood', 'GoFood', 'ShopeeFood', 'klikit'];
    let id = 1;
    for (let back = 20; back >= 1; back -= 1) {
      const dayStart = new Date();
      dayStart.setHours(11, 0, 0, 0);
      dayStart.setDate(dayStart.getDate() - back);
      const day = `${dayStart.getFullYear()}-${String(dayStart.getMonth() + 1).padStart(2, '0')}-${String(dayStart.getDate()).padStart(2, '0')}`;
      const weekend = dayStart.getDay() === 0 || dayStart.getDay() === 6;
      const orders = weekend ? 38 : 22;
      for (let k = 0; k < orders; k += 1) {
        id += 1;
        const received = new Date(dayStart.getTime() + k * 11 * 60_000).toISOString();
        const seconds = 360 + ((k * 97 + back * 31) % 900) + (weekend ? 240 : 0);
        const late = seconds > 1080 ? 1 : 0;
        const missed = k === 5 && back % 4 === 0 ? 1 : 0;
        const provider = providers[k % providers.length]!;
        insert.run(id, '', day, provider, received, missed ? null : received, received, missed ? null : seconds, missed ? 0 : late, missed, missed);
        if (!missed) insert.run(id, 'kitchen', day, provider, received, received, received, seconds - 60, late, 0, 0);
        if (!missed && k % 2 === 0) insert.run(id, 'bar', day, provider, received, received, received, Math.round(seconds / 3), 0, 0, 0);
      }
      if (back % 6 === 0) {
        db.prepare(`INSERT INTO printer_holds (printer_id, reason, started_at, ended_at) VALUES ('kitchen', 'paper-out', ?, ?)`).run(
          new Date(dayStart.getTime() + 60 * 60_000).toISOString(),
          new Date(dayStart.getTime() + (60 + 4 + back) * 60_000).toISOString(),
        );
        db.prepare(`INSERT INTO backup_prints (job_id, printer_id, backup_printer_id, at) VALUES (?, 'kitchen', 'bar', ?)`).run(100_000 + back, new Date(dayStart.getTime() + 62 * 60_000).toISOString());
      }
    }
  } finally {
    db.close();
  }
}

describe('all-day counts and the day in numbers in the window', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      stations: [
        { id: 'kitchen', name: 'Kitchen', routes: { categories: ['Mains'] }, fallback: true },
        { id: 'bar', name: 'Bar', routes: { categories: ['Drinks'] } },
      ],
    });
    await h.postOrder(72300001, { cart_v2: [line('Nasi Goreng Kampung', 'Mains', 2, PEDAS), line('Es Teh Manis', 'Drinks', 2)] });
    await h.postOrder(72300002, { cart_v2: [line('Nasi Goreng Kampung', 'Mains', 4), line('Mie Goreng Jawa', 'Mains', 2, EGG), line('Es Kopi Susu Gula Aren', 'Drinks', 3)] });
    await h.postOrder(72300003, { cart_v2: [line('Nasi Goreng Kampung', 'Mains', 1, PEDAS), line('Sate Ayam Madura (10 tusuk)', 'Mains', 2)] });
    await h.page.locator('#queue [data-order-id="72300003"]').waitFor({ timeout: 10_000 });
    seedHistory(h.dataDir);
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  const items = (station: string) =>
    h.page.locator(`#allday .allday-station[data-station="${station}"] .allday-item`).evaluateAll((els) => els.map((e) => (e as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim()));

  it('count what each station still has to cook, and follow a new order live', async () => {
    await h.page.locator('#tab-allday').click();
    // The words are read as laid out (innerText): only a shown view has its columns' spacing, so the
    // reads wait for the view on screen and both columns complete (on a loaded machine they come late).
    await h.page.locator('#view-allday').waitFor({ state: 'visible', timeout: 15_000 });
    const kitchen = ['7× Nasi Goreng Kampung 3 Spice: Extra pedas', '2× Mie Goreng Jawa 2 Add: Telur ceplok', '2× Sate Ayam Madura (10 tusuk)'];
    const bar = ['3× Es Kopi Susu Gula Aren', '2× Es Teh Manis'];
    const both = async () => ({ kitchen: await items('kitchen'), bar: await items('bar') });
    await waitFor('both columns counted', async () => JSON.stringify(await both()) === JSON.stringify({ kitchen, bar }), { timeoutMs: 15_000 }).catch(async (error: unknown) => {
      expect(await both(), String(error)).toEqual({ kitchen, bar });
    });
    await shoot(h.page, 'all-day');

    await h.postOrder(72300004, { cart_v2: [line('Nasi Goreng Kampung', 'Mains', 1, PEDAS)] });
    await waitFor('the new order in the counts', async () => (await items('kitchen'))[0] === '8× Nasi Goreng Kampung 4 Spice: Extra pedas');
  });

  it('show the strip above the board once the kitchen turns it on', async () => {
    await h.page.locator('#tab-queue').click();
    await expect(h.page.locator('#all-day-strip').isHidden()).resolves.toBe(true);
    await h.page.evaluate(`(async () => {
      const view = await window.bridge.getSettings();
      await window.bridge.saveSettings({ kitchen: { ...view.value.settings.kitchen, allDayStrip: true } });
    })()`);
    await h.page.locator('#tab-settings').click();
    await h.page.locator('#tab-queue').click();
    await h.page.locator('#all-day-strip:not([hidden]) .strip-item').first().waitFor({ timeout: 10_000 });
    await expect(h.page.locator('#all-day-strip').innerText()).resolves.toContain('8× Nasi Goreng Kampung');
    await shoot(h.page, 'all-day-strip');
  });

  it('draw the day in numbers as charts, for 30 days and for today', async () => {
    await h.page.locator('#tab-numbers').click();
    await h.page.locator('.periods button[data-days="30"]').click();
    await waitFor('30 days of columns', async () => (await h.page.locator('.chart-times rect.bar:not(.behind)').count()) === 20);
    await expect(h.page.locator('.tile').first().innerText()).resolves.toMatch(/^\d+\s+Orders$/);
    await expect(h.page.locator('.bar-list .bar-label').allTextContents()).resolves.toEqual(['Kitchen', 'Bar', 'GoFood', 'GrabFood', 'ShopeeFood', 'klikit']);
    await shoot(h.page, 'day-in-numbers-30-days');
    await h.page.locator('.periods button[data-days="1"]').click();
    // Nothing finished today yet: the charts say so in words instead of drawing empty frames.
    await h.page.locator('.chart-box.chart-times .empty').waitFor({ timeout: 10_000 });
    await expect(h.page.locator('.tile').first().innerText()).resolves.toMatch(/^4\s+Orders$/);
    await shoot(h.page, 'day-in-numbers-today');
  });

  it('save the figures as CSV without the window naming a path', async () => {
    await h.page.locator('.numbers-head .export').click();
    await h.page.locator('.toast.ok', { hasText: /^The day in numbers saved as kitchen-day-in-numbers-.*\.csv/ }).waitFor({ timeout: 10_000 });
  });
});
