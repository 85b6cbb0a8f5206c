import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { addDevice, listDevices } from '../../relay/admin.js';
import { RELAY_DB_FILE } from '../../relay/store/connection.js';
import { DATABASE_FILE } from '../../main/core/bridge.js';
import { startFaultProxy, type FaultProxy } from '../fault-proxy/fault-proxy.js';
import { startSimulator, type Simulator } from '../simulator/simulator.js';
import type { SimOrder } from '../simulator/order-generator.js';
import type { Delivery } from '../simulator/record.js';
import { picker, seededRandom, type Picker } from '../simulator/prng.js';
import { hasSocat, startPtyPair, type PtyPair } from '../virtual-printer/pty-pair.js';
import { createVirtualPrinter, type VirtualPrinter } from '../virtual-printer/virtual-printer.js';
import { freePort, httpOk, managedProcess, untilProgressing, untilReady, type ManagedProcess } from './processes.js';
import { ALL_FAULTS, planFaults, type FaultKind, type PlannedFault } from './schedule.js';
import { verifyChaos, type Violation } from './verify.js';

// The chaos run: simulator → relay (child process) → fault proxy → bridge (child process) → fault
// proxy → virtual printer, with seeded faults injected while orders flow, then a verdict against the
// simulator's record of truth. When socat is installed a second printer, on a serial line (a pty
// pair), prints every order too and gets the same verdict: it lives through the bridge's SIGKILLs.

export type ChaosOptions = {
  orders: number;
  seed: number;
  /** How many faults to inject; by default one per 8 orders, at least one of each kind. */
  faults?: number;
  /** Milliseconds between two new orders. */
  paceMs?: number;
  /**
   * How long the chain may stand still (nothing printed, acked or dequeued) before settling after the
   * last order is given up; settling itself takes as long as the chain keeps moving.
   */
  settleIdleMs?: number;
  keepData?: boolean;
  log?: (line: string) => void;
};

export type ChaosReport = {
  seed: number;
  orders: number;
  faults: Array<{ kind: FaultKind; injected: number }>;
  outcomes: Record<string, number>;
  violations: Violation[];
  durationMs: number;
  workDir: string;
};

const RELAY_CLI = fileURLToPath(new URL('../../relay/cli.ts', import.meta.url));
const BRIDGE_CLI = fileURLToPath(new URL('../../main/core/cli.ts', import.meta.url));
const SECRET = 'chaos-webhook-secret';
const BRANCH = 1293;
const CANCELLED = 3;
// Separate random streams, so the fault plan does not depend on which orders were picked.
const PLAN_STREAM = 0x51ed;
const PICK_STREAM = 0xc4a05;

/** Fast timings so that a link declared dead, a reconnect and a poll happen within a short run. */
const BRIDGE_TIMING = {
  pingIntervalMs: 1_000,
  deadAfterMs: 3_000,
  reconnectBaseMs: 50,
  reconnectCapMs: 500,
  pollAfterDownMs: 2_000,
  pollIntervalMs: 1_000,
  apiBackoffBaseMs: 100,
  apiBackoffCapMs: 1_000,
  apiTimeoutMs: 2_000,
};

/**
 * A print job that failed a few times waits up to the queue's backoff cap (60 s) before its next try,
 * with nothing to see meanwhile: the chain counts as stuck only after standing still longer than that.
 */
export const SETTLE_IDLE_MS = 90_000;

type Chain = {
  root: string;
  relayDir: string;
  bridgeDir: string;
  relayPort: number;
  healthUrl: string;
  relay: ManagedProcess;
  bridge: ManagedProcess;
  relayProxy: FaultProxy;
  printerProxy: FaultProxy;
  printer: VirtualPrinter;
  /** The serial printer beside the TCP one, when socat is installed. */
  serial: { printer: VirtualPrinter; line: PtyPair } | undefined;
  sim: Simulator;
};

