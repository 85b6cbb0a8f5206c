import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Health, OrderSummary } from '../../../common/bridge-api.js';
import { PARTNER_PREFIX } from '../../../dev/simulator/partner-api.js';
import type { AcceptanceExpiryOptions } from '../../../dev/simulator/acceptance-expiry.js';
import { startSimulator, type Simulator } from '../../../dev/simulator/simulator.js';
import { createVirtualPrinter, type VirtualPrinter } from '../../../dev/virtual-printer/virtual-printer.js';
import { systemRandom, type Clock } from '../../../ground/clock.js';
import { startCoreHost, type CoreHost, type CoreHostOptions } from '../../../main/window-api/core-host.js';
import { memorySecretStore } from '../../../main/window-api/settings-file.js';
import { addDevice } from '../../../relay/admin.js';
import { startRelay, type RunningRelay } from '../../../relay/server.js';
import { waitFor } from '../../helpers/wait.js';

// The real chain for the acceptance-deadline tests: the simulated klikit (webhooks and partner API,
// cancelling unaccepted orders when asked) → the relay → the real core host (bridge, outbox, window
// API) with one injected clock shared by the simulator and the core.

export const BRANCH = 1293;
const SECRET = 'deadline-webhook-secret';
const PARTNER_KEY = 'deadline-partner';
const SECRET_KEY = 'deadline-secret';

/** A clock the test moves: the simulator's and the core's "now". */
export function manualClock(start = Date.parse('2026-12-07T10:00:00.000Z')): Clock & { advance(ms: number): void; set(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms), set: (ms) => void (now = ms) };
}

export type Stack = {
  sim: Simulator;
  host: CoreHost;
  relay: RunningRelay;
  dataDir: string;
  deviceToken: string;
  /** The simulated klikit's partner API as a bridge config names it. */
  klikit: { baseUrl: string; partnerKey: string; secretKey: string; branchIds: number[] };
  /** Stops the core host alone (its data directory is then free for a headless bridge). */
  stopHost(): Promise<void>;
  orders(): Promise<OrderSummary[]>;
  order(id: number): Promise<OrderSummary | undefined>;
  health(): Promise<Health>;
  stop(): Promise<void>;
};

export async function startStack(clock: Clock, options: { expiry?: AcceptanceExpiryOptions; overrides?: Record<string, unknown>; host?: Partial<CoreHostOptions> } = {}): Promise<Stack> {
  const temp = mkdtempSync(join(tmpdir(), 'deadlines-'));
  mkdirSync(join(temp, 'relay'));
  const relay = await startRelay({ port: 0, host: '127.0.0.1', store: join(temp, 'relay'), secrets: [SECRET], logger: pino({ level: 'silent' }) });
  const { token } = await addDevice(join(temp, 'relay'), 'counter', [BRANCH]);
  const printer: VirtualPrinter = await createVirtualPrinter();
  const sim = await startSimulator({
    seed: 21,
    clock,
    webhookUrl: `${relay.url}/webhooks/klikit`,
    webhookSecret: SECRET,
    partnerKey: PARTNER_KEY,
    secretKey: SECRET_KEY,
    branchIds: [BRANCH],
    brandIds: [5297],
    ...(options.expiry ? { acceptanceExpiry: options.expiry } : {}),
  });
  const dataDir = join(temp, 'core');
  const host = await startCoreHost({
    dataDir,
    clock,
    random: systemRandom,
    logger: pino({ level: 'silent' }),
    secrets: memorySecretStore(),
    publish: () => undefined,
    feedIntervalMs: 20,
    configOverrides: { timing: { apiBackoffBaseMs: 50, apiBackoffCapMs: 200, reconcileIntervalMs: 3_600_000 }, ...options.overrides },
    autoAcceptCheckMs: 50,
    ...options.host,
  });
  const call = async <T>(method: string, args: unknown): Promise<T> => {
    const result = await host.handle(method as never, args);
    if (!result.ok) throw new Error(`${method}: ${result.error}`);
    return result.value as T;
  };
  await call('saveSettings', {
    relayUrl: relay.bridgeUrl,
    klikitBaseUrl: `${sim.apiUrl}${PARTNER_PREFIX}`,
    klikitPartnerKey: PARTNER_KEY,
    branchIds: [BRANCH],
    printers: [{ id: 'kitchen', name: 'Kitchen', type: 'epson', interface: printer.url, width: 48, copies: 1 }],
  });
  await call('setSecret', { name: 'relayToken', value: token });
  await call('setSecret', { name: 'klikitSecretKey', value: SECRET_KEY });
  const health = (): Promise<Health> => call<Health>('getHealth', undefined);
  await waitFor('the bridge to go live on the relay', async () => (await health()).connection.mode === 'relay');
  const orders = (): Promise<OrderSummary[]> => call<OrderSummary[]>('listOrders', { limit: 100 });
  let hostStopped: Promise<void> | undefined;
  const stopHost = (): Promise<void> => (hostStopped ??= host.stop());
  return {
    sim,
    host,
    relay,
    dataDir,
    deviceToken: token,
    klikit: { baseUrl: `${sim.apiUrl}${PARTNER_PREFIX}`, partnerKey: PARTNER_KEY, secretKey: SECRET_KEY, branchIds: [BRANCH] },
    stopHost,
    orders,
    order: async (id) => (await orders()).find((o) => o.id === id),
    health,
    async stop() {
      await stopHost();
      await sim.close();
      await relay.close();
      await printer.stop();
      rmSync(temp, { recursive: true, force: true });
    },
  };
}
