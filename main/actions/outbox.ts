import type { Logger } from 'pino';
import type { ActionOutcome, KlikitHealth, OrderActionOutcome } from '../../common/bridge-api.js';
import type { OrderAction, ReadyWhen } from '../../common/order-actions.js';
import type { Translator } from '../../common/i18n/translator.js';
import { readStoredWords } from '../../common/i18n/stored-words.js';
import { ENGLISH } from '../core/core-language.js';
import { isoAt, type Clock, type Random } from '../../ground/clock.js';
import type { ApiFailure, KlikitApi } from '../klikit/api-client.js';
import { retryDelayMs, type RetryPolicy } from '../klikit/retry.js';
import type { Db } from '../store/connection.js';
import { acknowledgeOrder, getOrder } from '../store/orders.js';
import {
  insertAction,
  latestActionsOf,
  makeAllDue,
  markFailed,
  markRefused,
  markRetry,
  markSent,
  notePaused,
  openActions,
  pendingActionOf,
  recallBump,
  release,
  stationsDoneOf,
  waitingActionCount,
  type ActionRow,
} from './action-store.js';
import { CREDENTIALS_WORDS, FIRST_SEND_WORDS, failureDetail, gaveUpWords, heldWords, isUnreachable, refusedWords, retryWords } from './action-words.js';
import { allowedActions, localActions, orderFlags } from './allowed-actions.js';
import { DEFAULT_ACTION_WINDOWS, giveUpAt, type ActionWindows } from './deadline.js';
import { planLanes } from './lanes.js';

// The one owner of the order_actions outbox: staff's action is committed together with its local
// state (acknowledged, "sending…") and one Idempotency-Key; the sender then delivers each order's
// actions in order, every order in its own lane (a failing order backs off alone), with that same
// key on every retry, so klikit applies each at most once however often the network drops an answer
// or the bridge restarts. A bump waits out a short undo time first; without klikit credentials
// bumps stay local.

export type ActionOptions = ActionWindows & {
  /** How long a Ready bump can be undone before it goes to klikit; 0 sends at once. */
  undoMs: number;
  /** With stations: READY goes to klikit once every station with lines bumped, or only on expo's bump. */
  readyWhen: ReadyWhen;
  /** How many orders' actions may be on the wire at once. */
  concurrency: number;
};

export const DEFAULT_ACTION_OPTIONS: ActionOptions = { ...DEFAULT_ACTION_WINDOWS, undoMs: 10_000, readyWhen: 'all-stations', concurrency: 4 };

export type ActionOutboxDeps = {
  db: Db;
  clock: Clock;
  random: Random;
  logger: Logger;
  /** Absent without klikit API credentials: bumps stay on this screen and nothing is sent. */
  api?: Pick<KlikitApi, 'patchOrderStatus' | 'getOrder'> | undefined;
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'minDelayMs' | 'maxDelayMs'>;
  options?: Partial<ActionOptions> | undefined;
  /** The routed stations that print lines of this order (their printer ids); empty without routes. */
  stationsOf?: ((orderBody: unknown) => readonly string[]) | undefined;
  /** klikit's current version of an order, read after it answered: ingest stores it like a poll would. */
  refresh(order: unknown): void;
  /** klikit refused the credentials (401/403): the message, or null once an action went through again. */
  onCredentials?(problem: string | null): void;
  /** The language the window speaks now (main/core/core-language.ts); English when absent. */
  words?: (() => Translator) | undefined;
};

