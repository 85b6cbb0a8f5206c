import { describe, expect, it } from 'vitest';
import { BRIDGE_METHOD_NAMES } from '../../../common/channels.js';
import { CLOSE_UNPAIRED } from '../../../common/screen-protocol.js';
import { waitFor } from '../../helpers/wait.js';
import { codeFor, http, KLIKIT_PARTNER, KLIKIT_SECRET, openScreen, pairWith, RELAY_TOKEN, useScreensCore } from './support.js';

// LAN screens against a real desktop core on a real port: pairing with a code, and everything that
// must be refused (no credential, wrong, expired or reused code, revoked screen, a foreign Host, a
// cross-origin write or socket, a method outside the screen's kind). No secret ever reaches a screen.

const screens = useScreensCore();

const DESKTOP_ONLY = ['getSettings', 'saveSettings', 'setSecret', 'exportDiagnostics', 'discoverPrinters', 'testPrint', 'testPrintCandidate', 'routeChoices', 'getAppStatus', 'pairScreen', 'listScreens', 'revokeScreen'];

describe('an unpaired browser', () => {
  it('gets the pairing page and nothing else', async () => {
    const home = await http(screens().port, 'GET', '/', { host: screens().host });
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/pair');
    const pairPage = await http(screens().port, 'GET', '/pair', { host: screens().host });
    expect(pairPage.status).toBe(200);
    expect(pairPage.body).toContain('<form method="post" action="/pair">');
    expect(pairPage.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await http(screens().port, 'GET', '/app.js', { host: screens().host })).status).toBe(401);
    expect((await http(screens().port, 'GET', '/index.html', { host: screens().host })).status).toBe(303);
    await expect(openScreen(screens(), null)).rejects.toThrow('refused 401');
    await expect(openScreen(screens(), 'kb_screen=made-up-credential')).rejects.toThrow('refused 401');
  });
});

