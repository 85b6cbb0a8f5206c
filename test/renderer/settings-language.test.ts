import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslator } from '../../common/i18n/translator.js';
import type { Settings } from '../../common/settings.js';
import { SCREENSHOTS, startHarness, type Harness } from '../integration/window-api/support/harness.js';

// The window's language and each printer's ticket language, chosen in Settings, in Chromium against
// the real core: a new window language rebuilds every view in it (the page reloads), a printer's
// language survives a save and a reload, a field's problem reads in the window's language, and the
// Settings view in the pseudo-locale (about 40 % longer) cuts or spills no label or button at 1024×600.

const savedSettings = (h: Harness): Settings => JSON.parse(readFileSync(join(h.dataDir, 'settings.json'), 'utf8')) as Settings;

async function openSettings(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.locator('#tab-settings').click();
  await page.locator('#save-settings').waitFor();
}

/** Saves a new window language and waits for the page to come back in it. */
async function switchLanguage(page: Page, tag: string, htmlLang: string): Promise<void> {
  await page.locator('select[name="language"]').selectOption(tag);
  await Promise.all([page.waitForEvent('load'), page.locator('#save-settings').click()]);
  await page.waitForSelector('body[data-ready="true"]');
  await expect(page.evaluate('document.documentElement.lang')).resolves.toBe(htmlLang);
  await openSettings(page);
}

