import { describe, expect, it } from 'vitest';
import { testPageBytes, testPrint } from '../../../main/printing/test-print.js';
import { EscPosDecoder } from '../../../dev/virtual-printer/escpos-decoder.js';
import { fakeLink, SPOOLER, STREAM } from './fake-link.js';
import { createTranslator } from '../../../common/i18n/translator.js';

const bytes = Buffer.from('test');

describe('testPrint tells in one sentence what happened', () => {
  it('sent and the printer answered after it', async () => {
    const link = fakeLink(STREAM, [{ state: 'ready' }, { state: 'ready', paperNearEnd: true }], { ok: true });
    expect(await testPrint(link, 'Kitchen', bytes)).toEqual({
      sent: true,
      sentence: 'The test ticket was sent to Kitchen; the printer answered and its paper is running low; any script line printed as ? means this printer needs raster.',
    });
    expect(link.sent).toEqual([bytes]);
  });

  it('sent to a printer that does not answer status requests', async () => {
    const report = await testPrint(fakeLink(STREAM, [{ state: 'unknown' }, { state: 'unknown' }], { ok: true }), 'Bar', bytes);
    expect(report.sentence).toMatch(/^The test ticket was sent to Bar; its status could not be read, so the paper state is unknown;/);
  });

  it('confirmed by a spooler', async () => {
    const report = await testPrint(fakeLink(SPOOLER, [{ state: 'ready' }], { ok: true, confirmed: true }), 'cups://Kitchen', bytes);
    expect(report.sentence).toMatch(/^The test ticket was printed on cups:\/\/Kitchen, confirmed by the spooler; the spooler does not report paper state;/);
  });

  it('not sent to a printer out of paper, and an unreachable one says why', async () => {
    const out = fakeLink(STREAM, [{ state: 'paper-out' }], { ok: true });
    expect(await testPrint(out, 'Kitchen', bytes)).toEqual({ sent: false, sentence: 'Not sent to Kitchen: out of paper.' });
    expect(out.sent).toEqual([]);
    const failed = fakeLink(STREAM, [{ state: 'unknown' }], { ok: false, delivered: 'unknown', error: 'printer unplugged' });
    expect((await testPrint(failed, 'Kitchen', bytes)).sentence).toBe('The test ticket did not reach Kitchen (part of it may have printed): printer unplugged.');
  });

  it('the test page carries a line in each script the kitchen may need', () => {
    const decoder = new EscPosDecoder('epson');
    const text = decoder
      .push(testPageBytes({ type: 'epson', width: 48, printedAt: '2026-06-25T10:00:00Z' }))
      .flatMap((e) => (e.type === 'text' ? [e.text] : []))
      .join('');
    for (const script of ['Vietnamese:', 'Arabic:', 'Thai:', 'Japanese:', 'Chinese:', 'TEST PRINT']) expect(text).toContain(script);
  });
});

describe('testPrint in the reader’s language', () => {
  it('tells Bahasa Indonesia and Thai what happened, and flags an unreachable printer for network advice', async () => {
    const id = createTranslator('id');
    const th = createTranslator('th');
    const low = fakeLink(STREAM, [{ state: 'ready' }, { state: 'ready', paperNearEnd: true }], { ok: true });
    expect(await testPrint(low, 'Kitchen', bytes, 'text', id)).toEqual({
      sent: true,
      sentence: 'Tiket uji terkirim ke Kitchen; printer menjawab dan kertasnya hampir habis; baris aksara lain yang tercetak sebagai ? berarti printer ini perlu mode raster.',
    });
    expect(await testPrint(fakeLink(STREAM, [{ state: 'paper-out' }], { ok: true }), 'Kitchen', bytes, 'setup', th)).toEqual({ sent: false, sentence: 'ไม่ได้ส่งไปที่ Kitchen: กระดาษหมด' });
    const cut = fakeLink(STREAM, [{ state: 'unknown' }], { ok: false, delivered: 'none', error: 'ECONNREFUSED' });
    expect(await testPrint(cut, 'Kitchen', bytes, 'setup', th)).toEqual({ sent: false, sentence: 'ตั๋วทดสอบไปไม่ถึง Kitchen: ECONNREFUSED', unreached: true });
  });
});
