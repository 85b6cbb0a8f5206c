import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../e2e/stack.js';
import { waitFor } from '../helpers/wait.js';
import { CHROMIUM_ARGS, SCREENSHOTS, startHarness, type Harness } from '../integration/window-api/support/harness.js';
import { buildBundledBridge, freePort } from '../integration/screens/support.js';
import { shoot } from './screenshots.js';

// LAN screens in Chromium: a screen paired through the real pairing page with a code the counter's
// Settings made, seeing the board live and sent back to pairing when revoked; and a screen whose
// bridge is killed says so within 5 s and recovers by itself when the bridge is back.

const UNREACHABLE = 'Counter PC unreachable — orders may be missing here';

describe('pairing a screen from Settings', () => {
  let h: Harness;
  let screen: Page;
  beforeAll(async () => {
    h = await startHarness();
    screen = await (await h.browser.newContext({ viewport: { width: 1024, height: 600 } })).newPage();
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('pairs with the code Settings shows, shows the board live, and goes back to pairing when revoked', async () => {
    await h.page.click('#tab-settings');
    await h.page.selectOption('#pair-kind', 'counter');
    await h.page.click('#make-pair-code');
    const code = (await h.page.locator('#pair-code').textContent({ timeout: 5000 }))!.trim();
    expect(code).toMatch(/^\d{6}$/);
    await expect(h.page.locator('#pair-result').textContent()).resolves.toContain('http://');

    await screen.goto(`${h.origin}/`);
    expect(new URL(screen.url()).pathname).toBe('/pair');
    await shoot(screen, 'screens-pairing-page');
    await screen.setViewportSize({ width: 1024, height: 600 });
    await screen.fill('#code', '111111');
    await screen.click('button[type="submit"]');
    await expect(screen.locator('.problem').textContent()).resolves.toContain('That code is not right');
    await screen.fill('#code', code);
    await screen.click('button[type="submit"]');
    await screen.waitForSelector('body[data-ready="true"]');
    expect(await screen.evaluate('window.bridge.screenGrant()')).toEqual({ ok: true, value: { kind: 'counter' } });
    expect(await screen.evaluate('document.cookie')).toBe('');

    const orderId = 77100001;
    await h.postOrder(orderId);
    await screen.locator(`#queue [data-order-id="${orderId}"]`).waitFor({ timeout: 10_000 });

    await h.page.locator('.screen-row.online').waitFor({ timeout: 10_000 });
    await shoot(h.page, 'screens-settings', '#screen-list');

    h.page.once('dialog', (dialog) => void dialog.accept());
    await h.page.click('.screen-revoke');
    await waitFor('the screen back on the pairing page', () => new URL(screen.url()).pathname === '/pair', { timeoutMs: 5000 });
    await h.page.locator('.screen-none').waitFor({ timeout: 10_000 });
  }, 90_000);
});

describe('a screen whose bridge is killed', () => {
  let bundle: ReturnType<typeof buildBundledBridge>;
  let stack: Stack;
  let browser: Browser;
  let bridge: ChildProcess | undefined;
  let configPath: string;

  const startBridge = async (): Promise<void> => {
    const proc = spawn(process.execPath, [join(bundle.dist, 'bridge/cli.js'), '--config', configPath], { stdio: ['ignore', 'pipe', 'inherit'] });
    bridge = proc;
    let out = '';
    proc.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await waitFor('the screen server', () => out.includes('serving the board on the local network'), { timeoutMs: 20_000 });
  };

  beforeAll(async () => {
    bundle = buildBundledBridge();
    stack = await startStack({ klikit: false });
    const port = await freePort();
    configPath = stack.configPath;
    const raw = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(configPath, JSON.stringify({ ...raw, screens: { enabled: true, port, bind: '127.0.0.1' } }));
    await startBridge();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    bridge?.kill('SIGKILL');
    await stack?.close();
    bundle?.cleanup();
  });

  it('says the counter PC is unreachable within 5 s and recovers when the bridge is back', async () => {
    const code = execFileSync(process.execPath, [join(bundle.dist, 'bridge/cli.js'), '--config', configPath, '--pair', 'counter'], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
    const { port } = (JSON.parse(readFileSync(configPath, 'utf8')) as { screens: { port: number } }).screens;
    const page = await browser.newPage({ viewport: { width: 1024, height: 600 } });
    await page.goto(`http://127.0.0.1:${port}/pair`);
    await page.fill('#code', code);
    await page.click('button[type="submit"]');
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('#screen-link-down').count()).toBe(0);

    const killed = Date.now();
    const exited = new Promise((resolve) => bridge!.once('exit', resolve));
    bridge!.kill('SIGKILL');
    await exited;
    await page.getByText(UNREACHABLE).waitFor({ timeout: 5000 });
    expect(Date.now() - killed).toBeLessThan(5000);
    await page.screenshot({ path: join(SCREENSHOTS, 'screens-unreachable-1024x600.png') });

    await startBridge();
    await page.locator('#screen-link-down').waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await page.evaluate('window.bridge.getHealth().then((r) => r.ok)')).toBe(true);
  }, 90_000);
});