async function startChain(seed: number, keepTickets: boolean): Promise<Chain> {
  const root = mkdtempSync(join(tmpdir(), 'chaos-'));
  const relayDir = join(root, 'relay');
  const bridgeDir = join(root, 'bridge');
  const relayPort = await freePort();
  const relay = managedProcess('relay', RELAY_CLI, ['serve', '--port', String(relayPort), '--data', relayDir], { KLIKIT_WEBHOOK_SECRET: SECRET });
  relay.start();
  await untilReady(relay, 'listening', () => httpOk(`http://127.0.0.1:${relayPort}/healthz`));
  const { token } = await addDevice(relayDir, 'chaos-counter', [BRANCH]);

  const printer = await createVirtualPrinter(keepTickets ? { outDir: join(root, 'tickets') } : {});
  const printerProxy = await startFaultProxy({ target: { host: '127.0.0.1', port: printer.port } });
  const relayProxy = await startFaultProxy({ target: { host: '127.0.0.1', port: relayPort } });
  const serial = hasSocat ? { printer: await createVirtualPrinter(), line: await startPtyPair(root) } : undefined;
  if (serial) await serial.printer.attachSerial(serial.line.b);
  const sim = await startSimulator({
    seed,
    webhookUrl: `http://127.0.0.1:${relayPort}/webhooks/klikit`,
    webhookSecret: SECRET,
    partnerKey: 'chaos-partner',
    secretKey: 'chaos-secret',
    branchIds: [BRANCH],
    brandIds: [5297, 5301],
    // klikit retries a webhook the relay could not take; long enough to outlast a relay restart.
    webhook: { maxAttempts: 15, baseDelayMs: 100, maxDelayMs: 1_500, timeoutMs: 3_000 },
  });

  const healthPort = await freePort();
  const configPath = join(root, 'bridge.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      relay: { url: `ws://127.0.0.1:${relayProxy.port}/v1/bridge`, token },
      klikit: { baseUrl: sim.apiBaseUrl, partnerKey: 'chaos-partner', secretKey: 'chaos-secret', branchIds: [BRANCH] },
      // The verifier reads every ticket's decoded text (order, kind, banner): text tickets only.
      printers: [
        { id: 'kitchen', name: 'Kitchen (virtual, behind the fault proxy)', type: 'epson', interface: `tcp://127.0.0.1:${printerProxy.port}`, width: 48, render: 'text' },
        ...(serial ? [{ id: 'counter', name: 'Counter (virtual, serial line)', type: 'epson', interface: `serial://${serial.line.a}?baud=115200`, width: 48, render: 'text' }] : []),
      ],
      dataDir: bridgeDir,
      healthPort,
      timing: BRIDGE_TIMING,
    }),
  );
  const bridge = managedProcess('bridge', BRIDGE_CLI, ['--config', configPath]);
  bridge.start();
  const healthUrl = `http://127.0.0.1:${healthPort}/health`;
  await untilReady(bridge, 'reporting health', () => httpOk(healthUrl));
  return { root, relayDir, bridgeDir, relayPort, healthUrl, relay, bridge, relayProxy, printerProxy, printer, serial, sim };
}

/** Tracks which orders exist and which have a printed ticket, to aim edits and cancels. */
function createOrderBook(printer: VirtualPrinter) {
  const open: SimOrder[] = [];
  const all: SimOrder[] = [];
  const printed = new Set<number>();
  const validDeliveries: Delivery[] = [];
  printer.events.on('ticket', (ticket: { text: string }) => {
    for (const token of ticket.text.split(/[^0-9]+/)) if (token.length >= 6) printed.add(Number(token));
  });
  return {
    open,
    all,
    printed,
    validDeliveries,
    add(order: SimOrder, delivery: Delivery) {
      open.push(order);
      all.push(order);
      validDeliveries.push(delivery);
    },
    replace(order: SimOrder) {
      const i = open.findIndex((o) => o.id === order.id);
      if (i >= 0) open[i] = order;
    },
    close(id: number) {
      const i = open.findIndex((o) => o.id === id);
      if (i >= 0) open.splice(i, 1);
    },
    /** An open order, printed already when `printedFirst` and one exists. */
    pickOpen(p: Picker, printedFirst: boolean): SimOrder | undefined {
      const candidates = printedFirst ? open.filter((o) => printed.has(o.id)) : [];
      const pool = candidates.length > 0 ? candidates : open;
      return pool.length > 0 ? p.pick(pool) : undefined;
    },
  };
}

