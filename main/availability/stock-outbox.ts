import type { Logger } from 'pino';
import type { ActionOutcome } from '../../common/bridge-api.js';
import type { MarkOutOfStockArgs, StockItem } from '../../common/stock.js';
import { isoAt, type Clock, type Random } from '../../ground/clock.js';
import { newIdempotencyKey } from '../actions/outbox.js';
import { isUnreachable } from '../actions/action-words.js';
import type { ApiFailure, KlikitApi } from '../klikit/api-client.js';
import { retryDelayMs, type RetryPolicy } from '../klikit/retry.js';
import type { Db } from '../store/connection.js';
import { getOrder } from '../store/orders.js';
import { formatClockTime } from '../tickets/format-time.js';
import { itemsOfBody } from './order-items.js';
import { restoreAt } from './restore-time.js';
import {
  changeDuration,
  dueMarks,
  endMark,
  insertMark,
  insertWrite,
  lastNameOf,
  listedMarks,
  makeWritesDue,
  nextUntil,
  noteAttempt,
  openMarkOf,
  openSkus,
  openWrites,
  retryWrite,
  settleWrite,
  waitingWriteCount,
  writesOf,
  type MarkRow,
  type WriteRow,
} from './stock-store.js';
import * as words from './stock-words.js';
import type { Translator } from '../../common/i18n/translator.js';
import { readStoredWords } from '../../common/i18n/stored-words.js';
import { ENGLISH } from '../core/core-language.js';

// The one owner of "86": staff's marks (an item out of stock, until when) and their writes to klikit
// (PATCH /items/{sku}/availability). A mark and its write are committed together, the write with one
// Idempotency-Key reused on every retry and across restarts. Each SKU is its own lane (one item that
// keeps failing never holds back another, and order actions have their own outbox), and within a
// lane the writes keep their order, so "off" never overtakes the "on" before it. A mark's end time is
// a durable timer: the row's `until`, fired by whoever runs first after it (this process or the next
// one after a restart) in a transaction that ends the mark and queues its "on" write once.

export type StockOutboxDeps = {
  db: Db;
  clock: Clock;
  random: Random;
  logger: Logger;
  /** Absent without klikit API credentials: nothing can be marked. */
  api?: Pick<KlikitApi, 'patchItemAvailability'> | undefined;
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'minDelayMs' | 'maxDelayMs'>;
  /** The kitchen's zone: "until tomorrow" ends at its next 04:00, and times are shown in it. */
  timeZone?: string | undefined;
  /** How many SKUs' writes may be on the wire at once. */
  concurrency?: number;
  /** The language the window speaks now (main/core/core-language.ts); English when absent. */
  words?: (() => Translator) | undefined;
};

export type StockOutbox = {
  /** `name`: what a searched SKU is called in recent orders (an order's line brings its own). */
  mark(args: MarkOutOfStockArgs, name?: string): ActionOutcome;
  /** Turns an item back on (one tap in the Out of stock list). */
  restore(sku: string): ActionOutcome;
  list(): StockItem[];
  /** The SKUs marked out of stock now. */
  markedSkus(): Set<string>;
  /** How many writes still wait for klikit. */
  waiting(): number;
  /** The network may be back: send what waits for it now instead of after its backoff. */
  networkBack(): void;
  start(): void;
  stop(): Promise<void>;
};

/** klikit remembers an Idempotency-Key for 24 hours: past that a retry could apply twice, so the bridge stops. */
export const WRITE_WINDOW_MS = 24 * 3_600_000;

/** How long a restored item whose "on" klikit refused or was given up stays on the list, from then. */
const RESTORED_LISTED_MS = 24 * 3_600_000;

/** After a failure of the outbox itself (not of klikit): the least wait before it tries again. */
const OUTBOX_FAILURE_PAUSE_MS = 5_000;

const REFUSED: ReadonlySet<ApiFailure['kind']> = new Set(['invalid', 'not-found']);

