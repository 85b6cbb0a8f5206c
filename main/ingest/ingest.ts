import { exceedsJsonDepth, jsonTextExceedsDepth, MAX_JSON_DEPTH } from '../../common/json-depth.js';
import type { Clock } from '../../ground/clock.js';
import { isoAt } from '../../ground/clock.js';
import { isCancelled, type StatusTable } from '../klikit/enums.js';
import {
  describeZodError,
  checkedEnvelopeSchema,
  eventTypeSchema,
  orderVersion,
  type Envelope,
  type EventType,
} from '../klikit/schemas.js';
import type { Db } from '../store/connection.js';
import { eventBodySha256, hasEvent, recordEvent, type EventSource } from '../store/events.js';
import { getInteger, raiseInteger } from '../store/kv.js';
import { recordOrderChange } from '../store/order-changes.js';
import { getOrder, getOrderHead, touchOrder, upsertOrder } from '../store/orders.js';
import { enqueueJob, jobsForOrder, markSkipped, replacePayload } from '../store/print-jobs.js';
import { addQuarantine } from '../store/quarantine.js';
import { isStorageFailure } from '../store/storage-failure.js';
import type { StationPrinter } from '../routing/routes.js';
import { decideSchedule, type ScheduleDecision } from '../scheduling/schedule-plan.js';
import { cancelSchedule, getSchedule, scheduleAt } from '../store/scheduled-prints.js';
import { cartHash } from './cart-hash.js';
import { eventText } from './event-text.js';
import { DEFAULT_STALE_ORDER_MS, lateArrival } from './late-order.js';
import { planJobs, type JobAction } from './plan-jobs.js';
import { errorText } from '../../common/error-text.js';
import { isMissedCancellation } from '../acceptance/missed.js';
import { recordMissed } from '../store/missed-orders.js';

export type IncomingEvent = {
  eventId: string;
  source: EventSource;
  seq?: number;
  eventType: string;
  receivedAt: string;
  /** Parsed JSON, not yet validated. */
  body: unknown;
};

export type IngestResult =
  /** `detail` says per order what happened: an applied event may still have changed nothing (all stale). */
  | { outcome: 'applied'; orderIds: number[]; jobIds: number[]; detail: string }
  | { outcome: 'duplicate' }
  | { outcome: 'quarantined'; reason: string }
  /** The storage failed (busy, I/O, disk full, closed...): nothing committed, the cursor not moved; send it again later. */
  | { outcome: 'failed'; reason: string };

export type IngestDeps = {
  db: Db;
  clock: Clock;
  printerIds: () => string[];
  /** The printers with their routes; without it every printer prints whole orders. */
  stations?: () => readonly StationPrinter[];
  statusTable?: StatusTable;
  /** Scheduled orders wait for their time (main/scheduling); without it they print on arrival. */
  scheduled?: { slip: boolean; leadMinutes: number };
  /** An order first seen this long after klikit created it is shown in Problems, not printed (default 24 h). */
  staleOrderMs?: number;
};

/** Job version of the SCHEDULED slip, so it never collides with the kitchen ticket of the same version. */
const slipVersion = (version: string): string => `slip:${version}`;

/**
 * What a scheduled order's decision does to the planned tickets: while its timer waits none print
 * (the timer prints the newest cart); on arrival only the slips do, at the printers the ticket will reach.
 */
function scheduledActions(decision: ScheduleDecision, planned: JobAction[], slip: boolean): JobAction[] {
  if (decision.kind === 'hold') return [];
  if (decision.kind !== 'start') return planned;
  if (!slip) return [];
  return planned.map((a) => (a.action === 'enqueue' ? { ...a, payload: { ...a.payload, slip: { printsAt: decision.dueAt } } } : a));
}

export const RELAY_CURSOR_KEY = 'relay.cursor';
/** A klikit envelope is a few KiB; anything this large is not an order and is refused unread. */
export const MAX_EVENT_BODY_BYTES = 1024 * 1024;

/** The highest relay seq committed (applied, duplicate or quarantined): what the relay client acks. */
export function relayCursor(db: Db): number {
  return getInteger(db, RELAY_CURSOR_KEY, 0);
}

type OrderOutcome = {
  orderId: number;
  /** `late`: never stored, shown in Problems instead (created too long before it arrived). */
  outcome: 'applied' | 'unchanged' | 'late';
  jobIds: number[];
  note: string;
};