type Timers = { later(ms: number, fn: () => void): void; flush(): void };

/** Faults that last a while clear themselves on a timer; `flush` clears all of them at once. */
function createTimers(): Timers {
  const pending = new Map<NodeJS.Timeout, () => void>();
  return {
    later(ms, fn) {
      const timer = setTimeout(() => {
        pending.delete(timer);
        fn();
      }, ms);
      pending.set(timer, fn);
    },
    flush() {
      for (const [timer, fn] of pending) {
        clearTimeout(timer);
        fn();
      }
      pending.clear();
    },
  };
}

const MALFORMED = ['not-json', 'wrong-shape', 'empty-orders', 'huge'] as const;

async function inject(fault: PlannedFault, chain: Chain, book: ReturnType<typeof createOrderBook>, p: Picker, timers: Timers): Promise<void> {
  const { sim, printer, printerProxy, relayProxy } = chain;
  switch (fault.kind) {
    case 'bridge SIGKILL + restart':
      await chain.bridge.kill();
      chain.bridge.start();
      return;
    case 'relay SIGKILL + restart':
      await chain.relay.kill();
      chain.relay.start();
      return;
    case 'relay link dropped':
      relayProxy.setFault({ kind: 'drop' });
      timers.later(fault.durationMs, () => relayProxy.setFault({ kind: 'none' }));
      return;
    case 'relay link half-open':
      // Longer than the bridge's dead-link timeout, so that it has to notice by itself.
      relayProxy.setFault({ kind: 'half-open' });
      timers.later(BRIDGE_TIMING.deadAfterMs + fault.durationMs, () => relayProxy.setFault({ kind: 'none' }));
      return;
    case 'relay link slow':
      relayProxy.setFault({ kind: 'delay', ms: 200 });
      timers.later(fault.durationMs, () => relayProxy.setFault({ kind: 'none' }));
      return;
    case 'printer paper out':
    case 'printer cover open':
      printer.setState(fault.kind === 'printer paper out' ? 'paper-out' : 'cover-open');
      timers.later(fault.durationMs, () => printer.setState('ok'));
      return;
    case 'printer paper out mid-job':
      // Someone refills the paper a while after it ran out, not at a time fixed in advance.
      printer.runOutOfPaperAfter(fault.size);
      printer.events.once('fragment', () => timers.later(fault.durationMs, () => printer.setState('ok')));
      return;
    case 'printer link cut mid-job':
      printerProxy.setFault({ kind: 'cut', afterBytes: fault.size, direction: 'toTarget', once: true });
      return;
    case 'printer disconnected':
      printerProxy.setFault({ kind: 'drop' });
      timers.later(fault.durationMs, () => printerProxy.setFault({ kind: 'none' }));
      return;
    case 'duplicate webhook, same event id':
    case 'duplicate webhook, new event id': {
      const original = p.pick(book.validDeliveries);
      await (fault.kind === 'duplicate webhook, same event id' ? sim.scenarios.resendSameEventId(original) : sim.scenarios.resendNewEventId(original));
      return;
    }
    case 'out-of-order status updates': {
      const order = book.pickOpen(p, false);
      if (order) book.replace((await sim.scenarios.outOfOrderStatus(order, 2, 4)).versions[1]);
      return;
    }
    case 'stale status update':
      await sim.scenarios.staleStatus(p.pick(book.all).id);
      return;
    case 'cart edit after print': {
      const order = book.pickOpen(p, true);
      if (order) book.replace((await sim.scenarios.cartEdit(order)).order);
      return;
    }
    case 'cancel before print':
      await sim.scenarios.cancelledBeforeDelivery();
      return;
    case 'cancel after print': {
      const order = book.pickOpen(p, true);
      if (order) {
        await sim.scenarios.cancel(order);
        book.close(order.id);
      }
      return;
    }
    case 'bad signature':
      await sim.scenarios.badSignature();
      return;
    case 'missing klikit headers':
      await sim.scenarios.missingHeaders();
      return;
    case 'malformed body':
      await sim.scenarios.malformed(MALFORMED[fault.size % MALFORMED.length]!);
      return;
  }
}

