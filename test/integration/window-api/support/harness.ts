import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ScreenGrant } from '../../../../common/screen-grant.js';
import type { PairKind } from '../../../../common/screens.js';
import { DEFAULT_SETTINGS, secretOrigin, type BoundSecret, type SecretName, type Settings } from '../../../../common/settings.js';
import { startFaultProxy, type FaultProxy } from '../../../../dev/fault-proxy/fault-proxy.js';
import { PARTNER_PREFIX } from '../../../../dev/simulator/partner-api.js';
import type { AcceptanceExpiryOptions } from '../../../../dev/simulator/acceptance-expiry.js';
import { startSimulator, type Simulator } from '../../../../dev/simulator/simulator.js';
import { createVirtualPrinter, type VirtualPrinter } from '../../../../dev/virtual-printer/virtual-printer.js';
import { addDevice } from '../../../../relay/admin.js';
import { startRelay, type RunningRelay } from '../../../../relay/server.js';
import { readKlikitFixture } from '../../../helpers/fixtures.js';
import { waitFor } from '../../../helpers/wait.js';
import { afterAll, beforeAll } from 'vitest';

// The whole chain for window tests and the renderer benchmark: relay (in this process) → the real
// core in a child process (test transport) → the renderer as built for shipping, in Chromium.

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const WEBHOOK_SECRET = 'renderer-test-secret';
export const BRANCH_ID = 1293;
export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const PARTNER_KEY = 'window-test-partner';
export const SECRET_KEY = 'window-test-secret';

export type Harness = {
  page: Page;
  browser: Browser;
  /** The core's screen server (its board and pairing page), e.g. http://127.0.0.1:PORT */
  origin: string;
  printer: VirtualPrinter;
  dataDir: string;
  /** The relay's bridge URL as the bridge reaches it (through `relayLink`) and a device token for it. */
  relayUrl: string;
  deviceToken: string;
  /** Between the bridge and the relay: `setFault({ kind: 'drop' })` is the relay killed. */
  relayLink: FaultProxy;
  /** With `klikit: true`: the simulated klikit (webhooks to the relay, partner API) and the link to its API. */
  sim: Simulator | null;
  klikitLink: FaultProxy | null;
  /**
   * Another screen on the same core in its own browser context: `desktop` through the launch URL,
   * any other kind paired as a kitchen would (a code from the desktop window's pairScreen, typed on
   * the pairing page); ready once its first render is done.
   */
  openScreen(grant: ScreenGrant, viewport?: { width: number; height: number }): Promise<Page>;
  /** Posts a signed created.v2 webhook for a new order to the relay. */
  postOrder(orderId: number, overrides?: Record<string, unknown>): Promise<number>;
  stop(): Promise<void>;
};

export function orderEnvelope(orderId: number, overrides: Record<string, unknown> = {}): string {
  const envelope = readKlikitFixture('created-v2.single-order.envelope.json') as { orders: Array<Record<string, unknown>> };
  const order = envelope.orders[0]!;
  const now = Date.now();
  const fresh = { created_at: new Date(now).toISOString(), updated_at: new Date(now).toISOString(), estimated_pickup_at: new Date(now + 20 * 60_000).toISOString() };
  envelope.orders = [{ ...order, id: orderId, short_id: `S${orderId}`, ...fresh, ...overrides }];
  return JSON.stringify(envelope);
}

/** Every method the page calls through `window.bridge`, in order, in `window.bridgeCalls`: a test asserts what a kind of screen asks for. */
const RECORD_CALLS = `{
  const calls = (window.bridgeCalls = []);
  let inner;
  Object.defineProperty(window, 'bridge', {
    configurable: true,
    get: () => inner,
    set: (api) => {
      inner = new Proxy(api, {
        get: (target, name) => {
          const value = target[name];
          if (typeof value !== 'function' || name === 'onUpdate') return value;
          return (...args) => {
            calls.push(name);
            return value.apply(target, args);
          };
        },
      });
    },
  });
}`;

/** The screens that show the board with its header (and so the link's state). */
const showsHeader = (grant: ScreenGrant | undefined): boolean => grant === undefined || ['desktop', 'counter', 'station'].includes(grant.kind);

