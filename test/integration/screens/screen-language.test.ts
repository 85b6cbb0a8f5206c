import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OrderSummary } from '../../../common/bridge-api.js';
import { DATABASE_FILE } from '../../../main/core/bridge.js';
import { openDatabase } from '../../../main/store/connection.js';
import { upsertOrder } from '../../../main/store/orders.js';
import { codeFor, openScreen, pairWith, useScreensCore, type ScreenSocket } from './support.js';

// The counter PC's window is in English (its settings); each LAN screen reads the language its page
// shows, and the core's own sentences in a screen's answers are in that language, not the window's.

const screens = useScreensCore();

async function counterScreen(language?: string): Promise<ScreenSocket> {
  const paired = await pairWith(screens(), codeFor(screens(), { kind: 'counter' }));
  return openScreen(screens(), paired.cookie, language === undefined ? {} : { language });
}

/** An accepted order in the core's database, as ingest would have stored it. */
function seedAcceptedOrder(id: number): void {
  const db = openDatabase(join(screens().dataDir, DATABASE_FILE));
  try {
    const at = new Date().toISOString();
    const body = { id, short_id: `S${id}`, status: 2, provider_id: 6, type: 1, brands: [], created_at: at, updated_at: at, cart_v2: [] };
    upsertOrder(db, { id, brandId: 1, branchId: 1293, shortId: `S${id}`, status: 2, updatedAt: at, createdAt: at, cartHash: `h${id}`, body, seenAt: at });
  } finally {
    db.close();
  }
}

const lastActionOf = (answer: { ok: boolean; value?: unknown }, id: number): string | undefined =>
  (answer.value as OrderSummary[] | undefined)?.find((o) => o.id === id)?.lastAction?.message;

describe('the core’s sentences on a LAN screen', () => {
  it('are in the screen’s language while the desktop window’s same request is answered in English', async () => {
    const thai = await counterScreen('th');
    const indonesian = await counterScreen('id-ID');
    const unnamed = await counterScreen();
    const unknownTag = await counterScreen('tlh-Piqd');
    try {
      expect(await thai.call('acknowledgeOrder', 987654)).toEqual({ ok: true, value: { ok: false, message: 'ไม่รู้จักออเดอร์ 987654' } });
      expect(await indonesian.call('acknowledgeOrder', 987654)).toEqual({ ok: true, value: { ok: false, message: 'pesanan 987654 tidak dikenal' } });
      expect(await screens().core.handle('acknowledgeOrder', 987654)).toEqual({ ok: true, value: { ok: false, message: 'order 987654 is not known' } });
      // A screen that names no language, or one we do not have, reads the window's.
      expect(await unnamed.call('acknowledgeOrder', 987654)).toEqual({ ok: true, value: { ok: false, message: 'order 987654 is not known' } });
      expect(await unknownTag.call('acknowledgeOrder', 987654)).toEqual({ ok: true, value: { ok: false, message: 'order 987654 is not known' } });
    } finally {
      for (const screen of [thai, indonesian, unnamed, unknownTag]) screen.ws.close();
    }
  });

  it('tells a screen what it may not do in its language too', async () => {
    const paired = await pairWith(screens(), codeFor(screens(), { kind: 'station', station: 'grill' }));
    const thai = await openScreen(screens(), paired.cookie, { language: 'th' });
    const english = await openScreen(screens(), paired.cookie);
    try {
      expect(await thai.call('orderAction', { orderId: 1, action: 'accepted' })).toEqual({ ok: false, error: 'หน้าจอสถานีทำเครื่องหมายพร้อมได้เฉพาะรายการของตัวเอง' });
      expect(await thai.call('getSettings')).toEqual({ ok: false, error: 'การตั้งค่าอยู่ที่เครื่องเคาน์เตอร์: หน้าจอนี้เปิดไม่ได้' });
      expect(await english.call('orderAction', { orderId: 1, action: 'accepted' })).toEqual({ ok: false, error: 'A station screen only marks its own lines ready.' });
    } finally {
      thai.ws.close();
      english.ws.close();
    }
  });

  it('gives two screens asking the same board at once each their own language, and the window English', async () => {
    const id = 771_001;
    seedAcceptedOrder(id);
    const thai = await counterScreen('th');
    const indonesian = await counterScreen('id');
    try {
      const bumped = await thai.call('orderAction', { orderId: id, action: 'ready' });
      expect(bumped).toMatchObject({ ok: true, value: { ok: true, message: expect.stringMatching(/^พร้อม: จะแจ้ง klikit ใน \d+ วินาที เว้นแต่คุณเลิกทำ$/) } });
      // The same read by two screens of one kind within the read cache's life: one answer per language.
      const [forThai, forIndonesian] = await Promise.all([thai.call('listOrders', { limit: 20 }), indonesian.call('listOrders', { limit: 20 })]);
      expect(lastActionOf(forThai, id)).toMatch(/^จะแจ้ง klikit ว่าพร้อมใน \d+ วินาที: แตะ เลิกทำ หากกดผิด$/);
      expect(lastActionOf(forIndonesian, id)).toMatch(/^Siap dikirim ke klikit dalam \d+ dtk: ketuk Urungkan jika keliru\.$/);
      // The Ready the Thai screen held is worded for whoever reads it: the window reads English.
      expect(lastActionOf(await screens().core.handle('listOrders', { limit: 20 }), id)).toMatch(/^Ready goes to klikit in \d+ s: tap Undo if this was a mistake\.$/);
    } finally {
      thai.ws.close();
      indonesian.ws.close();
    }
  });
});