export function createStockOutbox(deps: StockOutboxDeps): StockOutbox {
  const { db, clock, logger, api } = deps;
  const concurrency = deps.concurrency ?? 4;
  const language = deps.words ?? ENGLISH;
  const inFlight = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  /** The last failed write could not reach klikit: the network coming back is worth a try at once. */
  let unreachable = false;

  const iso = (ms: number): string => new Date(ms).toISOString();

  const localDay = new Intl.DateTimeFormat('en-CA', { timeZone: deps.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

  /** "until tomorrow 04:00", "until 14:35", "until you turn it back on": which, and the kitchen's clock time. */
  function untilOf(until: string | null): words.Until {
    if (until === null) return { until: 'off', time: '' };
    const sameDay = localDay.format(Date.parse(until)) === localDay.format(clock.now());
    return { until: sameDay ? 'today' : 'tomorrow', time: formatClockTime(until, deps.timeZone) };
  }

  function queueWrite(markId: number, sku: string, available: boolean): void {
    insertWrite(db, { markId, sku, available, idempotencyKey: newIdempotencyKey(deps.random), at: isoAt(clock), message: available ? words.SENDING_ON_WORDS : words.SENDING_OFF_WORDS });
  }

  /**
   * Ends a mark and tells klikit the item is back, unless klikit was never told it was gone: its "off"
   * was refused, or is still waiting and was never tried (then it is cancelled instead).
   */
  function turnBackOn(mark: MarkRow, by: 'timer' | 'staff'): { ended: boolean; told: boolean } {
    if (!endMark(db, mark.id, isoAt(clock), by)) return { ended: false, told: false };
    const off = writesOf(db, mark.id).filter((w) => w.available === 0).at(-1);
    if (!off || off.state === 'refused' || off.state === 'cancelled') return { ended: true, told: false };
    if (off.state === 'pending' && off.attempts === 0 && !inFlight.has(mark.sku)) {
      settleWrite(db, off.id, 'cancelled', '', 'turned back on before it was sent', isoAt(clock));
      return { ended: true, told: false };
    }
    queueWrite(mark.id, mark.sku, true);
    return { ended: true, told: true };
  }

  /** The item to mark: an order's line (its SKU and name) or a SKU from the search, named from recent orders. */
  function target(args: MarkOutOfStockArgs, name: string | undefined): { ok: true; sku: string; name: string; orderId: number | null } | { ok: false; message: string } {
    if ('sku' in args) {
      const known = name ?? openMarkOf(db, args.sku)?.name ?? lastNameOf(db, args.sku);
      return known === undefined ? { ok: false, message: words.unknownItemWords(language()) } : { ok: true, sku: args.sku, name: known, orderId: null };
    }
    const order = getOrder(db, args.orderId);
    if (!order) return { ok: false, message: words.unknownOrderWords(language()) };
    const item = itemsOfBody(order.body)[args.line];
    if (!item) return { ok: false, message: words.unknownLineWords(language()) };
    if (item.sku === null) return { ok: false, message: words.noSkuWords(language()) };
    return { ok: true, sku: item.sku, name: item.name, orderId: args.orderId };
  }

  const markTx = db.transaction((args: MarkOutOfStockArgs, name: string | undefined): ActionOutcome => {
    const item = target(args, name);
    if (!item.ok) return item;
    const now = clock.now();
    const untilMs = restoreAt(args.duration, now, deps.timeZone);
    const until = untilMs === null ? null : iso(untilMs);
    const open = openMarkOf(db, item.sku);
    if (open) {
      changeDuration(db, open.id, args.duration, until);
      return { ok: true, message: words.alreadyMarkedWords(language(), open.name, untilOf(until)) };
    }
    const markId = insertMark(db, { sku: item.sku, name: item.name, duration: args.duration, orderId: item.orderId, since: iso(now), until });
    queueWrite(markId, item.sku, false);
    return { ok: true, message: words.markedWords(language(), item.name, untilOf(until)) };
  });

  const restoreTx = db.transaction((sku: string): ActionOutcome => {
    const open = openMarkOf(db, sku);
    if (!open) return { ok: false, message: words.notMarkedWords(language()) };
    const { told } = turnBackOn(open, 'staff');
    return { ok: true, message: words.restoredWords(language(), open.name, told) };
  });

  /** Every mark whose time is up ends, and its "on" is queued: once, whichever process gets there first. */
  const fireDueTx = db.transaction((): number => {
    let fired = 0;
    for (const mark of dueMarks(db, isoAt(clock))) if (turnBackOn(mark, 'timer').ended) fired += 1;
    return fired;
  });

  function schedule(at: number | null): void {
    clearTimeout(timer);
    if (at === null || stopped) return;
    // setTimeout's delay is a 32-bit signed integer: a later timer is re-armed when this one fires.
    timer = setTimeout(pump, Math.min(Math.max(0, at - clock.now()), 2 ** 31 - 1));
    timer.unref();
  }

  async function send(row: WriteRow): Promise<void> {
    const available = row.available === 1;
    noteAttempt(db, row.id, isoAt(clock));
    const result = await api!.patchItemAvailability(row.sku, { available }, row.idempotency_key);
    const at = isoAt(clock);
    const log = { sku: row.sku, available, attempt: row.attempts + 1 };
    unreachable = !result.ok && isUnreachable(result);
    if (result.ok) {
      settleWrite(db, row.id, 'sent', '', result.requestId ? `request_id ${result.requestId}` : '', at);
      logger.info({ ...log, requestId: result.requestId }, 'item availability sent to klikit');
      return;
    }
    if (REFUSED.has(result.kind)) {
      settleWrite(db, row.id, 'refused', words.stockRefusedWords(available, result), result.message, at);
      logger.warn({ ...log, error: result.message }, 'klikit refused an item availability change');
      return;
    }
    const now = clock.now();
    const deadline = Date.parse(row.created_at) + WRITE_WINDOW_MS;
    if (now >= deadline) {
      settleWrite(db, row.id, 'failed', words.stockGaveUpWords(available), result.message, at);
      logger.error({ ...log, error: result.message }, 'item availability given up');
      return;
    }
    const delay = retryDelayMs(row.attempts, result.retryAfterMs, deps.policy, deps.random);
    retryWrite(db, row.id, words.stockRetryWords(result), result.message, iso(Math.min(now + delay, deadline)), at);
    logger.warn({ ...log, error: result.message, retryInMs: delay }, 'item availability not delivered yet');
  }

  /** The oldest write of each SKU not being sent now, due ones first, within the free slots; and when to wake. */
  function plan(open: readonly WriteRow[], now: number): { due: WriteRow[]; wakeAt: number | null } {
    const heads = new Map<string, WriteRow>();
    for (const row of open) if (!heads.has(row.sku)) heads.set(row.sku, row);
    const ready: WriteRow[] = [];
    let wakeAt: number | null = null;
    for (const head of heads.values()) {
      if (inFlight.has(head.sku)) continue;
      const at = Date.parse(head.next_attempt_at);
      if (at <= now) ready.push(head);
      else wakeAt = wakeAt === null ? at : Math.min(wakeAt, at);
    }
    ready.sort((a, b) => a.next_attempt_at.localeCompare(b.next_attempt_at) || a.id - b.id);
    return { due: ready.slice(0, Math.max(0, concurrency - inFlight.size)), wakeAt };
  }

  /** A failure of the outbox itself (the database), not klikit's answer: the item waits a while, never a hot loop. */
  function setBack(row: WriteRow, err: unknown): void {
    logger.error({ err, sku: row.sku }, 'item availability outbox failed; trying the item again later');
    try {
      const delay = retryDelayMs(row.attempts, undefined, deps.policy, deps.random);
      retryWrite(db, row.id, row.last_error, row.detail, iso(clock.now() + Math.max(delay, OUTBOX_FAILURE_PAUSE_MS)), isoAt(clock));
    } catch (again) {
      logger.error({ err: again, sku: row.sku }, 'item availability outbox could not note the failure');
    }
  }

  function pump(): void {
    if (stopped) return;
    try {
      pumpOnce();
    } catch (err) {
      // The database could not answer (busy, full): the whole outbox tries again in a while.
      logger.error({ err }, 'item availability outbox failed; trying again shortly');
      schedule(clock.now() + OUTBOX_FAILURE_PAUSE_MS);
    }
  }

  function pumpOnce(): void {
    const fired = fireDueTx();
    if (fired > 0) logger.info({ fired }, 'items out of stock for a time are back on');
    const { due, wakeAt } = api ? plan(openWrites(db), clock.now()) : { due: [], wakeAt: null };
    for (const row of due) {
      const sending = send(row)
        .catch((err: unknown) => setBack(row, err))
        .finally(() => {
          inFlight.delete(row.sku);
          pump();
        });
      inFlight.set(row.sku, sending);
    }
    const until = nextUntil(db);
    const untilAt = until === null ? null : Date.parse(until);
    schedule(wakeAt === null ? untilAt : untilAt === null ? wakeAt : Math.min(wakeAt, untilAt));
  }

  function view(mark: MarkRow, translator: Translator): StockItem {
    const latest = writesOf(db, mark.id).filter((w) => w.state !== 'cancelled').at(-1);
    const base = { sku: mark.sku, name: mark.name, duration: mark.duration, since: mark.since, until: mark.until, restored: mark.ended_at !== null };
    if (!latest) return { ...base, klikit: 'confirmed', words: '' };
    if (latest.state === 'sent') return { ...base, klikit: 'confirmed', words: words.confirmedWords(translator, latest.available === 1) };
    const said = readStoredWords(latest.last_error, translator);
    if (latest.state === 'refused') return { ...base, klikit: 'refused', words: said };
    if (latest.state === 'failed') return { ...base, klikit: 'failed', words: said };
    return { ...base, klikit: 'sending', words: said || readStoredWords(latest.available ? words.SENDING_ON_WORDS : words.SENDING_OFF_WORDS, translator) };
  }

  return {
    mark(args, name) {
      if (!api) return { ok: false, message: words.noKeysWords(language()) };
      const outcome = markTx(args, name);
      if (outcome.ok) pump();
      return outcome;
    },
    restore(sku) {
      const outcome = restoreTx(sku);
      if (outcome.ok) pump();
      return outcome;
    },
    list() {
      const translator = language();
      return listedMarks(db, iso(clock.now() - RESTORED_LISTED_MS)).map((mark) => view(mark, translator));
    },
    markedSkus: () => new Set(openSkus(db)),
    waiting: () => waitingWriteCount(db),
    networkBack() {
      if (!unreachable) return;
      makeWritesDue(db, isoAt(clock));
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