/** A one-use pairing code for a screen of this kind, from the desktop window as Settings → Screens makes it. */
async function pairingCode(desktop: Page, grant: Exclude<ScreenGrant, { kind: 'desktop' }>): Promise<string> {
  const kind: PairKind = grant;
  const answer = (await desktop.evaluate((k) => (globalThis as unknown as { bridge: { pairScreen(k: unknown): Promise<unknown> } }).bridge.pairScreen(k), kind)) as {
    ok: boolean;
    value?: { ok: boolean; code?: string; message: string };
    error?: string;
  };
  if (!answer.ok || !answer.value?.ok || !answer.value.code) throw new Error(`no pairing code: ${answer.error ?? answer.value?.message}`);
  return answer.value.code;
}

/** The core's screen server: its port and the per-run token of its launch URL (desktop grant). */
function readListening(child: ChildProcess): Promise<{ port: number; token: string }> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /LISTENING (\d+) (\S+)/.exec(buffered);
      if (match) resolve({ port: Number(match[1]), token: match[2]! });
    });
    child.once('exit', (code) => reject(new Error(`core server exited with ${code} before listening`)));
  });
}

const proxyTo = (url: string): Promise<FaultProxy> => {
  const target = new URL(url);
  return startFaultProxy({ target: { host: target.hostname, port: Number(target.port) } });
};

export type HarnessOptions = {
  settings?: Partial<Settings>;
  configured?: boolean;
  /** Starts the klikit simulator and configures the bridge with its API (the polling fallback and order actions). */
  klikit?: boolean;
  /** Bridge config overrides (e.g. shorter `timing`). */
  overrides?: Record<string, unknown>;
  viewport?: { width: number; height: number };
  /** The kind of screen `page` is (default: the desktop window); the desktop window pairs it. */
  grant?: ScreenGrant;
  /** Printers with station routes (main/routing), all on the one virtual printer; replaces the single Kitchen printer. */
  stations?: ReadonlyArray<{ id: string; name: string; routes?: Record<string, unknown>; fallback?: boolean; backup?: string; backupAfterSeconds?: number }>;
  /**
   * What the core's printer discovery finds instead of this machine's printers: `lpstat` is the output
   * of a fake `lpstat -v` put first on the core's PATH; serial ports and device directories are handed in.
   */
  discovery?: { lpstat: string; serialPorts: Array<{ path: string; manufacturer?: string }>; deviceNames: Record<string, string[]> };
  /** With `klikit`: the simulator cancels orders left unaccepted past their deadline when `sim.expireUnaccepted()` is called. */
  acceptanceExpiry?: AcceptanceExpiryOptions;
};

/** The core's environment, with a fake `lpstat` first on its PATH when discovery is faked. */
function coreEnv(temp: string, discovery: HarnessOptions['discovery']): NodeJS.ProcessEnv {
  if (!discovery) return process.env;
  const bin = join(temp, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'lpstat'), `#!/bin/sh\ncat <<'EOF'\n${discovery.lpstat}\nEOF\n`);
  chmodSync(join(bin, 'lpstat'), 0o755);
  return { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
}