async function bridgeHealth(url: string): Promise<{ queueDepth: Record<string, number> } | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return res.ok ? ((await res.json()) as { queueDepth: Record<string, number> }) : null;
  } catch {
    return null;
  }
}

/**
 * Settled: the relay has nothing unacked, the print queue is empty, and every open order printed. Gives
 * up only once the chain stopped moving for `idleMs`, and says so: a verdict on an unsettled chain
 * would blame the product for the machine's load.
 */
async function settle(chain: Chain, book: ReturnType<typeof createOrderBook>, serialBook: ReturnType<typeof createOrderBook> | undefined, idleMs: number): Promise<string | null> {
  const expected = () => chain.sim.record.orders().filter((o) => o.status !== CANCELLED);
  const printed = (): number => chain.printer.tickets().length + (chain.serial?.printer.tickets().length ?? 0);
  try {
    await untilProgressing(
      'the chain to settle',
      async () => {
        const lag = (await listDevices(chain.relayDir)).reduce((sum, d) => sum + d.lag, 0);
        const health = await bridgeHealth(chain.healthUrl);
        const queued = health ? Object.values(health.queueDepth).reduce((a, b) => a + b, 0) : null;
        const waiting = expected().filter((o) => !book.printed.has(o.id) || (serialBook !== undefined && !serialBook.printed.has(o.id))).length;
        const deliveries = chain.sim.record.deliveries().length;
        return { done: lag === 0 && queued === 0 && waiting === 0, progress: { lag, queued, waiting, printed: printed(), deliveries } };
      },
      idleMs,
      200,
    );
  } catch (err) {
    return (err as Error).message;
  }
  // Nothing more may arrive: a late duplicate counts as much as an early one.
  let seen = -1;
  while (seen !== printed()) {
    seen = printed();
    await delay(1_000);
  }
  return null;
}