async function shootSettings(page: Page, name: string): Promise<void> {
  for (const size of [{ width: 1024, height: 600 }, { width: 1366, height: 768 }]) {
    await page.setViewportSize(size);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('the window and printer languages in Settings', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await openSettings(h.page);
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('keeps a printer’s ticket language through a save and a reload', async () => {
    const ticketLanguage = h.page.locator('.printer-row[data-printer-index="0"] select[name="ticket-language"]');
    await expect(ticketLanguage.inputValue()).resolves.toBe('');
    // Every language is offered by its own name, as a cook who does not read English looks for it.
    const offered = await ticketLanguage.locator('option').allTextContents();
    expect(offered).toEqual(['As the window', 'English', 'Bahasa Indonesia', 'Bahasa Melayu', 'Filipino', 'ไทย', 'Tiếng Việt', 'العربية', '简体中文']);

    await ticketLanguage.selectOption('th');
    await h.page.locator('#save-settings').click();
    await h.page.locator('.toast.ok', { hasText: 'Settings saved' }).waitFor();
    expect(savedSettings(h).printers[0]?.language).toBe('th');
    expect(savedSettings(h).language).toBe('');

    await h.page.reload();
    await h.page.waitForSelector('body[data-ready="true"]');
    await openSettings(h.page);
    await expect(h.page.locator('.printer-row[data-printer-index="0"] select[name="ticket-language"]').inputValue()).resolves.toBe('th');
    // The window itself stayed in English: only the tickets are Thai.
    await expect(h.page.locator('#save-settings').textContent()).resolves.toBe('Save settings');
  });

  it('rebuilds the window in Thai once Thai is saved as its language', async () => {
    const thai = createTranslator('th');
    const auto = await h.page.locator('select[name="language"] option[value=""]').textContent();
    expect(auto).toBe('As the computer (English)');
    await switchLanguage(h.page, 'th', 'th');

    expect(savedSettings(h).language).toBe('th');
    await expect(h.page.locator('#save-settings').textContent()).resolves.toBe('บันทึกการตั้งค่า');
    const headings = await h.page.locator('#settings h2').allTextContents();
    expect(headings).toEqual(expect.arrayContaining([thai.t('settings.connection.heading'), thai.t('settings.printers.heading'), thai.t('settings.kitchen.heading'), thai.t('settings.screens.heading')]));
    await expect(h.page.locator('.printer-row[data-printer-index="0"] [data-field="printers.0.language"] .field-label').textContent()).resolves.toBe('ภาษาตั๋ว');
    await expect(h.page.locator('select[name="language"]').inputValue()).resolves.toBe('th');
    // The printer's own language is untouched by the window's.
    await expect(h.page.locator('.printer-row[data-printer-index="0"] select[name="ticket-language"]').inputValue()).resolves.toBe('th');
    await shootSettings(h.page, 'settings-language-th');
  });

  it('says what is wrong with a field in Bahasa Indonesia when the window reads Indonesian', async () => {
    await switchLanguage(h.page, 'id', 'id');
    await h.page.locator('input[name="undoSeconds"]').fill('90');
    await h.page.locator('input[name="screens.port"]').fill('');
    await h.page.locator('#save-settings').click();
    await expect(h.page.locator('[data-error-for="kitchen.undoSeconds"]').textContent()).resolves.toBe('paling lama 60 detik: kurir baru dipanggil setelah jeda ini');
    await expect(h.page.locator('[data-error-for="screens.port"]').textContent()).resolves.toBe('isi nomor port');
    // Nothing was saved: the file still holds the last good settings.
    expect(savedSettings(h).kitchen.undoSeconds).toBe(10);
    await h.page.locator('[data-field="kitchen.undoSeconds"]').scrollIntoViewIfNeeded();
    await h.page.setViewportSize({ width: 1024, height: 600 });
    await h.page.screenshot({ path: join(SCREENSHOTS, 'settings-language-id-errors-1024x600.png') });

    await h.page.locator('input[name="undoSeconds"]').fill('10');
    await h.page.locator('input[name="screens.port"]').fill('8787');
  });

  it('mirrors the settings in Arabic', async () => {
    await switchLanguage(h.page, 'ar', 'ar-u-nu-latn');
    await expect(h.page.evaluate('document.documentElement.dir')).resolves.toBe('rtl');
    await expect(h.page.locator('#save-settings').textContent()).resolves.toBe('حفظ الإعدادات');
    // A field's label sits on the right of its input, as Arabic reads.
    const label = await h.page.locator('[data-field="kitchen.undoSeconds"] .field-label').boundingBox();
    const input = await h.page.locator('input[name="undoSeconds"]').boundingBox();
    expect(label!.x).toBeGreaterThan(input!.x);
    await shootSettings(h.page, 'settings-language-ar');
  });

  it('drops a printer’s own language when it is set back to "As the window"', async () => {
    const ticketLanguage = h.page.locator('.printer-row[data-printer-index="0"] select[name="ticket-language"]');
    await expect(ticketLanguage.inputValue()).resolves.toBe('th');
    await ticketLanguage.selectOption('');
    await h.page.locator('#save-settings').click();
    await h.page.locator('.toast.ok', { hasText: 'تم حفظ الإعدادات' }).waitFor();
    expect(savedSettings(h).printers[0]).not.toHaveProperty('language');
    expect(savedSettings(h).language).toBe('ar');
  });
});

type Problem = { what: string; text: string; why: string };

/** Every label, hint, heading and button of the Settings view that spills out of its box or the window (run in the page). */
const BOX_PROBLEMS = `(() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const measure = document.createElement('span');
  measure.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
  document.body.append(measure);
  const selector = 'button, .field-label, .field-hint, label.check, legend, h2, h3, .seg span, summary, .unit, .secret-state, .port-label, .printer-summary, select';
  for (const el of document.querySelectorAll('#view-settings :is(' + selector + ')')) {
    const name = el.getAttribute('name');
    const what = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (name ? '[name="' + name + '"]' : '') + '.' + el.className;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    const text = (el.tagName === 'SELECT' ? el.selectedOptions[0]?.textContent : el.textContent) ?? '';
    if (box.left < -1 || box.right > width + 1) problems.push({ what, text, why: 'outside the window (' + Math.round(box.left) + '-' + Math.round(box.right) + ' of ' + width + ')' });
    if (el.tagName === 'SELECT') {
      const style = getComputedStyle(el);
      measure.style.font = style.font;
      measure.textContent = text;
      // The chosen option's words fit between the padding and the arrow.
      if (measure.getBoundingClientRect().width > el.clientWidth - parseFloat(style.paddingInlineStart) - 16) problems.push({ what, text, why: 'chosen option cut' });
    } else if (getComputedStyle(el).display !== 'inline' && el.scrollWidth > el.clientWidth + 1) {
      problems.push({ what, text, why: 'text ' + el.scrollWidth + 'px wide in a ' + el.clientWidth + 'px box' });
    }
  }
  measure.remove();
  if (document.documentElement.scrollWidth > width + 1) problems.push({ what: 'page', text: '', why: 'scrolls sideways (' + document.documentElement.scrollWidth + 'px)' });
  return problems;
})()`;

describe('the Settings view in the pseudo-locale at 1024×600', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ settings: { language: 'en-XA' } });
    await openSettings(h.page);
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('cuts or spills no label, hint, heading or button', async () => {
    // Words are the pseudo-locale's, not English: a word left out of the catalogues would show plain.
    await expect(h.page.locator('#save-settings').textContent()).resolves.not.toBe('Save settings');
    await expect(h.page.locator('#save-settings').textContent()).resolves.toMatch(/^⟦.*⟧$/u);
    await expect(h.page.locator('#export-diagnostics').textContent()).resolves.toMatch(/^⟦.*⟧$/u);
    await expect(h.page.locator('#app-status').getAttribute('aria-label')).resolves.toMatch(/^⟦.*⟧$/u);
    await h.page.setViewportSize({ width: 1024, height: 600 });
    await h.page.locator('#add-printer').click();
    await h.page.locator('.printer-row').last().locator('details.advanced summary').click();
    await h.page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    const problems = await h.page.evaluate<Problem[]>(BOX_PROBLEMS);
    expect(problems).toEqual([]);
    await h.page.evaluate('window.scrollTo(0, 0)');
    await h.page.screenshot({ path: join(SCREENSHOTS, 'settings-pseudo-top-1024x600.png') });
    for (const [name, selector] of [['printers', '.printer-setup'], ['kitchen', '#kitchen-settings'], ['screens', '#screens-settings'], ['app', '#app-status']] as const) {
      await h.page.locator(selector).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await h.page.screenshot({ path: join(SCREENSHOTS, `settings-pseudo-${name}-1024x600.png`) });
    }
  });
});