/** The settings' printers and, when some have routes, the bridge config's printers (settings carry no routes). */
function printersFor(options: HarnessOptions, url: string) {
  const stations = options.stations ?? [{ id: 'kitchen', name: 'Kitchen' }];
  const settings = stations.map(({ id, name }) => ({ id, name, type: 'epson' as const, interface: url, width: 48 as const, copies: 1 }));
  const config = options.stations ? { printers: stations.map((s, i) => ({ ...settings[i]!, ...s, statusProbe: 'best-effort' })) } : {};
  return { settings, config };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const temp = mkdtempSync(join(tmpdir(), 'renderer-test-'));
  const rendererDir = join(temp, 'dist');
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), 'renderer', '--outdir', rendererDir]);
  const dataDir = join(temp, 'core');
  mkdirSync(dataDir);

  const printer = await createVirtualPrinter();
  const relayDir = join(temp, 'relay');
  mkdirSync(relayDir);
  const relay: RunningRelay = await startRelay({ port: 0, host: '127.0.0.1', store: relayDir, secrets: [WEBHOOK_SECRET], logger: pino({ level: 'silent' }) });
  const { token } = await addDevice(relayDir, 'counter', [BRANCH_ID]);
  const relayLink = await proxyTo(relay.url);
  const relayUrl = `ws://127.0.0.1:${relayLink.port}/v1/bridge`;
  const sim = options.klikit
    ? await startSimulator({ seed: 12, webhookUrl: `${relay.url}/webhooks/klikit`, webhookSecret: WEBHOOK_SECRET, partnerKey: PARTNER_KEY, secretKey: SECRET_KEY, branchIds: [BRANCH_ID], brandIds: [5297], ...(options.acceptanceExpiry ? { acceptanceExpiry: options.acceptanceExpiry } : {}) })
    : null;
  const klikitLink = sim ? await proxyTo(sim.apiUrl) : null;

  const configured = options.configured ?? true;
  const printers = printersFor(options, printer.url);
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    ...(configured
      ? { relayUrl, printers: printers.settings }
      : {}),
    ...(klikitLink ? { klikitBaseUrl: `http://127.0.0.1:${klikitLink.port}${PARTNER_PREFIX}`, klikitPartnerKey: PARTNER_KEY, branchIds: [BRANCH_ID] } : {}),
    sound: false,
    ...options.settings,
  };
  // Each secret bound to the origin it is for, as the desktop app's vault hands them over.
  const bound = (name: SecretName, value: string): BoundSecret => ({ value, origin: secretOrigin(settings, name) ?? 'none' });
  const secrets = { ...(configured ? { relayToken: bound('relayToken', token) } : {}), ...(sim ? { klikitSecretKey: bound('klikitSecretKey', SECRET_KEY) } : {}) };
  const closeLinks = async (): Promise<void> => {
    await relayLink.close();
    await klikitLink?.close();
    await sim?.close();
  };
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(settings));

  const discoveryArgs = options.discovery ? ['--discovery', JSON.stringify({ serialPorts: options.discovery.serialPorts, deviceNames: options.discovery.deviceNames })] : [];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test/integration/window-api/support/core-server.ts'), '--data', dataDir, '--renderer', join(rendererDir, 'renderer'), '--secrets', JSON.stringify(secrets), '--overrides', JSON.stringify({ ...printers.config, ...options.overrides }), ...discoveryArgs],
    { stdio: ['ignore', 'pipe', 'inherit'], env: coreEnv(temp, options.discovery) },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let browser: Browser | undefined;
  try {
    const { port, token: launchToken } = await readListening(child);
    const origin = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const opened = browser;
    const desktop = await opened.newPage({ viewport: options.viewport ?? { width: 1280, height: 800 } });
    await desktop.addInitScript({ content: RECORD_CALLS });
    await desktop.goto(`${origin}/launch?token=${launchToken}`);
    await desktop.waitForSelector('body[data-ready="true"]');
    const openScreen = async (grant: ScreenGrant, viewport = { width: 1280, height: 800 }): Promise<Page> => {
      const screen = await (await opened.newContext({ viewport })).newPage();
      await screen.addInitScript({ content: RECORD_CALLS });
      if (grant.kind === 'desktop') {
        await screen.goto(`${origin}/launch?token=${launchToken}`);
      } else {
        const code = await pairingCode(desktop, grant);
        await screen.goto(`${origin}/`);
        await screen.fill('#code', code);
        await screen.click('button[type="submit"]');
      }
      await screen.waitForSelector('body[data-ready="true"]');
      return screen;
    };
    const page = options.grant ? await openScreen(options.grant, options.viewport) : desktop;
    if (configured && showsHeader(options.grant)) {
      await waitFor('the bridge to reach the relay', async () => (await page.locator('.conn').getAttribute('data-mode')) === 'relay');
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    const openBrowser = browser;
    return {
      page,
      browser: openBrowser,
      origin,
      printer,
      dataDir,
      relayUrl,
      deviceToken: token,
      relayLink,
      sim,
      klikitLink,
      openScreen,
      async postOrder(orderId, overrides) {
        const body = orderEnvelope(orderId, overrides);
        const started = Date.now();
        const res = await fetch(`${relay.url}/webhooks/klikit`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-klikit-signature': createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex'),
            'x-klikit-event-id': `evt-${orderId}-${started}`,
            'x-klikit-event-type': 'klikit.order.created.v2',
          },
          body,
        });
        if (res.status !== 200) throw new Error(`relay answered ${res.status}: ${await res.text()}`);
        return started;
      },
      async stop() {
        await openBrowser.close();
        child.kill('SIGTERM');
        await exited;
        await closeLinks();
        await relay.close();
        await printer.stop();
        rmSync(temp, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close();
    child.kill('SIGKILL');
    await closeLinks();
    await relay.close();
    await printer.stop();
    throw err;
  }
}

/** One harness for the enclosing suite, started before its tests and always stopped after them. */
export function harnessForSuite(): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness();
  }, 60_000);
  afterAll(async () => {
    await harness?.stop();
  });
  return () => {
    if (!harness) throw new Error('the harness did not start');
    return harness;
  };
}