describe('pairing', () => {
  it('pairs with a code: an HttpOnly SameSite=Strict cookie, the board, a socket granted its kind', async () => {
    const paired = await pairWith(screens(), codeFor(screens(), { kind: 'expo' }));
    expect(paired.status).toBe(303);
    expect(paired.headers.location).toBe('/');
    const setCookie = String(paired.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const board = await http(screens().port, 'GET', '/', { host: screens().host, cookie: paired.cookie! });
    expect(board.status).toBe(200);
    expect(board.body).toContain('<script src="screen-link.js"></script>');
    expect(board.body).toContain(`connect-src 'self' ws://${screens().host}`);
    const screen = await openScreen(screens(), paired.cookie);
    expect(await screen.call('screenGrant')).toEqual({ ok: true, value: { kind: 'expo' } });
    expect((await screen.call('listOrders', { limit: 10 })).ok).toBe(true);
    const listed = screens().core.screens.admin.list();
    expect(listed.at(-1)).toMatchObject({ kind: 'expo', address: '127.0.0.1', online: true });
    screen.ws.close();
  });

  it('refuses a wrong code, a reused code and an expired code', async () => {
    const wrong = await pairWith(screens(), '000000');
    expect([wrong.status, wrong.cookie]).toEqual([401, null]);
    expect(wrong.body).toContain('That code is not right');

    const code = codeFor(screens(), { kind: 'counter' });
    expect((await pairWith(screens(), code)).status).toBe(303);
    const reused = await pairWith(screens(), code);
    expect([reused.status, reused.cookie]).toEqual([401, null]);

    const stale = codeFor(screens(), { kind: 'counter' });
    screens().advance(6 * 60_000);
    const expired = await pairWith(screens(), stale);
    expect([expired.status, expired.cookie]).toEqual([410, null]);
    expect(expired.body).toContain('expired');
  });

  it('refuses a station that is not a printer', () => {
    expect(screens().core.screens.admin.pair({ kind: 'station', station: 'nope' })).toMatchObject({ ok: false });
  });
});

describe('a revoked screen', () => {
  it('has its socket closed at once and is refused afterwards', async () => {
    const paired = await pairWith(screens(), codeFor(screens(), { kind: 'station', station: 'bar' }));
    const screen = await openScreen(screens(), paired.cookie);
    expect(await screen.call('screenGrant')).toEqual({ ok: true, value: { kind: 'station', station: 'bar' } });
    const id = screens().core.screens.admin.list().at(-1)!.id;
    const started = Date.now();
    expect(screens().core.screens.admin.revoke(id)).toMatchObject({ ok: true });
    expect(await screen.closed).toBe(CLOSE_UNPAIRED);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(openScreen(screens(), paired.cookie)).rejects.toThrow('refused 401');
    expect((await http(screens().port, 'GET', '/', { host: screens().host, cookie: paired.cookie! })).status).toBe(303);
    expect(screens().core.screens.admin.list().map((s) => s.id)).not.toContain(id);
  });
});

describe('Host and Origin', () => {
  it('refuses a foreign Host header (DNS rebinding) on pages and sockets; a configured name works', async () => {
    const evil = `rebind.attacker.example:${screens().port}`;
    expect((await http(screens().port, 'GET', '/pair', { host: evil })).status).toBe(421);
    expect((await http(screens().port, 'GET', '/pair', { host: `127.0.0.1:${screens().port + 1}` })).status).toBe(421);
    const code = codeFor(screens(), { kind: 'counter' });
    expect((await pairWith(screens(), code, { host: evil })).status).toBe(421);
    const paired = await pairWith(screens(), code, { host: `kitchen.lan:${screens().port}` });
    expect(paired.status).toBe(303);
    await expect(openScreen(screens(), paired.cookie, { host: evil, origin: `http://${evil}` })).rejects.toThrow('refused 421');
  });

  it('refuses a cross-origin pairing post and socket upgrade, and one without Origin', async () => {
    const code = codeFor(screens(), { kind: 'counter' });
    const cross = await pairWith(screens(), code, { origin: 'http://attacker.example' });
    expect([cross.status, cross.cookie]).toEqual([403, null]);
    const paired = await pairWith(screens(), code);
    expect(paired.status).toBe(303);
    await expect(openScreen(screens(), paired.cookie, { origin: 'http://attacker.example' })).rejects.toThrow('refused 403');
    await expect(openScreen(screens(), paired.cookie, { origin: null })).rejects.toThrow('refused 403');
  });
});

describe('what each kind may ask', () => {
  async function screenOf(kind: Parameters<typeof codeFor>[1]) {
    const paired = await pairWith(screens(), codeFor(screens(), kind));
    return openScreen(screens(), paired.cookie);
  }

  it('a pickup board gets its grant and nothing of the board', async () => {
    const pickup = await screenOf({ kind: 'pickup' });
    expect(await pickup.call('screenGrant')).toEqual({ ok: true, value: { kind: 'pickup' } });
    for (const method of ['listOrders', 'getOrder', 'getHealth', 'orderAction', ...DESKTOP_ONLY]) {
      const result = await pickup.call(method, method === 'getOrder' ? 1 : undefined);
      expect(result, method).toMatchObject({ ok: false });
      expect(result.error, method).toMatch(/^(This screen cannot do that|Settings are on the counter PC)/);
    }
    pickup.ws.close();
  });

  it('station and expo screens are limited to their bumps; no screen reaches a desktop-only method', async () => {
    const station = await screenOf({ kind: 'station', station: 'grill' });
    expect(await station.call('orderAction', { orderId: 1, action: 'accepted' })).toMatchObject({ ok: false, error: 'A station screen only marks its own lines ready.' });
    expect(await station.call('reprint', { orderId: 1, printerId: 'grill' })).toMatchObject({ ok: false });
    const expo = await screenOf({ kind: 'expo' });
    expect(await expo.call('orderAction', { orderId: 1, action: 'rejected', reasonCode: 'busy' })).toMatchObject({ ok: false, error: expect.stringContaining('accept or reject them on the counter') });
    const counter = await screenOf({ kind: 'counter' });
    for (const screen of [station, expo, counter]) {
      expect((await screen.call('listOrders', { limit: 5 })).ok).toBe(true);
      expect((await screen.call('getHealth')).ok).toBe(true);
      for (const method of DESKTOP_ONLY) expect((await screen.call(method)).ok, method).toBe(false);
      screen.ws.close();
    }
  });

  it('nothing a counter screen receives carries the relay token or the klikit keys', async () => {
    const counter = await screenOf({ kind: 'counter' });
    for (const method of BRIDGE_METHOD_NAMES) await counter.call(method, method === 'listOrders' ? { limit: 50 } : undefined);
    await waitFor('a heartbeat', () => counter.frames.some((f) => f.includes('"heartbeat"')), { timeoutMs: 5000 });
    const received = counter.frames.join('\n');
    for (const secret of [RELAY_TOKEN, KLIKIT_SECRET, KLIKIT_PARTNER]) expect(received).not.toContain(secret);
    const cookie = (await pairWith(screens(), codeFor(screens(), { kind: 'counter' }))).cookie!;
    for (const path of ['/', '/app.js', '/screen-link.js', '/styles.css']) {
      const body = (await http(screens().port, 'GET', path, { host: screens().host, cookie })).body;
      for (const secret of [RELAY_TOKEN, KLIKIT_SECRET, KLIKIT_PARTNER]) expect(body).not.toContain(secret);
    }
    counter.ws.close();
  });
});

describe('a misbehaving LAN device', () => {
  it('gets 400 for a request target URL cannot read, and the server goes on answering', async () => {
    for (const target of ['http://[', '//[/', 'http://%zz/', 'http://a:b@/']) expect((await http(screens().port, 'GET', target, { host: screens().host })).status, target).toBe(400);
    expect((await http(screens().port, 'GET', '/pair', { host: screens().host })).status).toBe(200);
  });

  it('loses its socket when it asks faster than any board does', async () => {
    const screen = await openScreen(screens(), (await pairWith(screens(), codeFor(screens(), { kind: 'counter' }))).cookie);
    for (let i = 0; i < 1000; i++) screen.ws.send(JSON.stringify({ type: 'request', id: i + 1, method: 'getHealth' }));
    await expect(screen.closed).resolves.toBe(1008);
  });
});

describe('pairing attempts', () => {
  it('count only wrong codes: a kitchen pairing its screens one after another is never told to wait', async () => {
    screens().advance(2 * 60_000);
    for (let i = 0; i < 7; i++) expect((await pairWith(screens(), codeFor(screens(), { kind: 'expo' }))).status).toBe(303);
  });

  it('are limited per address: after five wrong tries even the right code waits', async () => {
    screens().advance(2 * 60_000);
    for (let i = 0; i < 5; i++) expect((await pairWith(screens(), '999999')).status).toBe(401);
    const limited = await pairWith(screens(), codeFor(screens(), { kind: 'counter' }));
    expect([limited.status, limited.cookie]).toEqual([429, null]);
    expect(limited.body).toContain('Too many tries');
  });

  it('are counted when sent all at once: no more than five wrong codes a minute get checked', async () => {
    screens().advance(2 * 60_000);
    const replies = await Promise.all(Array.from({ length: 20 }, () => pairWith(screens(), '999999')));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((st) => st === 401)).toHaveLength(5);
    expect(statuses.filter((st) => st === 429)).toHaveLength(15);
  });
});
