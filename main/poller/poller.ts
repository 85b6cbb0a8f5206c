import type { Logger } from 'pino';
import { orderSchema, describeZodError, type Order } from '../klikit/schemas.js';
import type { Clock, Random } from '../../ground/clock.js';
import type { PollerStatus } from '../core/connection-state.js';
import { diffOrder, type KnownOrder } from './diff.js';
import type { ApiFailure, KlikitApi } from '../klikit/api-client.js';

// The fallback for when the relay is unreachable, and the slow reconciliation that runs even while it
// is live: re-read a recent created_at window (klikit has no updated-since filter), refresh known open
// orders, and feed whatever changed to the same ingest as the relay. One loop, one timer, never tight.

export type PollerTiming = {
  pollIntervalMs: number;
  reconcileIntervalMs: number;
  pollWindowMs: number;
  apiBackoffBaseMs: number;
  apiBackoffCapMs: number;
};

export type PollIngest = (event: {
  eventId: string;
  source: 'poll';
  eventType: string;
  receivedAt: string;
  body: unknown;
}) => { outcome: string };

export type OrderIndex = {
  known(id: number): KnownOrder | undefined;
  /** Orders the store holds as still open: refreshed one by one when they fall out of the window. */
  openOrderIds(): number[];
};

/** What the poller needs from klikit's orders API client. */
export type OrdersApi = Pick<KlikitApi, 'listAllOrders' | 'getOrder'>;

export type PollerOptions = {
  api: OrdersApi;
  clock: Clock;
  random: Random;
  logger: Logger;
  timing: PollerTiming;
  branchIds: number[];
  brandIds?: number[] | undefined;
  orders: OrderIndex;
  ingest: PollIngest;
  /** Epoch ms from which fallback polling is due (relay down long enough), or null while the relay is live. */
  fallbackDueAt: () => number | null;
  onStatus: (status: PollerStatus, detail: string) => void;
};

export type CycleOutcome =
  | { ok: true; fed: number }
  | { ok: false; kind: 'rate-limited'; retryAfterMs: number; detail: string; requestId?: string | undefined }
  | { ok: false; kind: 'transient'; detail: string; requestId?: string | undefined }
  | { ok: false; kind: 'credentials-rejected'; detail: string; requestId?: string | undefined };

export type Poller = {
  start(): void;
  stop(): Promise<void>;
  /** Re-evaluates what is due now (the relay link changed). */
  wake(): void;
  /** One poll cycle now, outside the schedule (used by tests and the reconcile-now action). */
  pollOnce(): Promise<CycleOutcome>;
  /**
   * Runs the reconciliation over the whole poll window as soon as the loop allows (not before a
   * rate-limit or failure backoff ends), then resumes the schedule. Resolves with that cycle's outcome.
   */
  reconcileNow(): Promise<CycleOutcome>;
};

/** Refreshing open orders one GET each is bounded per cycle so a long outage never floods the API. */
const MAX_REFRESHES_PER_CYCLE = 20;
const STOP_GRACE_MS = 500;

function classify(f: ApiFailure): CycleOutcome {
  // The client's message already carries klikit's request_id, which support asks for.
  const failure = { ok: false as const, detail: f.message, requestId: f.requestId };
  if (f.kind === 'unauthorized' || f.kind === 'forbidden') return { ...failure, kind: 'credentials-rejected' };
  if (f.kind === 'rate-limited') return { ...failure, kind: 'rate-limited', retryAfterMs: f.retryAfterMs ?? 0 };
  return { ...failure, kind: 'transient' };
}