/**
 * Commits one event: dedupe, validation, order versions and print jobs in one SQLite transaction. It
 * never throws. Bad input is quarantined (recorded, cursor moved: the relay may drop it); a storage
 * failure is `failed` and leaves no trace, so the event is not acked and comes again.
 */
export type Ingest = ((event: IncomingEvent) => IngestResult) & {
  /**
   * Consecutive events in one transaction (one fsync for a burst), each with the outcome it would have
   * alone. Stops after the first that `failed`, whose result is the last one returned: acks are
   * cumulative, so a later event committed would let the relay drop the failed one.
   */
  batch: (events: readonly IncomingEvent[]) => IngestResult[];
};

/** Returns the bridge's ingest (see Ingest). */
export function createIngest(deps: IngestDeps): Ingest {
  const { db } = deps;
  const staleOrderMs = deps.staleOrderMs ?? DEFAULT_STALE_ORDER_MS;

  /** Raises the relay cursor to the highest seq of these events (the cursor never moves back). */
  const advanceRelayCursor = (events: readonly IncomingEvent[]): void => {
    const seqs = events.flatMap(({ source, seq }) => (source === 'relay' && seq !== undefined && Number.isSafeInteger(seq) ? [seq] : []));
    if (seqs.length > 0) raiseInteger(db, RELAY_CURSOR_KEY, Math.max(...seqs));
  };

  const quarantine = (event: IncomingEvent, raw: string, reason: string): IngestResult => {
    const now = isoAt(deps.clock);
    addQuarantine(db, {
      receivedAt: event.receivedAt || now,
      source: String(event.source),
      eventId: event.eventId || null,
      eventType: event.eventType || null,
      reason,
      raw,
    });
    if (event.eventId) {
      recordEvent(db, {
        eventId: event.eventId,
        bodySha256: eventBodySha256(raw),
        source: event.source,
        seq: event.seq ?? null,
        eventType: String(event.eventType),
        receivedAt: event.receivedAt || now,
        outcome: 'quarantined',
        detail: reason,
      });
    }
    return { outcome: 'quarantined', reason };
  };

  const applyOrder = (event: IncomingEvent, eventType: EventType, envelope: Envelope, i: number, rawText: string): OrderOutcome => {
    const order = envelope.orders[i]!;
    const raw = (event.body as { orders: unknown[] }).orders[i];
    const now = isoAt(deps.clock);
    const version = orderVersion(order);
    const stored = getOrderHead(db, order.id);
    const late = stored ? null : lateArrival(order, deps.clock.now(), staleOrderMs);
    if (late !== null) {
      addQuarantine(db, {
        receivedAt: event.receivedAt || now,
        source: String(event.source),
        eventId: event.eventId,
        eventType,
        reason: late,
        raw: rawText,
      });
      return { orderId: order.id, outcome: 'late', jobIds: [], note: `created ${order.created_at}: too old to print, shown in Problems` };
    }
    const change = {
      orderId: order.id,
      eventId: event.eventId,
      eventType,
      status: order.status,
      updatedAt: version,
      at: now,
    };

    if (stored && version < stored.updatedAt) {
      touchOrder(db, order.id, now);
      const note = `stale: older than stored version ${stored.updatedAt}`;
      recordOrderChange(db, { ...change, applied: false, note });
      return { orderId: order.id, outcome: 'unchanged', jobIds: [], note };
    }
    if (stored && version === stored.updatedAt) {
      touchOrder(db, order.id, now);
      return { orderId: order.id, outcome: 'unchanged', jobIds: [], note: 'same version already stored' };
    }

    const hash = cartHash(order);
    // The version being replaced tells whether a cancellation came while it still waited for acceptance;
    // its body is read only for a cancellation (ingest otherwise never reads a stored body).
    const missed = stored !== undefined && isCancelled(order.status, deps.statusTable) && isMissedCancellation(getOrder(db, order.id)?.body, order.status, deps.statusTable);
    const versionId = upsertOrder(db, {
      id: order.id,
      brandId: order.brand_id ?? envelope.brand_id,
      branchId: order.branch_id ?? envelope.branch_id,
      shortId: order.short_id,
      status: order.status,
      updatedAt: version,
      createdAt: order.created_at ? new Date(order.created_at).toISOString() : null,
      cartHash: hash,
      body: raw,
      seenAt: now,
    }, { bodyText: rawText, isNew: stored === undefined });
    recordOrderChange(db, { ...change, applied: true, note: stored ? 'newer version' : 'first sight' });
    if (missed) {
      recordMissed(db, { orderId: order.id, providerId: order.provider_id ?? null, missedAt: now });
    }

    const schedule: ScheduleDecision = deps.scheduled
      ? decideSchedule({
          order,
          firstSight: stored === undefined,
          waiting: getSchedule(db, order.id)?.state === 'waiting',
          nowMs: deps.clock.now(),
          leadMinutes: deps.scheduled.leadMinutes,
          statusTable: deps.statusTable,
        })
      : { kind: 'none' };
    if (schedule.kind === 'start' || schedule.kind === 'hold') scheduleAt(db, order.id, schedule.dueAt);
    if (schedule.kind === 'cancel') cancelSchedule(db, order.id);
    const planned = planJobs({
      stored: stored && { status: stored.status, cartHash: stored.cartHash },
      incoming: { status: order.status, cartHash: hash },
      body: raw,
      order,
      jobs: () => (stored ? jobsForOrder(db, order.id) : []),
      printers: deps.stations?.() ?? deps.printerIds().map((id) => ({ id, name: id })),
      statusTable: deps.statusTable,
    });
    const actions = scheduledActions(schedule, planned, deps.scheduled?.slip ?? false);
    const jobVersion = schedule.kind === 'start' ? slipVersion(version) : version;
    const jobIds: number[] = [];
    for (const step of actions) {
      if (step.action === 'enqueue') {
        const { printerId, kind, payload } = step;
        const orderVersionId = payload.order === raw ? versionId : undefined;
        const id = enqueueJob(db, { orderId: order.id, printerId, kind, version: jobVersion, payload, now, orderVersionId });
        if (id !== null) jobIds.push(id);
      } else if (step.action === 'replace-payload') {
        replacePayload(db, step.jobId, step.payload, now, step.payload.order === raw ? versionId : undefined);
      } else {
        markSkipped(db, step.jobId, step.reason, now);
      }
    }
    const steps = actions.map((a) => (a.action === 'enqueue' ? `${a.kind} job` : a.action));
    const scheduleNote = schedule.kind === 'none' ? [] : [`schedule ${schedule.kind}${'dueAt' in schedule ? ` (ticket due ${schedule.dueAt})` : ''}`];
    const note = [stored ? 'updated' : 'new', ...new Set(steps), ...scheduleNote].join(', ');
    return { orderId: order.id, outcome: 'applied', jobIds, note };
  };

  /** One event's work, in a transaction whose caller advances the relay cursor past the event. */
  const ingestInTransaction = (event: IncomingEvent): IngestResult => {
    if (typeof event.eventId !== 'string' || event.eventId === '') {
      return quarantine(event, safeStringify(event.body), 'event id is missing');
    }
    const serialised = eventText(event.body);
    const raw = serialised?.text ?? safeStringify(event.body);
    const bodySha256 = eventBodySha256(raw);
    // A relay event is its id with its body (what the relay keeps unique); a poll's id is the bridge's
    // own (order id and version), and a body klikit re-renders between two reads is not news.
    if (hasEvent(db, event.eventId, event.source === 'relay' ? bodySha256 : undefined)) return { outcome: 'duplicate' };

    // A UTF-16 unit is at most 3 bytes of UTF-8: an ordinary body is known to fit without counting.
    const size = raw.length * 3 <= MAX_EVENT_BODY_BYTES ? 0 : Buffer.byteLength(raw, 'utf8');
    if (size > MAX_EVENT_BODY_BYTES) {
      return quarantine(event, raw, `body too large: ${size} bytes (limit ${MAX_EVENT_BODY_BYTES})`);
    }
    // The text is read for depth without walking every value again; a body with no text is walked.
    const tooDeep = serialised ? jsonTextExceedsDepth(raw) : exceedsJsonDepth(event.body);
    if (tooDeep) return quarantine(event, raw, `body nested deeper than ${MAX_JSON_DEPTH} levels`);
    const eventType = eventTypeSchema.safeParse(event.eventType);
    if (!eventType.success) return quarantine(event, raw, `unknown event type: ${String(event.eventType)}`);
    const envelope = checkedEnvelopeSchema.safeParse(event.body);
    if (!envelope.success) return quarantine(event, raw, `invalid envelope: ${describeZodError(envelope.error)}`);

    if (!serialised) return quarantine(event, raw, 'body cannot be written as JSON');
    const orderTexts = serialised.orderTexts ?? (event.body as { orders: unknown[] }).orders.map((o) => JSON.stringify(o));
    const outcomes = envelope.data.orders.map((_, i) => applyOrder(event, eventType.data, envelope.data, i, orderTexts[i]!));
    const anyApplied = outcomes.some((o) => o.outcome === 'applied');
    const allLate = outcomes.length > 0 && outcomes.every((o) => o.outcome === 'late');
    const detail = outcomes.map((o) => `${o.orderId}: ${o.note}`).join('; ');
    recordEvent(db, {
      eventId: event.eventId,
      bodySha256,
      source: event.source,
      seq: event.seq ?? null,
      eventType: eventType.data,
      receivedAt: event.receivedAt,
      outcome: anyApplied ? 'applied' : allLate ? 'quarantined' : 'stale',
      detail,
    });
    if (allLate) return { outcome: 'quarantined', reason: detail };
    return {
      outcome: 'applied',
      orderIds: outcomes.filter((o) => o.outcome !== 'late').map((o) => o.orderId),
      jobIds: outcomes.flatMap((o) => o.jobIds),
      detail: anyApplied ? detail : `nothing new (all orders stale or already stored): ${detail}`,
    };
  };

  const ingestOne = (event: IncomingEvent): IngestResult => {
    try {
      return inOwnTransaction(event);
    } catch (err) {
      if (isStorageFailure(db, err)) return { outcome: 'failed', reason: `storage failure: ${errorText(err)}` };
      // Not the storage's fault: this event's content tripped the write, and replaying it would block the stream.
      const reason = `ingest failed: ${errorText(err)}`;
      try {
        return db.transaction(() => {
          advanceRelayCursor([event]);
          return quarantine(event, safeStringify(event.body), reason);
        })();
      } catch (storeErr) {
        return { outcome: 'failed', reason: `${reason}; could not quarantine it: ${errorText(storeErr)}` };
      }
    }
  };
  const inOwnTransaction = db.transaction((event: IncomingEvent) => {
    advanceRelayCursor([event]);
    return ingestInTransaction(event);
  });
  // Events almost never throw, so a burst first runs without a savepoint per event: a savepoint makes
  // SQLite copy every page the event touches aside (past 64 KiB into a temporary file), the cost of the
  // whole batch again. When one throws, nothing is kept and the burst runs again one savepoint each,
  // where ingestOne quarantines or fails that event alone, exactly as it would outside a batch.
  // The burst commits whole or not at all, so its cursor is raised once, to its highest seq.
  const allAtOnce = db.transaction((events: readonly IncomingEvent[]) => {
    advanceRelayCursor(events);
    return events.map(ingestInTransaction);
  });
  const oneSavepointEach = db.transaction((events: readonly IncomingEvent[]) => {
    const results: IngestResult[] = [];
    for (const event of events) {
      // Were the burst's transaction ever rolled back under it, each event would commit on its own.
      if (!db.inTransaction) throw new Error("the burst's transaction ended under it");
      const result = ingestOne(event);
      results.push(result);
      if (result.outcome === 'failed') break;
    }
    return results;
  });
  /** Nothing of the burst was kept: its first event is not committed, and none after it was tried. */
  const burstFailed = (err: unknown): IngestResult[] => [{ outcome: 'failed', reason: `storage failure: ${errorText(err)}` }];
  const batch = (events: readonly IncomingEvent[]): IngestResult[] => {
    try {
      return allAtOnce(events);
    } catch (err) {
      // A busy or closed database: the second run would only wait out the busy timeout again on the
      // core's one thread.
      if (!db.open || (err instanceof Error && /^SQLITE_(BUSY|LOCKED)/.test((err as { code?: string }).code ?? ''))) return burstFailed(err);
    }
    try {
      return oneSavepointEach(events);
    } catch (err) {
      return burstFailed(err);
    }
  };
  return Object.assign(ingestOne, { batch });
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch (err) {
    return `(unserialisable body: ${errorText(err)})`;
  }
}

