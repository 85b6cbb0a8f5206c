// Tickets in the printer's language: fixed words from the catalogue, dish names from klikit's
// translations (`title_v2`, `klikit_name_translation`), times in the language's own order. Text
// tickets are read back from their ESC/POS bytes; raster tickets from the laid-out lines they are
// drawn from (there is no OCR here), with their images in test-results/ to look at.

import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { orderSchema, type Order } from '../../../main/klikit/schemas.js';
import { bitmapToPng, buildTicket, renderRaster, renderTicket, renderText, type Bitmap, type TicketOptions } from '../../../main/tickets/index.js';
import { layoutTicket } from '../../../main/tickets/layout.js';
import { ticketLanguage } from '../../../main/tickets/ticket-language.js';
import { EscPosDecoder } from '../../../dev/virtual-printer/escpos-decoder.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';
import { rasterFixtureOrder } from '../../helpers/raster-fixtures.js';

const OUT = 'test-results/ticket-language/';

/** klikit's single-order fixture (queue 4, dine-in, 24 Jun 12:03 UTC) as the legacy cart with `title_v2`. */
function legacyOrder(): Order {
  const raw = (readKlikitFixture('created-v2.single-order.envelope.json') as { orders: Array<Record<string, unknown>> }).orders[0]!;
  const cart = raw['cart'] as Array<Record<string, unknown>>;
  const line = { ...cart[0]!, title_v2: { en: 'Cimol Beef Porsi Besar', 'id-ID': 'Cimol Sapi Porsi Besar', th: 'ชิมอลเนื้อจานใหญ่', 'zh-TW': '大份牛肉木薯球', 'zh-CN': '大份牛肉木薯丸' } };
  return orderSchema.parse({ ...raw, cart_v2: null, cart: [line] });
}

const options = (language: string): TicketOptions => ({ width: 48, timeZone: 'Asia/Jakarta', language });

/** What a text printer prints, read back from the bytes by the virtual printer's decoder. */
const printedText = (bytes: Buffer): string =>
  new EscPosDecoder('epson')
    .push(bytes)
    .flatMap((event) => (event.type === 'text' ? [event.text] : []))
    .join('');

const texts = (doc: ReturnType<typeof buildTicket>): string[] => layoutTicket(doc, doc.width).flatMap((line) => ('text' in line ? [line.text.trim()] : []));

