import { describe, expect, it } from 'vitest';
import type { Health } from '../../../common/bridge-api.js';
import { connectionNotice } from '../../../common/connection-notice.js';
import { alarmTitleWords, backupInUseWords, notPrintingWords, trayFailoverWords } from '../../../common/backup-words.js';
import { createTranslator } from '../../../common/i18n/translator.js';

const en = createTranslator('en');

const conn = (c: Partial<Health['connection']>): Health['connection'] => ({ mode: 'relay', since: null, lastEventAt: null, detail: '', fallback: { state: 'none', detail: '' }, ...c });

describe('what the connection banner says', () => {
  it('is silent while live with a working or absent fallback', () => {
    expect(connectionNotice(conn({}), en).level).toBe('ok');
    expect(connectionNotice(conn({ fallback: { state: 'standby', detail: '' } }), en).level).toBe('ok');
  });

  it('names the fallback’s state and what to do while reconnecting', () => {
    const none = connectionNotice(conn({ mode: 'reconnecting', detail: 'link closed (1006)' }), en);
    expect(none).toMatchObject({ level: 'bad', title: 'Reconnecting to relay — new orders may be delayed' });
    expect(none.advice).toBe('watch the tablets, check the internet');
    expect(none.more).toContain('No klikit fallback configured');
    expect(none.more).toContain('Add klikit API credentials in Settings');
    expect(none.detail).toBe('link closed (1006)');
    expect(connectionNotice(conn({ mode: 'reconnecting', fallback: { state: 'standby', detail: '' } }), en).more).toContain('starts polling within 15 s');
    expect(connectionNotice(conn({ mode: 'reconnecting', fallback: { state: 'failing', detail: 'HTTP 502' } }), en).detail).toContain('HTTP 502');
  });

  it('warns of a failing fallback while the relay is live, and of polling', () => {
    expect(connectionNotice(conn({ fallback: { state: 'failing', detail: 'timeout' } }), en)).toMatchObject({ level: 'warn', title: 'klikit fallback is not working' });
    expect(connectionNotice(conn({ fallback: { state: 'rejected', detail: '401' } }), en).more).toContain('secret key');
    expect(connectionNotice(conn({ mode: 'polling' }), en).level).toBe('warn');
  });

  it('tells a rejected device token from a plain outage', () => {
    expect(connectionNotice(conn({ mode: 'offline', detail: 'relay refused the device token: 4003' }), en).advice).toContain('new device token');
    expect(connectionNotice(conn({ mode: 'offline', detail: 'relay: ECONNREFUSED; klikit: 502' }), en).title).toContain('not arriving');
  });

  it('puts a missing-orders warning in the banner while live, and first in the advice during an outage', () => {
    const warning = 'Orders from Tue 1 Dec 09:00 to Tue 1 Dec 10:00 may be missing from this screen: check the aggregator tablets';
    expect(connectionNotice(conn({ warning }), en)).toMatchObject({ level: 'warn', title: 'Orders may be missing from this screen', advice: 'check the aggregator tablets', more: warning });
    const outage = connectionNotice(conn({ mode: 'reconnecting', warning }), en);
    expect(outage.level).toBe('bad');
    expect(outage.more.startsWith(warning)).toBe(true);
  });
});

describe('the connection banner in the window’s language', () => {
  it('speaks Bahasa Indonesia and Thai, with the technical detail untouched', () => {
    const offline = conn({ mode: 'offline', detail: 'relay: ECONNREFUSED' });
    expect(connectionNotice(offline, createTranslator('id'))).toMatchObject({ level: 'bad', title: 'Tidak terhubung — pesanan baru tidak masuk', advice: 'ambil pesanan dari tablet agregator', detail: 'relay: ECONNREFUSED' });
    expect(connectionNotice(offline, createTranslator('th'))).toMatchObject({ title: 'ไม่ได้เชื่อมต่อ — ออเดอร์ใหม่ไม่เข้ามา', advice: 'รับออเดอร์จากแท็บเล็ตของแพลตฟอร์ม', detail: 'relay: ECONNREFUSED' });
    expect(connectionNotice(conn({ mode: 'reconnecting', fallback: { state: 'polling', detail: '' } }), createTranslator('th')).advice).toBe('ตรวจสอบอินเทอร์เน็ต');
  });

  it('words backup printers in Bahasa Indonesia and Thai', () => {
    expect(backupInUseWords(createTranslator('id'), 'Grill', 'Bar')).toBe('Sementara ini tiketnya dicetak di Bar, bertanda BACKUP FOR Grill: antarkan ke Grill. Tiket baru kembali ke sini setelah printer ini mencetak lagi.');
    expect(alarmTitleWords(createTranslator('th'), 'Grill', notPrintingWords(createTranslator('th')))).toBe('Grill: ไม่พิมพ์ ตั๋วรออยู่');
    expect(trayFailoverWords(createTranslator('id'), 'Grill', 'cover-open', { alarm: false })).toBe('Grill TUTUP TERBUKA');
  });
});
