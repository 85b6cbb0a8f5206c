import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimOrder } from '../../dev/simulator/order-generator.js';
import { EVENT_CREATED, envelopeOf } from '../../dev/simulator/scenarios.js';
import type { ScreenGrant } from '../../common/screen-grant.js';
import { waitFor } from '../helpers/wait.js';
import { SCREENSHOTS, startHarness, type Harness } from '../integration/window-api/support/harness.js';

// Each LAN screen in its own language, chosen on the screen: expo and the pickup board in Thai and in
// Arabic (mirrored, order numbers still left to right), the choice kept over a reload; the Out of stock
// and Numbers views in Vietnamese, with the bridge's own sentences in Vietnamese too; and the pseudo-locale's longer words at 1024×600 with nothing cut.

const FAST = { timing: { apiBackoffBaseMs: 100, apiBackoffCapMs: 500, apiTimeoutMs: 2_000, reconcileIntervalMs: 3_600_000 }, actions: { undoSeconds: 1 } };
const TABLET = { width: 1024, height: 600 };

const frames = (page: Page) => page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve))))');
const shot = async (page: Page, name: string) => {
  await frames(page);
  await page.screenshot({ path: join(SCREENSHOTS, `screen-lang-${name}-1024x600.png`) });
};
const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();

/** Picks a language with the screen's own picker (two taps) and waits for the page to come back in it. */
async function pickLanguage(page: Page, tag: string): Promise<void> {
  await page.locator('#screen-language').click();
  await page.locator('#screen-language-dialog[open]').waitFor();
  await Promise.all([page.waitForEvent('load'), page.locator(`#screen-language-dialog [data-language="${tag}"]`).click()]);
  await page.waitForSelector('body[data-ready="true"]');
}

/** Elements showing our words whose text is wider than their box or that reach past the screen's edges. */
const CUT_TEXT = `(() => {
  const out = [];
  const width = window.innerWidth;
  for (const el of document.querySelectorAll('body *')) {
    if (!(el instanceof HTMLElement) || el.closest('dialog:not([open])')) continue;
    // Order data (dish names, customers, providers) is shortened by design; it is not in a catalogue.
    if (el.closest('.expo-line, .customer, .provider, .pickup-provider, .pickup-prep-provider, .health')) continue;
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(el);
    const block = style.display !== 'inline';
    if (box.left < -1 || box.right > width + 1 || (block && el.scrollWidth > el.clientWidth + 1)) {
      out.push({ text: el.textContent.trim().slice(0, 60), cls: el.className, left: Math.round(box.left), right: Math.round(box.right), scroll: el.scrollWidth, client: el.clientWidth });
    }
  }
  return out;
})()`;

