import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_SETTINGS, secretOrigin, type Settings } from '../../../common/settings.js';
import type { PairKind } from '../../../common/screens.js';
import { systemClock, systemRandom } from '../../../ground/clock.js';
import { startCoreHost, type CoreHost } from '../../../main/window-api/core-host.js';
import { memorySecretStore } from '../../../main/window-api/settings-file.js';

// A desktop core (startCoreHost, the utilityProcess's host) in this process with LAN screens on, a
// real port, and the relay token and klikit keys set: what a screen receives must carry neither.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const RELAY_TOKEN = 'relay-token-never-on-a-screen-7f3a';
export const KLIKIT_SECRET = 'klikit-secret-never-on-a-screen-91c2';
export const KLIKIT_PARTNER = 'partner-key-shown-in-settings-only';

export function buildRenderer(): { dir: string; cleanup(): void } {
  const out = mkdtempSync(join(tmpdir(), 'screens-renderer-'));
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), 'renderer', '--outdir', out]);
  return { dir: join(out, 'renderer'), cleanup: () => rmSync(out, { recursive: true, force: true }) };
}

/** dist/bridge and dist/renderer as shipped, beside assets/ and node_modules/ (bundle externals resolve there); returns dist/. */
export function buildBundledBridge(): { dist: string; cleanup(): void } {
  const temp = mkdtempSync(join(tmpdir(), 'screens-bundle-'));
  const dist = join(temp, 'dist');
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), 'bridge', 'renderer', '--outdir', dist]);
  symlinkSync(join(ROOT, 'assets'), join(temp, 'assets'));
  symlinkSync(join(ROOT, 'node_modules'), join(temp, 'node_modules'));
  writeFileSync(join(temp, 'package.json'), JSON.stringify({ type: 'module' }));
  return { dist, cleanup: () => rmSync(temp, { recursive: true, force: true }) };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export type ScreensCore = { core: CoreHost; port: number; host: string; origin: string; dataDir: string; advance(ms: number): void; stop(): Promise<void> };

export async function startScreensCore(rendererDir: string, options: { heartbeatMs?: number } = {}): Promise<ScreensCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'screens-core-'));
  let offset = 0;
  const clock = { now: () => systemClock.now() + offset };
  const port = await freePort();
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    relayUrl: 'ws://127.0.0.1:9/v1/bridge',
    klikitBaseUrl: 'http://127.0.0.1:9/v1/partner',
    klikitPartnerKey: KLIKIT_PARTNER,
    branchIds: [1293],
    printers: [
      { id: 'grill', name: 'Grill', type: 'epson', interface: 'tcp://127.0.0.1:9', width: 48, copies: 1 },
      { id: 'bar', name: 'Bar', type: 'epson', interface: 'tcp://127.0.0.1:9', width: 48, copies: 1 },
    ],
    sound: false,
    screens: { enabled: true, port, bind: '127.0.0.1', hostNames: ['kitchen.lan'] },
  };
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(settings));
  const core = await startCoreHost({
    dataDir,
    clock,
    random: systemRandom,
    logger: pino({ level: 'silent' }),
    secrets: memorySecretStore({
      relayToken: { value: RELAY_TOKEN, origin: secretOrigin(settings, 'relayToken')! },
      klikitSecretKey: { value: KLIKIT_SECRET, origin: secretOrigin(settings, 'klikitSecretKey')! },
    }),
    publish: () => {},
    rendererDir,
    feedIntervalMs: 50,
    ...(options.heartbeatMs ? { screensHeartbeatMs: options.heartbeatMs } : {}),
  });
  const host = `127.0.0.1:${port}`;
  return {
    core,
    port,
    host,
    origin: `http://${host}`,
    dataDir,
    advance: (ms) => void (offset += ms),
    async stop() {
      await core.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** One raw HTTP request with exactly these headers (Host and Origin included). */
export function http(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) } : {}) }, setHost: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Pairs through the real page's form post; the credential cookie's `name=value`. */
export async function pairWith(screens: ScreensCore, code: string, from: { host?: string; origin?: string } = {}): Promise<Reply & { cookie: string | null }> {
  const host = from.host ?? screens.host;
  const reply = await http(screens.port, 'POST', '/pair', { host, origin: from.origin ?? `http://${host}` }, `code=${encodeURIComponent(code)}`);
  const setCookie = reply.headers['set-cookie'];
  const cookie = Array.isArray(setCookie) && setCookie[0] ? setCookie[0].split(';')[0]! : null;
  return { ...reply, cookie };
}

export function codeFor(screens: ScreensCore, kind: PairKind): string {
  const made = screens.core.screens.admin.pair(kind);
  if (!made.ok) throw new Error(made.message);
  return made.code;
}

export type ScreenSocket = {
  ws: WebSocket;
  frames: string[];
  call(method: string, args?: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }>;
  closed: Promise<number>;
};

/** A screen's socket with its cookie (`language`: the one its page shows); rejects with the HTTP status when the upgrade is refused. */
export function openScreen(screens: ScreensCore, cookie: string | null, from: { host?: string; origin?: string | null; language?: string } = {}): Promise<ScreenSocket> {
  const host = from.host ?? screens.host;
  const origin = from.origin === undefined ? `http://${host}` : from.origin;
  const query = from.language === undefined ? '' : `?lang=${encodeURIComponent(from.language)}`;
  const ws = new WebSocket(`ws://127.0.0.1:${screens.port}/bridge${query}`, { headers: { host, ...(origin ? { origin } : {}), ...(cookie ? { cookie } : {}) } });
  const frames: string[] = [];
  const waiting = new Map<number, (result: { ok: boolean; value?: unknown; error?: string }) => void>();
  let nextId = 1;
  ws.on('message', (data) => {
    const text = String(data);
    frames.push(text);
    const message = JSON.parse(text) as { type: string; id?: number; result?: { ok: boolean } };
    if (message.type === 'response' && message.id !== undefined) waiting.get(message.id)?.(message.result!);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        ws,
        frames,
        closed,
        call(method, args) {
          const id = nextId++;
          return new Promise((done) => {
            waiting.set(id, done);
            ws.send(JSON.stringify({ type: 'request', id, method, args }));
          });
        },
      }),
    );
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/**
 * A desktop core serving LAN screens from a freshly built renderer for the whole file: started before
 * the first test, stopped (and the build removed) after the last. Read it inside tests.
 */
export function useScreensCore(): () => ScreensCore {
  let renderer: ReturnType<typeof buildRenderer> | undefined;
  let screens: ScreensCore | undefined;
  beforeAll(async () => {
    renderer = buildRenderer();
    screens = await startScreensCore(renderer.dir);
  }, 60_000);
  afterAll(async () => {
    await screens?.stop();
    renderer?.cleanup();
  });
  return () => {
    if (!screens) throw new Error('the screens core has not started');
    return screens;
  };
}
