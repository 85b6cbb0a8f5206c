// The durable timer of scheduled orders. Each due timer is fired in one transaction with the kitchen
// tickets it enqueues, so it fires once across crashes and restarts; a timer found overdue (the bridge
// was off) fires at once with a LATE mark. Time comes from the injected clock; the check runs every
// `intervalMs` and whenever asked (after ingest, at start).

import { isoAt, type Clock } from '../../ground/clock.js';
import { planJobs } from '../ingest/plan-jobs.js';
import type { StatusTable } from '../klikit/enums.js';
import { orderSchema } from '../klikit/schemas.js';
import type { StationPrinter } from '../routing/routes.js';
import type { Db } from '../store/connection.js';
import { getOrder } from '../store/orders.js';
import { enqueueJob } from '../store/print-jobs.js';
import { dueSchedules, markScheduleFired, type ScheduledPrint } from '../store/scheduled-prints.js';
import { isLate } from './schedule-plan.js';

export type ScheduledPrinterDeps = {
  db: Db;
  clock: Clock;
  stations: () => readonly StationPrinter[];
  statusTable?: StatusTable | undefined;
  /** Called after tickets were enqueued (wakes the print queues). */
  onFired: (jobIds: number[]) => void;
  /** A storage failure: nothing fired, the next check tries again. */
  onError: (err: unknown) => void;
};

export type ScheduledPrinter = {
  /** Fires every due timer now; returns the job ids enqueued. */
  fireDue(): number[];
  start(intervalMs: number): void;
  stop(): void;
};

export function createScheduledPrinter(deps: ScheduledPrinterDeps): ScheduledPrinter {
  const { db, clock } = deps;
  let timer: ReturnType<typeof setInterval> | undefined;

  const fireOne = db.transaction((schedule: ScheduledPrint): number[] => {
    const nowIso = isoAt(clock);
    const late = isLate(schedule.dueAt, clock.now());
    if (!markScheduleFired(db, schedule.orderId, nowIso, late)) return [];
    const stored = getOrder(db, schedule.orderId);
    const order = stored && orderSchema.safeParse(stored.body);
    if (!stored || !order?.success) return [];
    const actions = planJobs({
      stored: undefined,
      incoming: { status: stored.status, cartHash: stored.cartHash },
      body: stored.body,
      order: order.data,
      jobs: () => [],
      printers: deps.stations(),
      statusTable: deps.statusTable,
    });
    const ids: number[] = [];
    for (const step of actions) {
      if (step.action !== 'enqueue') continue;
      const payload = late ? { ...step.payload, late: { dueAt: schedule.dueAt } } : step.payload;
      const id = enqueueJob(db, { orderId: stored.id, printerId: step.printerId, kind: step.kind, version: stored.updatedAt, payload, now: nowIso });
      if (id !== null) ids.push(id);
    }
    return ids;
  });

  function fireDue(): number[] {
    try {
      const ids = dueSchedules(db, isoAt(clock)).flatMap((s) => fireOne(s));
      if (ids.length > 0) deps.onFired(ids);
      return ids;
    } catch (err) {
      deps.onError(err);
      return [];
    }
  }

  return {
    fireDue,
    start(intervalMs) {
      fireDue();
      timer = setInterval(fireDue, intervalMs);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
