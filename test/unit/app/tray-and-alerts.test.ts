import { describe, expect, it } from 'vitest';
import type { Health, OrderSummary } from '../../../common/bridge-api.js';
import { createOrderAlerts, notificationText } from '../../../main/app/order-alerts.js';
import { trayMenuWords, trayStatus } from '../../../main/app/tray-state.js';
import { createTranslator } from '../../../common/i18n/translator.js';

const en = createTranslator('en');

const health = (connection: Partial<Health['connection']>, printers: Health['printers'] = []): Health => ({
  connection: { mode: 'relay', since: null, lastEventAt: null, detail: '', fallback: { state: 'none', detail: '' }, ...connection },
  printers,
  queueDepth: 0,
  lastOrderAt: null,
  klikit: { state: 'ok', waitingActions: 0, detail: '' },
});

const order = (o: Partial<OrderSummary>): OrderSummary => ({
  id: 1, shortId: 'A1', queueNumber: null, provider: 'GrabFood', brands: ['Nasi'], orderType: 'PICKUP', tableNo: '', createdAt: null,
  firstSeenAt: '2026-06-25T10:00:00.000Z', itemCount: 2, status: 1, statusLabel: 'PLACED', cancelled: false, acknowledged: false,
  print: { state: 'printed', reason: '', possibleDuplicate: false }, active: true, dueAt: null, lines: [], orderComment: '',
  waitingForAcceptance: false, actions: [], lastAction: null, changedAfterSeen: null,
  moreLines: 0, removedLines: [], customerName: '', rider: null, attention: null, stationsDone: [], ...o,
});

describe('the tray mirrors the worst state', () => {
  it('is red while the relay reconnects without a fallback, amber for a failing fallback while live', () => {
    expect(trayStatus(en, health({ mode: 'reconnecting' }))).toMatchObject({ level: 'offline', tooltip: expect.stringContaining('Reconnecting to relay') });
    expect(trayStatus(en, health({ mode: 'relay', fallback: { state: 'failing', detail: 'HTTP 502' } }))).toMatchObject({ level: 'printer', tooltip: expect.stringContaining('fallback') });
    expect(trayStatus(en, health({ mode: 'polling' })).level).toBe('printer');
    expect(trayStatus(en, health({ mode: 'relay' })).level).toBe('fine');
  });

  it('says where a held printer\'s tickets print, and is red while a printer\'s alarm sounds', () => {
    const kitchen = { id: 'kitchen', name: 'Kitchen', state: 'paper-out' as const, detail: '', queueDepth: 0 };
    expect(trayStatus(en, health({ mode: 'relay' }, [{ ...kitchen, backupTo: { id: 'bar', name: 'Bar' } }]))).toEqual({ level: 'printer', tooltip: 'Kitchen bridge: Kitchen PAPER OUT: tickets on Bar' });
    expect(trayStatus(en, health({ mode: 'relay' }, [{ ...kitchen, queueDepth: 2, alarm: { since: '2026-06-25T10:00:30.000Z', reason: 'out of paper' } }]))).toEqual({
      level: 'offline',
      tooltip: 'Kitchen bridge: Kitchen PAPER OUT: TICKETS WAITING',
    });
  });

  it('is red while an order waits for acceptance, and says so', () => {
    expect(trayStatus(en, health({ mode: 'relay' }), 2)).toMatchObject({ level: 'offline', tooltip: expect.stringContaining('2 orders WAITING FOR ACCEPTANCE') });
  });
});

describe('desktop notifications', () => {
  it('announces each situation of an order once: new, waiting for acceptance, updated after seen, VOID', () => {
    const alerts = createOrderAlerts();
    expect(alerts.fresh([order({ id: 1, attention: 'new' })])).toEqual([]);
    expect(alerts.fresh([order({ id: 1, attention: 'new' }), order({ id: 2, waitingForAcceptance: true, attention: 'new' })]).map((o) => o.id)).toEqual([2]);
    expect(alerts.fresh([order({ id: 2, waitingForAcceptance: true })])).toEqual([]);
    expect(alerts.fresh([order({ id: 1, acknowledged: true, changedAfterSeen: 'updated', attention: 'updated' })]).map((o) => o.id)).toEqual([1]);
    expect(alerts.fresh([order({ id: 1, active: false, cancelled: true, attention: 'void' })]).map((o) => o.id)).toEqual([1]);
  });

  it('announces nothing for an order that left the board, however unopened', () => {
    const alerts = createOrderAlerts();
    alerts.fresh([]);
    expect(alerts.fresh([order({ id: 3, active: false, acknowledged: false, attention: null, statusLabel: 'READY' })])).toEqual([]);
  });

  it('tells staff what to do', () => {
    expect(notificationText(order({ waitingForAcceptance: true }), en).title).toBe('Accept order #A1');
    expect(notificationText(order({ changedAfterSeen: 'cancelled', attention: 'void' }), en).title).toBe('Order #A1 CANCELLED');
  });
});

describe('the tray and notifications in the window’s language', () => {
  const id = createTranslator('id');
  const th = createTranslator('th');
  const kitchen = { id: 'kitchen', name: 'Kitchen', state: 'paper-out' as const, detail: '', queueDepth: 0, backupTo: { id: 'bar', name: 'Bar' } };

  it('speaks Bahasa Indonesia', () => {
    expect(trayStatus(id, null).tooltip).toBe('Kitchen bridge: memulai…');
    expect(trayStatus(id, health({ mode: 'relay' }, [kitchen]), 3).tooltip).toBe('Kitchen bridge: 3 pesanan MENUNGGU DITERIMA; Kitchen KERTAS HABIS: tiket di Bar');
    expect(trayStatus(id, health({ mode: 'relay' }, [{ ...kitchen, state: 'online', backupTo: undefined }])).tooltip).toBe('Kitchen bridge: terhubung, 1 printer siap');
    expect(trayMenuWords(id)).toEqual({ show: 'Lihat pesanan', quit: 'Keluar dari kitchen bridge (pesanan tidak tercetak)' });
    expect(notificationText(order({ waitingForAcceptance: true }), id)).toEqual({ title: 'Terima pesanan #A1', body: 'klikit membatalkannya jika tidak ada yang menerima · GrabFood · Nasi · PICKUP · 2 item' });
  });

  it('speaks Thai', () => {
    expect(trayStatus(th, health({ mode: 'offline', detail: 'relay: ECONNREFUSED' })).tooltip).toBe('Kitchen bridge: ไม่ได้เชื่อมต่อ — ออเดอร์ใหม่ไม่เข้ามา');
    expect(trayStatus(th, health({ mode: 'relay' }, [{ ...kitchen, alarm: { since: '2026-06-25T10:00:30.000Z', reason: 'out of paper' } }])).tooltip).toBe('Kitchen bridge: Kitchen กระดาษหมด: ตั๋วรออยู่');
    expect(trayMenuWords(th).show).toBe('แสดงออเดอร์');
    expect(notificationText(order({ attention: 'void', active: false }), th)).toEqual({ title: 'ออเดอร์ #A1 ถูกยกเลิก', body: 'หยุดทำอาหารนี้ · GrabFood · Nasi · PICKUP · 2 รายการ' });
  });
});
