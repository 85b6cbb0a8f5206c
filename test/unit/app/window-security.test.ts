import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, createRendererHandler, registerAppScheme } from '../../../main/app/app-protocol.js';
import { denyAllPermissions, hardenContents, isAllowedExternal } from '../../../main/app/harden.js';
import { APP_ENTRY, mainWindowOptions } from '../../../main/app/window-options.js';

describe('window options', () => {
  it('satisfy the security checklist', () => {
    const web = mainWindowOptions('/app/preload.cjs').webPreferences!;
    expect(web).toMatchObject({
      preload: '/app/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(APP_ENTRY).toBe('app://renderer/index.html');
  });
});

describe('web contents hardening', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    return {
      contents: {
        on: (name: string, listener: (event: { preventDefault(): void }, url?: string) => void) => listeners.set(name, listener),
        setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => (openHandler = handler),
      },
      fire(name: string, url?: string): boolean {
        const event = { prevented: false, preventDefault() { this.prevented = true; } };
        listeners.get(name)!(event, url);
        return event.prevented;
      },
      open: (url: string) => openHandler!({ url }),
    };
  }

  it('blocks navigation away from the app, webviews and every new window', () => {
    const fake = fakeContents();
    const openExternal = vi.fn();
    hardenContents(fake.contents as never, openExternal);
    expect(fake.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fake.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fake.fire('will-navigate', 'app://renderer/index.html')).toBe(false);
    expect(fake.fire('will-redirect', 'http://127.0.0.1/')).toBe(true);
    expect(fake.fire('will-attach-webview')).toBe(true);

    expect(fake.open('https://developer.klikit.io/partner-api')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://developer.klikit.io/partner-api');
    expect(fake.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(fake.open('http://developer.klikit.io/')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('allowlists only https origins exactly', () => {
    expect(isAllowedExternal('https://klikit.io/help')).toBe(true);
    expect(isAllowedExternal('https://klikit.io.evil.example/')).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
  });

  it('denies every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    denyAllPermissions({ setPermissionRequestHandler: (h: never) => (request = h), setPermissionCheckHandler: (h: never) => (check = h) } as never);
    const callback = vi.fn();
    request!(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check!()).toBe(false);
  });
});

describe('app:// protocol', () => {
  const root = mkdtempSync(join(tmpdir(), 'app-protocol-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'renderer'));
  writeFileSync(join(root, 'renderer', 'index.html'), '<p>queue</p>');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  const handle = createRendererHandler(join(root, 'renderer'));

  it('serves the renderer with a strict CSP', async () => {
    const res = await handle(new Request('app://renderer/index.html'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<p>queue</p>');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('refuses paths outside dist/renderer, other hosts and unknown types', async () => {
    expect((await handle(new Request('app://renderer/..%2Fsecret.txt'))).status).toBe(403);
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
    expect((await handle(new Request('app://renderer/missing.js'))).status).toBe(404);
  });

  it('registers app as a standard secure scheme', () => {
    const register = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged: register });
    expect(register).toHaveBeenCalledWith([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });
});