export function createPoller(options: PollerOptions): Poller {
  const { api, clock, random, timing } = options;
  const log = options.logger.child({ component: 'poller' });
  let running = false;
  let loop: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  let nextReconcileAt = 0;
  let nextFallbackAt = 0;
  let failures = 0;
  let blockedUntil = 0;
  /** Callers of reconcileNow waiting for the next cycle; taken by that cycle as it starts. */
  let reconcileWaiters: Array<(outcome: CycleOutcome) => void> = [];
  const invalidReported = new Set<string>();

  function parseOrder(raw: unknown, where: string): Order | undefined {
    const parsed = orderSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const id = (raw as { id?: unknown } | null)?.id;
    const key = `${String(id)}:${describeZodError(parsed.error)}`;
    if (!invalidReported.has(key)) {
      invalidReported.add(key);
      log.warn({ orderId: id, where, reason: describeZodError(parsed.error) }, 'klikit returned an order the bridge cannot read');
    }
    return undefined;
  }

  function feed(order: Order, branchId: number): number {
    if (!running) return 0;
    if (options.brandIds && !order.brands.some((b) => options.brandIds!.includes(b.id)) && !options.brandIds.includes(order.brand_id ?? -1)) {
      return 0;
    }
    const event = diffOrder(order, options.orders.known(order.id), branchId);
    if (!event) return 0;
    const result = options.ingest({ ...event, source: 'poll', receivedAt: new Date(clock.now()).toISOString() });
    log.info({ orderId: order.id, eventId: event.eventId, eventType: event.eventType, outcome: result.outcome }, 'poll fed an order change');
    return result.outcome === 'applied' ? 1 : 0;
  }

  async function cycle(): Promise<CycleOutcome> {
    const now = clock.now();
    const from = new Date(now - timing.pollWindowMs).toISOString();
    const to = new Date(now + 60_000).toISOString();
    const seen = new Set<number>();
    let fed = 0;
    for (const branchId of options.branchIds) {
      const answer = await api.listAllOrders({ from, to, branchId });
      if (!answer.ok) return classify(answer);
      for (const raw of answer.value) {
        const order = parseOrder(raw, `orders list of branch ${branchId}`);
        if (!order) continue;
        seen.add(order.id);
        fed += feed(order, branchId);
      }
    }
    const stale = options.orders.openOrderIds().filter((id) => !seen.has(id)).slice(0, MAX_REFRESHES_PER_CYCLE);
    for (const id of stale) {
      const answer = await api.getOrder(id);
      if (!answer.ok) {
        if (answer.kind === 'not-found') continue;
        return classify(answer);
      }
      const order = parseOrder(answer.value, `order ${id}`);
      if (order) fed += feed(order, order.branch_id ?? options.branchIds[0] ?? 0);
    }
    return { ok: true, fed };
  }

  // A cycle that throws still answers its waiters, then lets the loop's own catch handle it.
  async function settle(waiters: Array<(outcome: CycleOutcome) => void>, pending: Promise<CycleOutcome>): Promise<CycleOutcome> {
    try {
      const outcome = await pending;
      for (const done of waiters) done(outcome);
      return outcome;
    } catch (err) {
      for (const done of waiters) done({ ok: false, kind: 'transient', detail: (err as Error).message });
      throw err;
    }
  }

  function backoffMs(): number {
    const ceiling = Math.min(timing.apiBackoffCapMs, timing.apiBackoffBaseMs * 2 ** Math.min(failures, 20));
    return Math.max(timing.pollIntervalMs, Math.floor(ceiling / 2 + (random() * ceiling) / 2));
  }

  // Polls of many counter PCs must not synchronise: each interval is drawn from [0.75, 1.25] x nominal.
  const jittered = (ms: number): number => Math.floor(ms * (0.75 + random() / 2));

  async function runDue(): Promise<void> {
    const now = clock.now();
    if (now < blockedUntil) return;
    const fallbackDue = options.fallbackDueAt();
    const fallback = fallbackDue !== null && now >= fallbackDue && now >= nextFallbackAt;
    const reconcile = now >= nextReconcileAt || reconcileWaiters.length > 0;
    if (!fallback && !reconcile) return;
    const waiters = reconcileWaiters;
    reconcileWaiters = [];
    const outcome = await settle(waiters, cycle());
    const after = clock.now();
    if (outcome.ok) {
      failures = 0;
      nextReconcileAt = after + jittered(timing.reconcileIntervalMs);
      nextFallbackAt = after + jittered(timing.pollIntervalMs);
      options.onStatus(fallback ? 'ok' : 'idle', fallback ? `polled klikit (${outcome.fed} changes)` : 'reconciled');
      return;
    }
    failures++;
    if (outcome.kind === 'credentials-rejected') {
      log.error({ detail: outcome.detail, requestId: outcome.requestId }, 'klikit rejected the API credentials: polling stops until the config changes');
      options.onStatus('credentials-rejected', `klikit rejected the API credentials (${outcome.detail})`);
      running = false;
      return;
    }
    const wait = outcome.kind === 'rate-limited' ? Math.max(outcome.retryAfterMs, timing.pollIntervalMs) : backoffMs();
    blockedUntil = after + wait;
    log.warn({ detail: outcome.detail, requestId: outcome.requestId, retryInMs: wait, kind: outcome.kind }, 'klikit poll failed');
    options.onStatus('failing', outcome.detail);
  }

  function nextWakeAt(): number {
    const fallbackDue = options.fallbackDueAt();
    const candidates = [reconcileWaiters.length > 0 ? 0 : nextReconcileAt];
    if (fallbackDue !== null) candidates.push(Math.max(fallbackDue, nextFallbackAt));
    return Math.max(blockedUntil, Math.min(...candidates));
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        await runDue();
      } catch (err) {
        log.error({ err }, 'poll cycle threw');
        failures++;
        blockedUntil = clock.now() + backoffMs();
      }
      if (!running) break;
      const delay = Math.max(0, nextWakeAt() - clock.now());
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, Math.max(delay, 10));
      });
      wakeUp = undefined;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      nextReconcileAt = clock.now() + jittered(timing.reconcileIntervalMs);
      loop = run();
    },
    async stop() {
      running = false;
      for (const done of reconcileWaiters) done({ ok: false, kind: 'transient', detail: 'poller stopped' });
      reconcileWaiters = [];
      clearTimeout(timer);
      wakeUp?.();
      // A request in flight may hang until the client's timeout: its answer is dropped (feed checks
      // `running`), so shutdown does not wait for it.
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([loop, new Promise<void>((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS)))]);
      clearTimeout(grace);
    },
    wake() {
      if (running && options.fallbackDueAt() === null) options.onStatus('idle', 'relay live');
      clearTimeout(timer);
      wakeUp?.();
    },
    pollOnce: cycle,
    reconcileNow() {
      if (!running) return Promise.resolve({ ok: false, kind: 'transient', detail: 'poller not running' });
      const outcome = new Promise<CycleOutcome>((resolve) => reconcileWaiters.push(resolve));
      clearTimeout(timer);
      wakeUp?.();
      return outcome;
    },
  };
}