function readDatabase<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const plan = planFaults(seededRandom(options.seed ^ PLAN_STREAM), options.orders, options.faults ?? Math.max(ALL_FAULTS.length, Math.round(options.orders / 8)));
  const p = picker(seededRandom(options.seed ^ PICK_STREAM));
  const injected = new Map<FaultKind, number>(ALL_FAULTS.map((k) => [k, 0]));
  const chain = await startChain(options.seed, options.keepData ?? false);
  const timers = createTimers();
  try {
    const book = createOrderBook(chain.printer);
    const serialBook = chain.serial && createOrderBook(chain.serial.printer);
    let next = 0;
    for (let n = 1; n <= options.orders; n++) {
      const { order, delivery } = await chain.sim.scenarios.created();
      book.add(order, delivery);
      while (plan[next] && plan[next]!.afterOrder <= n) {
        const fault = plan[next++]!;
        log(`${new Date().toISOString()} order ${n} (${order.id}): ${fault.kind}`);
        await inject(fault, chain, book, p, timers);
        injected.set(fault.kind, injected.get(fault.kind)! + 1);
      }
      if (options.paceMs) await delay(options.paceMs);
    }
    timers.flush();
    chain.printer.setState('ok');
    chain.relayProxy.setFault({ kind: 'none' });
    chain.printerProxy.setFault({ kind: 'none' });
    log('all orders sent; waiting for the chain to settle');
    const unsettled = await settle(chain, book, serialBook, options.settleIdleMs ?? SETTLE_IDLE_MS);

    const unexpected = [chain.bridge, chain.relay].filter((proc) => proc.unexpectedExits() > 0);
    await chain.bridge.stop();
    await chain.relay.stop();
    const record = chain.sim.record;
    const forgedIds = new Set(record.forgedOrderIds());
    const forgedOrders = record
      .deliveries()
      .flatMap((d) => d.orders)
      .filter((o) => forgedIds.has(o.id));
    const bridgeDb = join(chain.bridgeDir, DATABASE_FILE);
    const evidence = {
      validOrders: record.orders(),
      forgedOrders,
      cancelledBeforeFirstDelivery: record.cancelledBeforeFirstDelivery(),
      tickets: chain.printer.tickets().map((t) => t.text),
      bridgeOrders: readDatabase(bridgeDb, (db) => db.prepare('SELECT id, status, updated_at FROM orders').all() as Array<{ id: number; status: number; updated_at: string }>),
      integrity: {
        bridge: readDatabase(bridgeDb, (db) => db.pragma('integrity_check', { simple: true }) as string),
        relay: readDatabase(join(chain.relayDir, RELAY_DB_FILE), (db) => db.pragma('integrity_check', { simple: true }) as string),
      },
      cancelledStatus: CANCELLED,
    };
    const verdict = verifyChaos(evidence);
    if (chain.serial) {
      // The same orders, printed on the serial printer: the same rules hold there on their own.
      const serialVerdict = verifyChaos({ ...evidence, tickets: chain.serial.printer.tickets().map((t) => t.text), integrity: {} });
      verdict.violations.push(...serialVerdict.violations.map((v) => ({ ...v, rule: `${v.rule} (serial printer)` })));
      verdict.outcomes['serial printer: kitchen tickets'] = serialVerdict.outcomes['kitchen tickets']!;
      verdict.outcomes['serial printer: kitchen tickets marked POSSIBLE DUPLICATE'] = serialVerdict.outcomes['kitchen tickets marked POSSIBLE DUPLICATE']!;
    }
    if (unsettled) verdict.violations.push({ rule: 'settle', detail: unsettled });
    for (const proc of unexpected) {
      verdict.violations.push({ rule: 'crash', detail: `${proc.name} exited on its own ${proc.unexpectedExits()} time(s): ${proc.stderrTail().slice(-500)}` });
    }
    const deliveries = record.deliveries();
    return {
      seed: options.seed,
      orders: options.orders,
      faults: ALL_FAULTS.map((kind) => ({ kind, injected: injected.get(kind)! })),
      outcomes: {
        ...verdict.outcomes,
        'webhook deliveries': deliveries.length,
        'webhooks klikit gave up on': deliveries.filter((d) => d.outcome === 'gave-up' && d.intent === 'valid').length,
        'webhook retries': deliveries.reduce((sum, d) => sum + Math.max(0, d.attempts.length - 1), 0),
        'printer fragments (jobs cut short)': chain.printer.fragments().length,
        'relay links reset by the proxy': chain.relayProxy.stats().dropped,
        'printer link cuts': chain.printerProxy.stats().cuts,
      },
      violations: verdict.violations,
      durationMs: Date.now() - started,
      workDir: chain.root,
    };
  } finally {
    timers.flush();
    await chain.bridge.kill();
    await chain.relay.kill();
    await chain.sim.close();
    await chain.relayProxy.close();
    await chain.printerProxy.close();
    await chain.printer.stop();
    await chain.serial?.printer.stop();
    await chain.serial?.line.stop();
    if (!options.keepData) rmSync(chain.root, { recursive: true, force: true });
  }
}