describe('LAN screens in their own language', () => {
  let h: Harness;
  const orders: SimOrder[] = [];

  async function announce(name: string): Promise<SimOrder> {
    const sim = h.sim!;
    const base = sim.generator.next({ status: 2, providerId: 6, type: 1, scheduled: false, brandIds: [5297] });
    const order: SimOrder = { ...base, cart_v2: [{ ...base.cart_v2[0]!, id: `${base.id}0`, name, quantity: 2, comment: '', modifier_groups: [] }] };
    sim.record.publish(order);
    await sim.sender.send({ eventType: EVENT_CREATED, body: envelopeOf([order]), orders: [order] });
    await h.page.locator(`#queue [data-order-id="${order.id}"]`).waitFor({ timeout: 15_000 });
    return order;
  }

  const open = (grant: ScreenGrant): Promise<Page> => h.openScreen(grant, TABLET);

  beforeAll(async () => {
    h = await startHarness({ klikit: true, overrides: FAST });
    for (const dish of ['Nasi Goreng Kampung', 'Es Teh Manis', 'Mie Ayam Bakso']) orders.push(await announce(dish));
    const outcome = (await h.page.evaluate(`window.bridge.orderAction({ orderId: ${orders[0]!.id}, action: 'ready' })`)) as { ok: boolean; value: { ok: boolean } };
    expect(outcome.ok && outcome.value.ok).toBe(true);
  }, 90_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('shows a pickup board in the browser’s language at first, then in Thai and in Arabic once picked there, kept over a reload', async () => {
    const pickup = await open({ kind: 'pickup' });
    await expect(pickup.locator('.pickup-head h1').textContent()).resolves.toBe('Order pickup');
    await pickup.locator(`#pickup-ready [data-number="${orders[0]!.short_id}"]`).waitFor({ timeout: 10_000 });

    await pickLanguage(pickup, 'th');
    await expect(pickup.locator('html').getAttribute('lang')).resolves.toBe('th');
    await expect(pickup.locator('.pickup-head h1').textContent()).resolves.toBe('จุดรับอาหาร');
    await expect(texts(pickup, '.pickup-col > h2')).resolves.toEqual(['กำลังเตรียม', 'พร้อมแล้ว — เชิญรับได้']);
    await pickup.reload();
    await pickup.waitForSelector('body[data-ready="true"]');
    await expect(pickup.locator('.pickup-head h1').textContent()).resolves.toBe('จุดรับอาหาร');
    await expect(pickup.locator('#screen-language .screen-language-name').textContent()).resolves.toBe('ไทย');
    await pickup.locator(`#pickup-ready [data-number="${orders[0]!.short_id}"]`).waitFor({ timeout: 10_000 });
    await shot(pickup, 'pickup-th');

    await pickLanguage(pickup, 'ar');
    await pickup.reload();
    await pickup.waitForSelector('body[data-ready="true"]');
    await expect(pickup.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expect(pickup.locator('.pickup-head h1').textContent()).resolves.toBe('استلام الطلبات');
    await expect(texts(pickup, '.pickup-col > h2')).resolves.toEqual(['قيد التحضير', 'جاهز — تفضل بالاستلام']);
    // Mirrored: the list being prepared, first in reading order, is on the right; numbers still read left to right.
    const number = pickup.locator(`#pickup-ready [data-number="${orders[0]!.short_id}"] .pickup-number`);
    await expect(number.textContent()).resolves.toBe(orders[0]!.short_id);
    await expect(number.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).direction)).resolves.toBe('ltr');
    const preparing = (await pickup.locator('.pickup-col-preparing').boundingBox())!;
    const ready = (await pickup.locator('.pickup-col-ready').boundingBox())!;
    expect(preparing.x).toBeGreaterThan(ready.x);
    await expect(pickup.locator('.pickup-clock').textContent()).resolves.toMatch(/^\d\d:\d\d$/);
    await shot(pickup, 'pickup-ar');
  }, 60_000);

  it('shows expo in Thai and in Arabic once picked there, kept over a reload', async () => {
    const expo = await open({ kind: 'expo' });
    await expect(texts(expo, '.expo-col > h2')).resolves.toEqual([expect.stringMatching(/^In the kitchen/), expect.stringMatching(/^Ready to hand out/)]);

    await pickLanguage(expo, 'th');
    await expo.reload();
    await expo.waitForSelector('body[data-ready="true"]');
    await expect(expo.locator('html').getAttribute('lang')).resolves.toBe('th');
    await expect(expo.locator('.screen-name').textContent()).resolves.toBe('Expo');
    await expect(texts(expo, '.expo-col > h2')).resolves.toEqual(['กำลังทำในครัว 2', 'พร้อมส่งมอบ 1']);
    await expo.locator(`#expo-cooking [data-order-id="${orders[1]!.id}"]`).waitFor();
    await shot(expo, 'expo-th');

    await pickLanguage(expo, 'ar');
    await expect(expo.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expect(expo.locator('.screen-name').textContent()).resolves.toBe('التجميع');
    await expect(texts(expo, '.expo-col > h2')).resolves.toEqual(['في المطبخ 2', 'جاهز للتسليم 1']);
    const id = expo.locator(`#expo-cooking [data-order-id="${orders[1]!.id}"] .order-id`);
    await expect(id.textContent()).resolves.toBe(`#${orders[1]!.short_id}`);
    await expect(id.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).direction)).resolves.toBe('ltr');
    // Mirrored: the kitchen column, first in reading order, is on the right.
    const cooking = (await expo.locator('.expo-col-cooking').boundingBox())!;
    const handOut = (await expo.locator('.expo-col-ready').boundingBox())!;
    expect(cooking.x).toBeGreaterThan(handOut.x);
    await expo.reload();
    await expo.waitForSelector('body[data-ready="true"]');
    await expect(expo.locator('.screen-name').textContent()).resolves.toBe('التجميع');
    await shot(expo, 'expo-ar');

    // Back to the browser's own language: the first choice of the list.
    await pickLanguage(expo, '');
    await expect(expo.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(expo.locator('.screen-name').textContent()).resolves.toBe('Expo');
  }, 60_000);

  it('keeps the language picked on the pairing page once the screen is paired', async () => {
    const made = (await h.page.evaluate(`window.bridge.pairScreen({ kind: 'pickup' })`)) as { ok: boolean; value: { code: string } };
    expect(made.ok).toBe(true);
    const screen = await (await h.browser.newContext({ viewport: TABLET, locale: 'en-US' })).newPage();
    await screen.goto(`${h.origin}/`);
    await expect(screen.locator('h1').textContent()).resolves.toBe('Pair this screen with the kitchen');
    await screen.locator('.languages a[lang="id"]').click();
    await expect(screen.locator('h1').textContent()).resolves.toBe('Sambungkan layar ini ke dapur');
    await shot(screen, 'pairing-id');
    await screen.fill('#code', made.value.code);
    await screen.click('button[type="submit"]');
    await screen.waitForSelector('body[data-ready="true"]');
    await expect(screen.locator('.pickup-head h1').textContent()).resolves.toBe('Ambil pesanan');
    expect(new URL(screen.url()).search).toBe('');
    await screen.reload();
    await screen.waitForSelector('body[data-ready="true"]');
    await expect(screen.locator('html').getAttribute('lang')).resolves.toBe('id');
    await screen.context().close();
  }, 30_000);

  it('speaks the browser’s language when nothing was picked: the pairing page and then the screen', async () => {
    const made = (await h.page.evaluate(`window.bridge.pairScreen({ kind: 'pickup' })`)) as { ok: boolean; value: { code: string } };
    const screen = await (await h.browser.newContext({ viewport: TABLET, locale: 'vi-VN' })).newPage();
    await screen.goto(`${h.origin}/`);
    await expect(screen.locator('h1').textContent()).resolves.toBe('Ghép nối màn hình này với bếp');
    await screen.fill('#code', made.value.code);
    await screen.click('button[type="submit"]');
    await screen.waitForSelector('body[data-ready="true"]');
    await expect(screen.locator('.pickup-head h1').textContent()).resolves.toBe('Lấy món');
    await expect(screen.locator('#screen-language-dialog [data-language=""]').getAttribute('aria-pressed')).resolves.toBe('true');
    await screen.context().close();
  }, 30_000);

  it('shows the Out of stock and Numbers views of a counter screen in Vietnamese', async () => {
    const counter = await open({ kind: 'counter' });
    await pickLanguage(counter, 'vi');
    // The bridge's own sentences come in the screen's language too: the page names it on its socket.
    await expect(counter.evaluate('window.bridge.acknowledgeOrder(987654)')).resolves.toEqual({ ok: true, value: { ok: false, message: 'không biết đơn 987654' } });
    await expect(h.page.evaluate('window.bridge.acknowledgeOrder(987654)')).resolves.toEqual({ ok: true, value: { ok: false, message: 'order 987654 is not known' } });
    // Out of stock and Numbers are under More on a 1024-wide screen.
    await counter.locator('#tab-more').click();
    await counter.locator('#tab-stock').click();
    await expect(counter.locator('.stock-title').textContent()).resolves.toBe('Đang hết hàng');
    await expect(counter.locator('#stock-list .empty').textContent()).resolves.toBe('Không có món nào hết hàng: tất cả đều đang bán.');
    await expect(counter.locator('#stock-search').getAttribute('placeholder')).resolves.toBe('Tìm món để báo hết: gõ vài chữ trong tên');
    await counter.fill('#stock-search', 'Mie');
    await counter.locator('#stock-matches .stock-mark').waitFor();
    await expect(counter.locator('#stock-matches .stock-mark').first().textContent()).resolves.toBe('Hết hàng');
    await counter.locator('#stock-matches .stock-mark').first().click();
    await expect(counter.locator('#stock-dialog h2').textContent()).resolves.toBe('Mie Ayam Bakso hết hàng?');
    await expect(texts(counter, '#stock-dialog [data-duration]')).resolves.toEqual(['Đến mai (04:00)', 'Trong 1 giờ', 'Đến khi tôi bật lại']);
    await expect(counter.locator('#stock-dialog .stock-cancel').textContent()).resolves.toBe('Vẫn bán tiếp');
    await shot(counter, 'stock-vi');
    await counter.locator('#stock-dialog .stock-cancel').click();

    await counter.locator('#tab-more').click();
    await counter.locator('#tab-numbers').click();
    await expect(counter.locator('.numbers-head h1').textContent()).resolves.toBe('Con số trong ngày');
    await expect(texts(counter, '.periods button')).resolves.toEqual(['Hôm nay', '7 ngày', '30 ngày', '90 ngày']);
    await expect(counter.locator('.numbers-head .export').textContent()).resolves.toBe('Lưu CSV');
    await counter.locator('.tiles').waitFor();
    await expect(texts(counter, '.tile-label')).resolves.toEqual(['Đơn hàng', 'Một nửa xong trong', '9/10 xong trong', expect.stringMatching(/^Trễ, trên \d+ đơn có hạn$/), 'Đơn bị lỡ', 'Máy in bị giữ', 'In dự phòng']);
    await expect(counter.locator('.numbers-note').textContent()).resolves.toMatch(/^Số liệu được giữ \d+ ngày\./);
    await shot(counter, 'numbers-vi');
  }, 60_000);

  it('fits the pseudo-locale’s longer words on expo and the pickup board at 1024×600: no text cut or off the screen', async () => {
    for (const kind of ['expo', 'pickup'] as const) {
      const page = await open({ kind });
      await page.evaluate(`localStorage.setItem('klikit.language', 'en-XA')`);
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      await waitFor(`${kind} in the pseudo-locale`, async () => ((await page.locator(kind === 'expo' ? '.expo-col > h2' : '.pickup-head h1').first().textContent()) ?? '').startsWith('⟦'));
      if (kind === 'expo') await page.locator(`#expo-cooking [data-order-id="${orders[1]!.id}"]`).waitFor();
      else await page.locator(`#pickup-ready [data-number="${orders[0]!.short_id}"]`).waitFor();
      await frames(page);
      expect(await page.evaluate(CUT_TEXT)).toEqual([]);
      await shot(page, `${kind}-pseudo`);
      await page.locator('#screen-language').click();
      await frames(page);
      expect(await page.evaluate(CUT_TEXT)).toEqual([]);
      await shot(page, `${kind}-pseudo-picker`);
    }
  }, 60_000);
});