function savePng(name: string, bitmap: Bitmap): void {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}${name}.png`, bitmapToPng(bitmap));
}

/** Columns of the image (in dots) where some dot is black, in rows `from`..`to`. */
function inkColumns(bitmap: Bitmap, from: number, to: number): { left: number; right: number } | null {
  const stride = bitmap.width / 8;
  let left = Infinity;
  let right = -1;
  for (let y = from; y < to; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      if ((bitmap.data[y * stride + (x >> 3)]! & (0x80 >> (x & 7))) === 0) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
  }
  return right < 0 ? null : { left, right };
}

describe('tickets in the printer language', () => {
  it('Bahasa Indonesia on a text printer: Indonesian words, the dish from title_v2 (id-ID), read back from the bytes', () => {
    const doc = buildTicket({ kind: 'new', order: legacyOrder() }, options('id'));
    const rendered = renderTicket(doc, { type: 'epson', width: 48 });
    expect(rendered.raster).toBeUndefined();
    expect(rendered.warning).toBeUndefined();
    const printed = printedText(rendered.bytes);
    for (const words of ['ANTREAN 4', 'MAKAN DI TEMPAT', 'Masuk    Rab, 24 Jun, 19.03', 'Pesanan  71280866', '1 x Cimol Sapi Porsi Besar', 'ITEM: 1']) {
      expect(printed).toContain(words);
    }
    for (const english of ['QUEUE', 'DINE-IN', 'Placed', 'ITEMS', 'Cimol Beef']) expect(printed).not.toContain(english);
  });

  it('Thai on a raster printer: Thai words and the dish from title_v2 are the lines drawn, with no missing glyph', () => {
    const doc = buildTicket({ kind: 'new', order: legacyOrder() }, options('th'));
    const lines = texts(doc);
    for (const words of ['คิว 4', 'ทานที่ร้าน', 'สั่งเมื่อ    พุธ 24 มิ.ย. 19:03', '1 x ชิมอลเนื้อจานใหญ่', 'รายการ: 1']) expect(lines).toContain(words);
    expect(lines.join('\n')).not.toMatch(/QUEUE|DINE-IN|Placed|ITEMS|Cimol Beef/);
    const rendered = renderTicket(doc, { type: 'epson', width: 48 });
    expect(rendered.raster).toBeDefined();
    expect(rendered.warning).toBeUndefined();
    savePng('thai-new-48', rendered.raster!.bitmap);
  });

  it('a VOID slip, an update and a backup ticket in Thai: every banner and note from the catalogue', () => {
    const order = legacyOrder();
    const cancelled = texts(buildTicket({ kind: 'cancel', order }, options('th')));
    expect(cancelled).toEqual(expect.arrayContaining(['ยกเลิก', 'ออเดอร์ถูกยกเลิก - ห้ามทำ', '1 x ชิมอลเนื้อจานใหญ่']));
    const previous = orderSchema.parse({ ...order, cart: [...(order.cart ?? []), { title: 'Es Teh', quantity: 1, title_v2: { th: 'ชาเย็น' } }] });
    const updated = texts(buildTicket({ kind: 'update', order, previous }, { ...options('th'), backupFor: 'Grill', possibleDuplicate: true }));
    expect(updated).toEqual(expect.arrayContaining(['สำรองแทน Grill', 'นำใบนี้ไปที่ Grill', 'อาจซ้ำ', 'แก้ไขแล้ว', 'ลบออก: 1 x ชาเย็น']));
    const stock = texts(buildTicket({ kind: 'new', order }, { ...options('th'), outOfStock: ['Cimol Beef Porsi Besar'] }));
    expect(stock).toEqual(expect.arrayContaining(['ของหมด', 'ของหมด: ชิมอลเนื้อจานใหญ่', '(ของหมด) 1 x ชิมอลเนื้อจานใหญ่']));
  });

  it('names fall back to the name as sent; regional keys match our language, Simplified Chinese before Traditional', () => {
    const order = legacyOrder();
    expect(texts(buildTicket({ kind: 'new', order }, options('vi')))).toContain('1 x Cimol Beef Porsi Besar');
    expect(texts(buildTicket({ kind: 'new', order }, options('zh')))).toContain('1 x 大份牛肉木薯丸');
    expect(texts(buildTicket({ kind: 'new', order }, options('en')))).toContain('1 x Cimol Beef Porsi Besar');
  });

  it('cart_v2 names and modifiers take klikit_name_translation; odd translation shapes are ignored, never a refused order', () => {
    const raw = (readKlikitFixture('created-v2.multi-brand-modifiers.envelope.json') as { orders: Array<Record<string, unknown>> }).orders[0]!;
    const cart = raw['cart_v2'] as Array<Record<string, unknown>>;
    const groups = cart[0]!['modifier_groups'] as Array<Record<string, unknown>>;
    const modifiers = groups[0]!['modifiers'] as Array<Record<string, unknown>>;
    const translatedCart = [
      {
        ...cart[0]!,
        klikit_name_translation: { id_ID: 'Cimol Sapi Jumbo' },
        modifier_groups: [{ ...groups[0]!, title_v2: { id: 'Tingkat Pedas' }, modifiers: [{ ...modifiers[0]!, klikit_name_translation: { id: 'Pedas 3' } }] }, ...groups.slice(1)],
      },
      { ...cart[1]!, klikit_name_translation: ['id', 'not a map'] },
      { ...cart[2]!, klikit_name_translation: { id: 42, en: null }, title_v2: 'Es Kopi' },
    ];
    const parsed = orderSchema.safeParse({ ...raw, cart_v2: translatedCart });
    expect(parsed.success).toBe(true);
    const lines = texts(buildTicket({ kind: 'new', order: parsed.data! }, options('id')));
    expect(lines).toEqual(expect.arrayContaining(['2 x Cimol Sapi Jumbo', 'Tingkat Pedas: Pedas 3', '1 x Cimol Original', '1 x Es Kopi Susu Gula Aren']));
  });

  it('the same order on two printers in two languages: each ticket in its printer language', () => {
    const order = legacyOrder();
    const kitchen = renderTicket(buildTicket({ kind: 'new', order }, options(ticketLanguage(['th', 'id'], 'auto').language)), { type: 'epson', width: 48 });
    const counter = renderTicket(buildTicket({ kind: 'new', order }, options(ticketLanguage([undefined, 'id'], 'auto').language)), { type: 'epson', width: 48 });
    expect(kitchen.raster).toBeDefined();
    expect(printedText(counter.bytes)).toContain('1 x Cimol Sapi Porsi Besar');
    expect(printedText(counter.bytes)).toContain('ITEM: 1');
  });

  it('a text-mode printer asked for Thai, Arabic or Chinese prints English words and says why; Latin languages stay', () => {
    for (const tag of ['th', 'ar', 'zh-CN']) {
      const choice = ticketLanguage([tag], 'text');
      expect(choice.language).toBe('en');
      expect(choice.warning).toMatch(/^tickets print in English: .+ needs raster printing/);
    }
    for (const tag of ['id', 'ms', 'fil', 'vi']) expect(ticketLanguage([tag], 'text')).toEqual({ language: tag });
    expect(ticketLanguage(['th'], 'auto')).toEqual({ language: 'th' });
    expect(ticketLanguage([undefined, 'xx', 'ms-MY'], 'raster')).toEqual({ language: 'ms' });
    expect(ticketLanguage([undefined, undefined], 'auto')).toEqual({ language: 'en' });
  });

  it('Arabic on a raster ticket: lines aligned to the right edge, order number and times in Latin digits', () => {
    const order = orderSchema.parse(rasterFixtureOrder('arabic.envelope.json'));
    const doc = buildTicket({ kind: 'new', order }, { width: 48, timeZone: 'Asia/Dubai', language: 'ar' });
    expect(doc.direction).toBe('rtl');
    const lines = texts(doc);
    expect(lines).toEqual(expect.arrayContaining(['#3101', 'الدور 17', 'توصيل', 'الأصناف: 4']));
    expect(lines.some((line) => line.startsWith('طُلب') && line.endsWith('25 يونيو، 13:14'))).toBe(true);
    const { bitmap, unprintable } = renderRaster(doc, { width: 48, dots: 576 });
    expect(unprintable).toEqual([]);
    savePng('arabic-new-48', bitmap);
    // The last line (ITEMS) is short: on a right-to-left ticket its ink is at the right edge.
    const lineHeight = Math.round(12 * 2.5);
    const last = inkColumns(bitmap, bitmap.height - lineHeight, bitmap.height)!;
    expect(last.right).toBeGreaterThan(576 - 24);
    expect(last.left).toBeGreaterThan(576 / 2);
    // English stays left to right.
    const english = renderRaster(buildTicket({ kind: 'new', order }, { width: 48, timeZone: 'Asia/Dubai' }), { width: 48, dots: 576 }).bitmap;
    expect(inkColumns(english, english.height - lineHeight, english.height)!.left).toBeLessThan(24);
  });

  it('every language builds every kind of ticket, and its text fits the paper', () => {
    const order = legacyOrder();
    for (const language of ['en', 'id', 'ms', 'fil', 'th', 'vi', 'ar', 'zh', 'en-XA']) {
      for (const kind of ['new', 'update', 'cancel', 'reprint'] as const) {
        const text = renderText(buildTicket({ kind, order, previous: order }, { ...options(language), printedAt: '2026-06-24T12:10:00Z', possibleDuplicate: true }), 48);
        expect(text).toContain('71280866');
      }
      const test = buildTicket({ kind: 'test', order: null }, { ...options(language), printedAt: '2026-06-24T12:10:00Z' });
      savePng(`test-page-${language}`, renderRaster(test, { width: 48, dots: 576 }).bitmap);
    }
  });
});
