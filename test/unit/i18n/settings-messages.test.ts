import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { printerCandidateTestSchema } from '../../../common/bridge-api.js';
import { isMessageKey } from '../../../common/i18n/catalogue.js';
import { createTranslator } from '../../../common/i18n/translator.js';
import { networkPrinterAddress } from '../../../common/printer-choice.js';
import { serviceUrlIssue, serviceUrlProblem } from '../../../common/service-url.js';
import { DEFAULT_SETTINGS, nextSteps, validateSettings } from '../../../common/settings.js';
import { parseConfig } from '../../../main/core/config.js';
import { describeZodError } from '../../../main/klikit/schemas.js';

// The settings' problems are catalogue keys, worded where they are read: the window in its language,
// the core, its logs and the config file's errors in English, never as a key.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CONFIG = {
  relay: { url: 'wss://relay.example.com/v1/bridge', token: 't' },
  printers: [{ id: 'kitchen', name: 'Kitchen', type: 'epson', interface: 'tcp://192.168.1.50:9100', width: 48 }],
  dataDir: './data',
};
const tooLongUndo = { kitchen: { ...DEFAULT_SETTINGS.kitchen, undoSeconds: 90 } };

describe('settings problems in the reader’s language', () => {
  it('gives every message of the schemas people fill in as a catalogue key', () => {
    for (const file of ['common/settings.ts', 'common/acceptance.ts', 'common/screens.ts']) {
      const messages = [...readFileSync(join(ROOT, file), 'utf8').matchAll(/message: '([^']*)'/g)].map((m) => m[1]!);
      expect(messages.length, file).toBeGreaterThan(0);
      expect(messages.filter((message) => !isMessageKey(message)), file).toEqual([]);
    }
  });

  it('words a field’s problem in English for the core, and in the window’s language when it passes its translator', () => {
    expect(validateSettings(DEFAULT_SETTINGS, tooLongUndo)).toEqual({ ok: false, errors: [{ field: 'kitchen.undoSeconds', message: 'at most 60 seconds: the rider is only called after this wait' }] });
    const indonesian = createTranslator('id');
    expect(validateSettings(DEFAULT_SETTINGS, tooLongUndo, indonesian.t)).toEqual({ ok: false, errors: [{ field: 'kitchen.undoSeconds', message: 'paling lama 60 detik: kurir baru dipanggil setelah jeda ini' }] });
    const thai = createTranslator('th');
    expect(validateSettings(DEFAULT_SETTINGS, { colour: 'red' }, thai.t)).toEqual({ ok: false, errors: [{ field: 'colour', message: 'ไม่ใช่การตั้งค่า' }] });
    // A bound from zod itself (the minimum) and a value passed along (the languages) reach the words.
    expect(validateSettings(DEFAULT_SETTINGS, { kitchen: { ...DEFAULT_SETTINGS.kitchen, staleOrderHours: 0 } })).toMatchObject({ errors: [{ message: 'at least 1 hour' }] });
    expect(validateSettings(DEFAULT_SETTINGS, { language: 'xx' }, indonesian.t)).toMatchObject({ errors: [{ field: 'language', message: 'pilih salah satu: en, id, ms, fil, th, vi, ar, zh' }] });
    const printer = (id: string, backup: string) => ({ id, name: id, type: 'epson', interface: 'tcp://192.168.1.50:9100', width: 48, copies: 1, backup });
    expect(validateSettings(DEFAULT_SETTINGS, { printers: [printer('kitchen', 'bar'), printer('bar', 'kitchen')] }, thai.t)).toMatchObject({
      errors: [{ field: 'printers.0.backup', message: 'เครื่องพิมพ์สำรองวนเป็นวง: kitchen → bar → kitchen' }],
    });
    expect(validateSettings(DEFAULT_SETTINGS, { relayUrl: 'http://relay.example.com' }, indonesian.t)).toMatchObject({
      errors: [{ field: 'relayUrl', message: 'harus berupa URL seperti wss://relay.example.com/v1/bridge' }],
    });
  });

  it('words the steps left before orders flow in the window’s language, and in English for the core', () => {
    const none = { relayToken: false, klikitSecretKey: false };
    expect(nextSteps(DEFAULT_SETTINGS, none)[1]).toBe("Add a kitchen printer under Printers: pick it from the printers this computer reaches (or type a network printer's IP address) and print a test page.");
    const relayed = { ...DEFAULT_SETTINGS, relayUrl: 'wss://relay.example.com/v1/bridge' };
    expect(nextSteps(relayed, none, createTranslator('th').t)[0]).toBe('ใส่โทเค็นอุปกรณ์ของรีเลย์สำหรับ relay.example.com: โทเค็นจะถูกส่งไปยังรีเลย์ที่ใส่ไว้เท่านั้น ที่อยู่รีเลย์ใหม่จึงต้องใส่อีกครั้ง');
  });

  it('tells an integrator what is wrong in the config file in English words, not keys', () => {
    const result = parseConfig({ ...CONFIG, acceptance: { takeoverMinutes: 0.1 }, screens: { enabled: true, port: 0, bind: '0.0.0.0' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain('acceptance.takeoverMinutes: at least half a minute');
    expect(result.error).toContain('screens.port: a port from 1 to 65535');
    expect(result.error).not.toContain('settings.');
  });

  it('answers a window call with bad arguments in English words', () => {
    const parsed = printerCandidateTestSchema.safeParse({ interface: 'tcp://192.168.1.50:9100', type: 'zebra', width: 48 });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeZodError(parsed.error)).toBe('type: choose epson or star');
  });

  it('gives an address problem as a key for the window and as English for the config', () => {
    expect(serviceUrlIssue('wss://user:pw@relay.example.com', 'relay')).toEqual({ key: 'settings.error.urlCredentials', values: { kind: 'relay' } });
    expect(serviceUrlProblem('https://user:pw@relay.example.com', 'relay')).toBe('must be a URL like wss://relay.example.com/v1/bridge');
    expect(serviceUrlProblem('wss://user:pw@relay.example.com', 'relay')).toBe('must not carry a user name or password: enter the device token in their own fields');
    const typed = networkPrinterAddress('192.168.1.300');
    expect(typed).toMatchObject({ ok: false, field: 'ip', key: 'settings.printer.ipOutOfRange', message: '"192.168.1.300" is not an IP address: each of its four numbers is between 0 and 255.' });
    if (!typed.ok) expect(createTranslator('vi').t(typed.key, typed.values)).toBe('"192.168.1.300" không phải địa chỉ IP: mỗi số trong bốn số nằm trong khoảng 0 đến 255.');
  });
});
