import type { Logger } from 'pino';
import type { ActionOutcome } from '../../common/bridge-api.js';
import { ACTION_LABELS, type OrderAction } from '../../common/order-actions.js';
import { isoAt, type Clock, type Random } from '../core/clock.js';
import type { ApiFailure, KlikitApi } from '../klikit/api-client.js';
import { retryDelayMs, type RetryPolicy } from '../klikit/retry.js';
import type { Db } from '../store/connection.js';
import { acknowledgeOrder, getOrder } from '../store/orders.js';
import { insertAction, makeDue, markRefused, markRetry, markSent, nextPendingAction, notePaused, pendingActionOf, type ActionRow } from './action-store.js';
import { allowedActions, orderFlags } from './allowed-actions.js';

// The one owner of the order_actions outbox: staff's action is committed together with its local
// state (acknowledged, "sending…") and one Idempotency-Key; a single sender then delivers the actions
// to klikit one at a time, oldest first, with that same key on every retry, so klikit applies each at
// most once however often the network drops an answer or the bridge restarts.

export type ActionOutboxDeps = {
  db: Db;
  clock: Clock;
  random: Random;
  logger: Logger;
  api: Pick<KlikitApi, 'patchOrderStatus' | 'getOrder'>;
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>;
  /** klikit's current version of an order, read after it answered: ingest stores it like a poll would. */
  refresh(order: unknown): void;
  /** klikit refused the credentials (401/403): the message, or null once an action went through again. */
  onCredentials?(problem: string | null): void;
};

export type ActionOutbox = {
  submit(orderId: number, action: OrderAction, reasonCode?: string): ActionOutcome;
  /** The network may be back (relay live, OS resume): send what waits for it now instead of after its backoff. */
  networkBack(): void;
  start(): void;
  stop(): Promise<void>;
};

/** 64 hex characters at most, as klikit allows; 128 random bits. */
export function newIdempotencyKey(random: Random): string {
  let key = '';
  for (let i = 0; i < 32; i++) key += Math.floor(random() * 16).toString(16);
  return key;
}

const CREDENTIALS: ReadonlySet<ApiFailure['kind']> = new Set(['unauthorized', 'forbidden']);
const REFUSED: ReadonlySet<ApiFailure['kind']> = new Set(['invalid', 'not-found']);
const OFFLINE: ReadonlySet<ApiFailure['kind']> = new Set(['network', 'timeout']);

export function createActionOutbox(deps: ActionOutboxDeps): ActionOutbox {
  const { db, clock, logger } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;
  let again = false;
  let paused: string | null = null;
  let waitingForNetwork = false;

  const submitTx = db.transaction((orderId: number, action: OrderAction, reasonCode: string | null): ActionOutcome => {
    const order = getOrder(db, orderId);
    if (!order) return { ok: false, message: `order ${orderId} is not known` };
    const pending = pendingActionOf(db, orderId);
    if (pending) return { ok: false, message: `${ACTION_LABELS[pending.action]} is still being sent to klikit` };
    const flags = orderFlags(order.body);
    if (!flags || !allowedActions(flags).includes(action)) return { ok: false, message: `klikit does not allow "${ACTION_LABELS[action]}" for this order now` };
    const at = isoAt(clock);
    insertAction(db, { orderId, action, reasonCode, idempotencyKey: newIdempotencyKey(deps.random), at });
    acknowledgeOrder(db, orderId, at);
    return { ok: true, message: `${ACTION_LABELS[action]}: sending to klikit` };
  });

  function schedule(ms: number): void {
    clearTimeout(timer);
    timer = setTimeout(kick, Math.max(0, ms));
    timer.unref();
  }

  async function refresh(orderId: number): Promise<void> {
    const fresh = await deps.api.getOrder(orderId);
    if (fresh.ok) deps.refresh(fresh.value);
    else logger.warn({ orderId, error: fresh.message }, 'could not re-read the order from klikit');
  }

  async function send(row: ActionRow): Promise<void> {
    const body = { status: row.action, ...(row.reason_code ? { reason_code: row.reason_code } : {}) };
    const result = await deps.api.patchOrderStatus(row.order_id, body, row.idempotency_key);
    const at = isoAt(clock);
    const log = { orderId: row.order_id, action: row.action, attempt: row.attempts + 1 };
    if (result.ok) {
      markSent(db, row.id, at);
      waitingForNetwork = false;
      if (paused !== null) deps.onCredentials?.(null);
      paused = null;
      logger.info({ ...log, requestId: result.requestId }, 'order action sent to klikit');
      await refresh(row.order_id);
      return;
    }
    if (REFUSED.has(result.kind)) {
      // klikit's own sentence first (staff read it on the order), the status and request id after (support asks for them).
      const words = result.detail ? `${result.detail} (HTTP ${result.status}${result.requestId ? `, request_id ${result.requestId}` : ''})` : result.message;
      markRefused(db, row.id, words, at);
      logger.warn({ ...log, error: result.message }, 'klikit refused an order action');
      await refresh(row.order_id);
      return;
    }
    if (CREDENTIALS.has(result.kind)) {
      paused = `klikit refused the API credentials (${result.message}): check the partner key and secret key in Settings`;
      notePaused(db, row.id, paused, at);
      deps.onCredentials?.(paused);
      logger.error({ ...log, error: result.message }, 'order actions paused: klikit refused the credentials');
      return;
    }
    const delay = retryDelayMs(row.attempts, result.retryAfterMs, { ...deps.policy, maxRetries: 0 }, deps.random);
    waitingForNetwork = OFFLINE.has(result.kind);
    const why = OFFLINE.has(result.kind)
      ? 'offline: klikit cannot be reached, retrying'
      : result.kind === 'rate-limited'
        ? 'klikit asked to slow down, retrying'
        : `klikit is having trouble${result.status ? ` (HTTP ${result.status})` : ''}, retrying`;
    markRetry(db, row.id, why, new Date(clock.now() + delay).toISOString(), at);
    logger.warn({ ...log, error: result.message, retryInMs: delay }, 'order action not delivered yet');
  }

  async function drain(): Promise<void> {
    while (!stopped && paused === null) {
      const next = nextPendingAction(db);
      if (!next) return;
      const wait = Date.parse(next.next_attempt_at) - clock.now();
      if (wait > 0) return schedule(wait);
      await send(next);
    }
  }

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((err: unknown) => {
        logger.error({ err }, 'order action outbox failed; retrying in a second');
        schedule(1000);
      })
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          kick();
        }
      });
  }

  return {
    submit(orderId, action, reasonCode) {
      const outcome = submitTx(orderId, action, reasonCode ?? null);
      if (outcome.ok) kick();
      return outcome;
    },
    networkBack() {
      if (!waitingForNetwork) return;
      const row = nextPendingAction(db);
      if (row) makeDue(db, row.id, isoAt(clock));
      kick();
    },
    start() {
      stopped = false;
      kick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