export type ActionOutbox = {
  /** 'local' without klikit credentials: bumps mark orders done on this screen only. */
  readonly mode: 'klikit' | 'local';
  /** `station`: that station's lines are done (a station bump), not the whole order. With `undoUntil` when the bump can be recalled. */
  submit(orderId: number, action: OrderAction, reasonCode?: string, station?: string): OrderActionOutcome;
  /**
   * Undoes a bump of the order while its undo time lasts (nothing reaches klikit): the whole-order one
   * (with `station`, that station's own) whose undo time is `undoUntil`, or without it the newest.
   */
  recall(orderId: number, station?: string, undoUntil?: string): ActionOutcome;
  health(): KlikitHealth;
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
const BUMPS: ReadonlySet<OrderAction> = new Set(['ready', 'picked_up', 'rejected']);
const STANDING: ReadonlySet<ActionRow['state']> = new Set(['held', 'pending', 'sent', 'local']);

/** The order already left the kitchen's hands by a bump that still stands (not refused, failed or recalled). */
function alreadyBumped(latest: ActionRow | undefined): boolean {
  return latest !== undefined && BUMPS.has(latest.action) && STANDING.has(latest.state);
}

export function createActionOutbox(deps: ActionOutboxDeps): ActionOutbox {
  const { db, clock, logger } = deps;
  const words = deps.words ?? ENGLISH;
  const options: ActionOptions = { ...DEFAULT_ACTION_OPTIONS, ...deps.options };
  const api = deps.api;
  const undoSeconds = Math.round(options.undoMs / 1000);
  const inFlight = new Map<number, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let paused = false;
  let unreachable = false;

  const iso = (ms: number): string => new Date(ms).toISOString();
  const latestOf = (orderId: number): ActionRow | undefined => latestActionsOf(db, [orderId])[0];

  /**
   * A whole-order action: to klikit (a Ready held for its undo time first), or kept local without
   * credentials. Returns until when it can be recalled, or null.
   */
  function enqueue(orderId: number, action: OrderAction, reasonCode: string | null, undoUntil: string | null): string | null {
    const at = isoAt(clock);
    const idempotencyKey = newIdempotencyKey(deps.random);
    if (!api) {
      insertAction(db, { orderId, action, reasonCode, idempotencyKey, at, state: 'local', undoUntil });
      return undoUntil;
    }
    const held = action === 'ready' && undoUntil !== null;
    insertAction(db, {
      orderId,
      action,
      reasonCode,
      idempotencyKey,
      at,
      state: held ? 'held' : 'pending',
      undoUntil: held ? undoUntil : null,
      message: held ? heldWords(undoSeconds) : FIRST_SEND_WORDS,
    });
    return held ? undoUntil : null;
  }

  /** May this action be queued now? klikit's flags say so, or a Ready waits behind the order's Accept. */
  function allows(orderBody: unknown, action: OrderAction, open: ActionRow | undefined): boolean {
    const flags = orderFlags(orderBody);
    if (!flags) return false;
    if (!api) return localActions(flags).includes(action);
    return allowedActions(flags).includes(action) || (action === 'ready' && open?.action === 'accepted');
  }

  function undoUntilNow(): string | null {
    return options.undoMs > 0 ? iso(clock.now() + options.undoMs) : null;
  }

  /** The station's share, and the Ready it releases (same undo time): recalled together by that station. */
  function stationBump(orderId: number, orderBody: unknown, action: OrderAction, station: string): OrderActionOutcome {
    const { t } = words();
    if (action !== 'ready') return { ok: false, message: t('core.action.station.readyOnly') };
    const stations = deps.stationsOf?.(orderBody) ?? [];
    if (!stations.includes(station)) return { ok: false, message: t('core.action.station.noLines') };
    const done = stationsDoneOf(db, [orderId]).get(orderId) ?? [];
    if (done.includes(station)) return { ok: false, message: t('core.action.station.alreadyDone') };
    const undoUntil = undoUntilNow();
    insertAction(db, { orderId, action, reasonCode: null, idempotencyKey: newIdempotencyKey(deps.random), at: isoAt(clock), state: 'local', station, undoUntil });
    acknowledgeOrder(db, orderId, isoAt(clock));
    const bumped = (message: string): OrderActionOutcome => ({ ok: true, message, ...(undoUntil ? { undoUntil } : {}) });
    const remaining = stations.filter((s) => s !== station && !done.includes(s));
    if (options.readyWhen === 'expo') return bumped(t('core.action.station.expoMarks'));
    if (remaining.length > 0) return bumped(t('core.action.station.othersWorking', { count: remaining.length }));
    const open = pendingActionOf(db, orderId);
    if (alreadyBumped(latestOf(orderId)) || !allows(orderBody, 'ready', open)) return bumped(t('core.action.station.allDone'));
    enqueue(orderId, 'ready', null, undoUntil);
    if (!api) return bumped(t('core.action.station.allDoneLocal'));
    return bumped(undoUntil ? t('core.action.station.allDoneHeld', { seconds: undoSeconds }) : t('core.action.station.allDoneSending'));
  }

  const submitTx = db.transaction((orderId: number, action: OrderAction, reasonCode: string | null, station: string | null): OrderActionOutcome => {
    const { t } = words();
    const order = getOrder(db, orderId);
    if (!order) return { ok: false, message: t('core.action.orderGone') };
    if (station !== null) return stationBump(orderId, order.body, action, station);
    if (!api && (action === 'accepted' || action === 'rejected')) return { ok: false, message: t('core.action.acceptOnTablet') };
    const open = pendingActionOf(db, orderId);
    if (open && !(action === 'ready' && open.action === 'accepted')) return { ok: false, message: t('core.action.stillSending', { action: open.action }) };
    if ((action === 'ready' || action === 'picked_up') && alreadyBumped(latestOf(orderId)) && !api) return { ok: false, message: t('core.action.alreadyDone') };
    if (!allows(order.body, action, open)) return { ok: false, message: t('core.action.notAllowed', { action }) };
    const recallableUntil = enqueue(orderId, action, reasonCode, action === 'ready' || !api ? undoUntilNow() : null);
    acknowledgeOrder(db, orderId, isoAt(clock));
    const undo = recallableUntil ? { undoUntil: recallableUntil } : {};
    if (!api) return { ok: true, message: t('core.action.doneLocal', { action }), ...undo };
    if (recallableUntil) return { ok: true, message: t('core.action.readyHeld', { seconds: undoSeconds }), ...undo };
    return { ok: true, message: t('core.action.sending', { action }) };
  });

  const recallTx = db.transaction((orderId: number, station: string | null, undoUntil: string | undefined): ActionOutcome => {
    const { t } = words();
    const recalled = recallBump(db, orderId, isoAt(clock), station, undoUntil);
    if (recalled > 0) return { ok: true, message: t('core.action.undone') };
    return { ok: false, message: api ? t('core.action.tooLate') : t('core.action.tooLateLocal') };
  });

  function schedule(at: number | null): void {
    clearTimeout(timer);
    if (at === null || stopped) return;
    timer = setTimeout(pump, Math.max(0, at - clock.now()));
    timer.unref();
  }

  async function refresh(orderId: number): Promise<void> {
    const fresh = await api!.getOrder(orderId);
    if (fresh.ok) deps.refresh(fresh.value);
    else logger.warn({ orderId, error: fresh.message }, 'could not re-read the order from klikit');
  }

  function retryOrGiveUp(row: ActionRow, result: ApiFailure): void {
    const now = clock.now();
    const at = iso(now);
    const log = { orderId: row.order_id, action: row.action, attempt: row.attempts + 1, error: result.message };
    const order = getOrder(db, row.order_id);
    const deadline = giveUpAt(row.action, order?.createdAt ?? null, row.created_at, options);
    if (now >= deadline) {
      markFailed(db, row.id, gaveUpWords(row.action, result), failureDetail(result), at);
      logger.error(log, 'order action given up: it can no longer matter');
      return;
    }
    const delay = retryDelayMs(row.attempts, result.retryAfterMs, deps.policy, deps.random);
    // The last try lands on the deadline, so a late recovery still counts.
    markRetry(db, row.id, retryWords(result), failureDetail(result), iso(Math.min(now + delay, Math.max(deadline, now + deps.policy.minDelayMs))), at);
    logger.warn({ ...log, retryInMs: delay }, 'order action not delivered yet');
  }

  async function send(row: ActionRow): Promise<void> {
    if (row.state === 'held' && !release(db, row.id, isoAt(clock))) return;
    const body = { status: row.action, ...(row.reason_code ? { reason_code: row.reason_code } : {}) };
    const result = await api!.patchOrderStatus(row.order_id, body, row.idempotency_key);
    const at = isoAt(clock);
    const log = { orderId: row.order_id, action: row.action, attempt: row.attempts + 1 };
    if (result.ok || !isUnreachable(result)) unreachable = false;
    if (result.ok) {
      markSent(db, row.id, at, result.requestId ? `request_id ${result.requestId}` : '');
      if (paused) deps.onCredentials?.(null);
      paused = false;
      logger.info({ ...log, requestId: result.requestId }, 'order action sent to klikit');
      await refresh(row.order_id);
      return;
    }
    if (REFUSED.has(result.kind)) {
      markRefused(db, row.id, refusedWords(row.action, result), failureDetail(result), at);
      logger.warn({ ...log, error: result.message }, 'klikit refused an order action');
      await refresh(row.order_id);
      return;
    }
    if (CREDENTIALS.has(result.kind)) {
      paused = true;
      notePaused(db, row.id, CREDENTIALS_WORDS, failureDetail(result), at);
      deps.onCredentials?.(readStoredWords(CREDENTIALS_WORDS, words()));
      logger.error({ ...log, error: result.message }, 'order actions paused: klikit refused the credentials');
      return;
    }
    if (isUnreachable(result)) unreachable = true;
    retryOrGiveUp(row, result);
  }

  function pump(): void {
    if (stopped || paused || !api) return;
    const plan = planLanes(openActions(db), clock.now(), new Set(inFlight.keys()), options.concurrency);
    for (const row of plan.due) {
      const sending = send(row)
        .catch((err: unknown) => logger.error({ err, orderId: row.order_id }, 'order action outbox failed; trying the order again'))
        .finally(() => {
          inFlight.delete(row.order_id);
          pump();
        });
      inFlight.set(row.order_id, sending);
    }
    schedule(plan.wakeAt);
  }

  function health(): KlikitHealth {
    const { t } = words();
    if (!api) return { state: 'none', waitingActions: 0, detail: t('core.klikit.noKeys') };
    const waiting = waitingActionCount(db);
    if (paused) return { state: 'rejected', waitingActions: waiting, detail: t('core.klikit.keysRefused', { count: waiting }) };
    if (unreachable && waiting > 0) return { state: 'unreachable', waitingActions: waiting, detail: t('core.klikit.unreachable', { count: waiting }) };
    return { state: 'ok', waitingActions: waiting, detail: waiting > 0 ? t('core.klikit.onTheWay', { count: waiting }) : '' };
  }

  return {
    mode: api ? 'klikit' : 'local',
    submit(orderId, action, reasonCode, station) {
      const outcome = submitTx(orderId, action, reasonCode ?? null, station ?? null);
      if (outcome.ok) pump();
      return outcome;
    },
    recall(orderId, station, undoUntil) {
      const outcome = recallTx(orderId, station ?? null, undoUntil);
      if (outcome.ok) pump();
      return outcome;
    },
    health,
    networkBack() {
      if (!unreachable) return;
      makeAllDue(db, isoAt(clock));
      pump();
    },
    start() {
      stopped = false;
      pump();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.all(inFlight.values());
    },
  };
}
