import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startRelay, type RelayOptions, type RunningRelay } from '../../relay/server.js';
import { addDevice } from '../../relay/admin.js';
import { startSimulator, type Simulator } from '../../dev/simulator/simulator.js';
import { createVirtualPrinter, type PrintedTicket, type VirtualPrinter } from '../../dev/virtual-printer/virtual-printer.js';
import { parseConfig, type BridgeConfig, type Timing } from '../../main/core/config.js';
import { startBridge, type Bridge } from '../../main/core/bridge.js';
import { systemClock, systemRandom, type Clock } from '../../ground/clock.js';
import type { PrinterRoutes } from '../../main/routing/routes.js';

// The whole chain on 127.0.0.1 for end-to-end tests: relay + device token, klikit simulator (webhooks
// and partner API), virtual printer, and a bridge either in this process or described by a config file
// for a child process.

export const WEBHOOK_SECRET = 'whsec-e2e';
export const BRANCH_ID = 1293;
export const BRAND_ID = 5297;
const silent = pino({ level: 'silent' });

export type Stack = {
  root: string;
  relay: RunningRelay;
  sim: Simulator;
  printer: VirtualPrinter;
  /** One virtual printer per configured printer id (`printer` is the first). */
  printers: Record<string, VirtualPrinter>;
  config: BridgeConfig;
  configPath: string;
  /** Stops the relay (the process is "killed" as far as the bridge can tell); its data stays. */
  stopRelay(): Promise<void>;
  /** Starts the relay again on the same port and data. */
  restartRelay(): Promise<void>;
  startBridge(): Promise<Bridge>;
  close(): Promise<void>;
};

export type StackOptions = {
  timing?: Partial<Timing>;
  seed?: number;
  klikit?: boolean;
  /** Where the bridge dials the relay (a proxy in front of it); the relay's own address by default. */
  relayUrlFor?: (relay: RunningRelay) => Promise<string>;
  /** Several printers with routes (one virtual printer each); one unrouted "kitchen" by default. */
  stations?: Array<{ id: string; name: string; routes?: PrinterRoutes; fallback?: boolean; backup?: string; backupAfterSeconds?: number; render?: 'text' | 'raster'; language?: string }>;
  /** The bridge's clock (the relay and the simulator keep the system clock). */
  clock?: Clock;
  scheduled?: { slip?: boolean; leadMinutes?: number };
  /** Relay options beyond the stack's own (retention, prune interval…). */
  relay?: Partial<RelayOptions>;
};

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const root = mkdtempSync(join(tmpdir(), 'bridge-e2e-'));
  const relayDir = join(root, 'relay');
  const relayOptions = { store: relayDir, secrets: [WEBHOOK_SECRET], logger: silent, pingIntervalMs: 1_000, deadAfterMs: 3_000, ...options.relay };
  let relay: RunningRelay | undefined = await startRelay({ port: 0, ...relayOptions });
  const port = relay.port;
  const { token } = await addDevice(relayOptions.store, 'counter-1', [BRANCH_ID]);
  const stations = options.stations ?? [{ id: 'kitchen', name: 'Kitchen' }];
  const printers: Record<string, VirtualPrinter> = {};
  for (const station of stations) printers[station.id] = await createVirtualPrinter();
  const printer = printers[stations[0]!.id]!;
  const sim = await startSimulator({
    seed: options.seed ?? 42,
    webhookUrl: `${relay.url}/webhooks/klikit`,
    webhookSecret: WEBHOOK_SECRET,
    partnerKey: 'partner-e2e',
    secretKey: 'secret-e2e',
    branchIds: [BRANCH_ID],
    brandIds: [BRAND_ID],
    // klikit's own retries are not under test here: a webhook the relay cannot take is simply lost. The
    // relay answers in milliseconds; the reply timeout is only there to fail a hung relay, and must not
    // turn a slow answer on a loaded machine into a lost order.
    webhook: { maxAttempts: 1, timeoutMs: 30_000 },
  });
  const raw = {
    relay: { url: options.relayUrlFor ? await options.relayUrlFor(relay) : relay.bridgeUrl, token },
    ...(options.klikit === false
      ? {}
      : { klikit: { baseUrl: sim.apiBaseUrl, partnerKey: 'partner-e2e', secretKey: 'secret-e2e', branchIds: [BRANCH_ID] } }),
    // Tests classify tickets by their decoded text, so the simulator's Thai and Chinese orders print as
    // text here; raster tickets have e2e tests of their own.
    printers: stations.map((station) => ({ type: 'epson', interface: printers[station.id]!.url, width: 48, render: 'text', ...station })),
    dataDir: join(root, 'bridge'),
    timing: options.timing ?? {},
    ...(options.scheduled ? { scheduled: options.scheduled } : {}),
  };
  const parsed = parseConfig(raw);
  if (!parsed.ok) throw new Error(parsed.error);
  const configPath = join(root, 'bridge.json');
  writeFileSync(configPath, JSON.stringify(raw, null, 2));
  const bridges: Bridge[] = [];

  return {
    root,
    get relay() {
      return relay!;
    },
    sim,
    printer,
    printers,
    config: parsed.config,
    configPath,
    async stopRelay() {
      await relay?.close();
      relay = undefined;
    },
    async restartRelay() {
      relay = await startRelay({ port, ...relayOptions });
    },
    async startBridge() {
      const bridge = await startBridge(parsed.config, { clock: options.clock ?? systemClock, random: systemRandom, logger: silent });
      bridges.push(bridge);
      return bridge;
    },
    async close() {
      for (const bridge of bridges) await bridge.stop();
      await relay?.close();
      await sim.close();
      for (const p of Object.values(printers)) await p.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export type TicketKind = 'new' | 'update' | 'cancel' | 'reprint' | 'possible-duplicate';

export type OrderRef = { id: number; external_id: string };

/**
 * Which order and which kind a printed ticket is. The order is found by its id (the title or the
 * "Order" line), else by the aggregator's long external id (the "Ref" line).
 */
export function classifyTicket(ticket: PrintedTicket, orders: readonly OrderRef[]): { orderId: number | undefined; kind: TicketKind } {
  const text = ticket.text;
  const mentions = (value: string) =>
    new RegExp(`(^|[^0-9A-Za-z-])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^0-9A-Za-z-]|$)`).test(text);
  const orderId = (orders.find((o) => mentions(String(o.id))) ?? orders.find((o) => o.external_id && mentions(o.external_id)))?.id;
  const kind: TicketKind = text.includes('POSSIBLE DUPLICATE')
    ? 'possible-duplicate'
    : text.includes('REPRINT')
      ? 'reprint'
      : text.includes('VOID')
        ? 'cancel'
        : text.includes('UPDATED')
          ? 'update'
          : 'new';
  return { orderId, kind };
}

/** Kitchen tickets (kind 'new', and possible duplicates of them) per order id. */
export function newTicketsPerOrder(tickets: readonly PrintedTicket[], orders: readonly OrderRef[]): Map<number, { plain: number; possibleDuplicate: number }> {
  const counts = new Map(orders.map((o) => [o.id, { plain: 0, possibleDuplicate: 0 }]));
  for (const ticket of tickets) {
    const { orderId, kind } = classifyTicket(ticket, orders);
    if (orderId === undefined) continue;
    if (kind === 'new') counts.get(orderId)!.plain++;
    if (kind === 'possible-duplicate') counts.get(orderId)!.possibleDuplicate++;
  }
  return counts;
}
