import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeFor, http, useScreensCore } from './support.js';

// The pairing page is what a new screen sees before it has a language of its own: it answers in the
// browser's (Accept-Language), offers the others, and a language picked there goes on to the screen.

const screens = useScreensCore();

const pairPage = (path: string, acceptLanguage?: string) => http(screens().port, 'GET', path, { host: screens().host, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) });

describe('the pairing page', () => {
  it('answers in Bahasa Indonesia for Accept-Language: id-ID, in English with none, and offers every language', async () => {
    const id = await pairPage('/pair', 'id-ID,id;q=0.9,en;q=0.8');
    expect(id.status).toBe(200);
    expect(id.headers['content-language']).toBe('id');
    expect(id.body).toContain('<html lang="id" dir="ltr">');
    expect(id.body).toContain('<title>Sambungkan layar ini</title>');
    expect(id.body).toContain('<h1>Sambungkan layar ini ke dapur</h1>');
    expect(id.body).toContain('<label for="code">Kode pasangan</label>');
    expect(id.body).toContain('<button type="submit">Sambungkan</button>');
    expect(id.body).not.toContain('Pair this screen');
    for (const name of ['English', 'ไทย', 'العربية', '简体中文']) expect(id.body).toContain(name);

    const english = await pairPage('/pair');
    expect(english.body).toContain('<html lang="en" dir="ltr">');
    expect(english.body).toContain('<h1>Pair this screen with the kitchen</h1>');
    // A language we do not have is passed over for the next one the browser accepts.
    expect((await pairPage('/pair', 'ko-KR, th;q=0.5')).body).toContain('<html lang="th"');
  });

  it('is in the language picked on it, right to left for Arabic, and tells a wrong code in that language', async () => {
    const arabic = await pairPage('/pair?lang=ar', 'id-ID');
    expect(arabic.body).toContain('<html lang="ar" dir="rtl">');
    expect(arabic.body).toContain('<form method="post" action="/pair?lang=ar">');
    const wrong = await http(screens().port, 'POST', '/pair?lang=vi', { host: screens().host, origin: `http://${screens().host}`, 'accept-language': 'en' }, 'code=000000');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('Mã không đúng hoặc đã được dùng. Tạo mã mới trên máy quầy.');
  });

  it('sends a screen paired in a picked language on with it, and one paired without a pick to the plain board', async () => {
    const picked = await http(screens().port, 'POST', '/pair?lang=th', { host: screens().host, origin: `http://${screens().host}` }, `code=${codeFor(screens(), { kind: 'pickup' })}`);
    expect(picked.status).toBe(303);
    expect(picked.headers.location).toBe('/?lang=th');
    const plain = await http(screens().port, 'POST', '/pair', { host: screens().host, origin: `http://${screens().host}`, 'accept-language': 'th' }, `code=${codeFor(screens(), { kind: 'pickup' })}`);
    expect(plain.headers.location).toBe('/');
  });
});

describe('what pairing and removing a screen say in the desktop window', () => {
  it('is in the window’s language, read from its settings at each answer', () => {
    const file = join(screens().dataDir, 'settings.json');
    const before = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, JSON.stringify({ ...JSON.parse(before), language: 'ms' }));
      const made = screens().core.screens.admin.pair({ kind: 'expo' });
      expect(made.ok && made.message).toBe('Taip kod ini di skrin dalam masa 5 minit. Ia boleh digunakan sekali sahaja.');
      expect(screens().core.screens.admin.revoke(987654)).toEqual({ ok: false, message: 'Skrin itu tiada (mungkin sudah dibuang).' });
      writeFileSync(file, JSON.stringify({ ...JSON.parse(before), language: 'en' }));
      expect(screens().core.screens.admin.revoke(987654)).toEqual({ ok: false, message: 'There is no such screen (it may have been removed already).' });
    } finally {
      writeFileSync(file, before);
    }
  });
});
