import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIngest } from '../../../main/ingest/ingest.js';
import { createScheduledPrinter } from '../../../main/scheduling/scheduled-printer.js';
import { openDatabase, type Db } from '../../../main/store/connection.js';
import { getOrder } from '../../../main/store/orders.js';
import { jobsForOrder, markSending, markSent } from '../../../main/store/print-jobs.js';
import { getSchedule } from '../../../main/store/scheduled-prints.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';
import { CART, CREATED, STATUS } from '../ingest/ingest-harness.js';

// A scheduled order across ingest, the durable timer and a restart of the bridge's database, with a
// clock the test moves. The fixture order is prepared in 15 min; lead 10 min: scheduled for 12:30,
// its kitchen ticket is due at 12:05.

const ID = 71290001;
const STATIONS = [{ id: 'kitchen', name: 'Kitchen' }];
let dir: string;
let db: Db;
let now: number;
const clock = { now: () => now };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bridge-scheduled-'));
  db = openDatabase(join(dir, 'bridge.db'));
  now = Date.parse('2026-06-25T09:15:00Z');
});
afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function scheduledOrder(patch: Record<string, unknown> = {}): Record<string, unknown> {
  const order = (readKlikitFixture('created-v2.multi-brand-modifiers.envelope.json') as { orders: Array<Record<string, unknown>> }).orders[0]!;
  return { ...structuredClone(order), status: 6, scheduled_time: '2026-06-25T12:30:00Z', ...patch };
}

function bridgeParts(slip = true) {
  const ingest = createIngest({ db, clock, printerIds: () => ['kitchen'], stations: () => STATIONS, scheduled: { slip, leadMinutes: 10 } });
  const fired: number[][] = [];
  const timer = createScheduledPrinter({ db, clock, stations: () => STATIONS, onFired: (ids) => fired.push(ids), onError: (err) => { throw err; } });
  let n = 0;
  const send = (eventType: string, order: Record<string, unknown>) =>
    ingest({ eventId: `e${++n}-${now}`, source: 'relay', eventType, receivedAt: new Date(now).toISOString(), body: { brand_id: 5297, branch_id: 1293, orders: [order] } });
  return { send, timer, fired };
}

const jobs = () => jobsForOrder(db, ID).map((j) => ({ kind: j.kind, version: j.version, state: j.state, slip: j.payload.slip, late: j.payload.late }));
function printAll(): void {
  for (const job of jobsForOrder(db, ID)) {
    if (job.state !== 'queued') continue;
    markSending(db, job.id, new Date(now).toISOString());
    markSent(db, job.id, new Date(now).toISOString());
  }
}

describe('scheduled orders', () => {
  it('print a slip on arrival, then the newest cart once at scheduled − preparation − lead', () => {
    const { send, timer } = bridgeParts();
    send(CREATED, scheduledOrder());
    expect(jobs()).toEqual([{ kind: 'new', version: 'slip:2026-06-25T09:14:20.000Z', state: 'queued', slip: { printsAt: '2026-06-25T12:05:00.000Z' }, late: undefined }]);
    expect(getSchedule(db, ID)).toMatchObject({ dueAt: '2026-06-25T12:05:00.000Z', state: 'waiting' });
    printAll();

    const edited = scheduledOrder({ updated_at: '2026-06-25T10:00:00Z', order_comment: 'extra napkins' });
    send(CART, edited);
    expect(jobs()).toHaveLength(1);

    now = Date.parse('2026-06-25T12:04:59Z');
    expect(timer.fireDue()).toEqual([]);
    now = Date.parse('2026-06-25T12:05:00Z');
    expect(timer.fireDue()).toHaveLength(1);
    expect(jobs()[1]).toEqual({ kind: 'new', version: '2026-06-25T10:00:00.000Z', state: 'queued', slip: undefined, late: undefined });
    expect(jobsForOrder(db, ID)[1]!.payload.order).toMatchObject({ order_comment: 'extra napkins' });
    now += 60_000;
    expect(timer.fireDue()).toEqual([]);
    expect(getSchedule(db, ID)).toMatchObject({ state: 'fired', firedAt: '2026-06-25T12:05:00.000Z', late: false });
  });

  it('fires once across a restart, late and marked LATE when the bridge was off at its time', () => {
    const first = bridgeParts();
    first.send(CREATED, scheduledOrder());
    db.close();

    now = Date.parse('2026-06-25T13:00:00Z');
    db = openDatabase(join(dir, 'bridge.db'));
    const second = bridgeParts();
    second.timer.start(60_000);
    second.timer.stop();
    expect(jobs().map((j) => [j.kind, j.late])).toEqual([['new', undefined], ['new', { dueAt: '2026-06-25T12:05:00.000Z' }]]);
    expect(second.fired).toHaveLength(1);
    db.close();

    db = openDatabase(join(dir, 'bridge.db'));
    const third = bridgeParts();
    expect(third.timer.fireDue()).toEqual([]);
    expect(jobs()).toHaveLength(2);
  });

  it('a cancel while waiting stops the timer and voids the printed slip', () => {
    const { send, timer } = bridgeParts();
    send(CREATED, scheduledOrder());
    printAll();
    send(STATUS, scheduledOrder({ status: 3, updated_at: '2026-06-25T10:00:00Z' }));
    expect(getSchedule(db, ID)?.state).toBe('cancelled');
    now = Date.parse('2026-06-25T13:00:00Z');
    expect(timer.fireDue()).toEqual([]);
    expect(jobs().map((j) => j.kind)).toEqual(['new', 'cancel']);
  });

  it('without slips nothing prints on arrival; an order due already prints at once', () => {
    const { send } = bridgeParts(false);
    send(CREATED, scheduledOrder());
    expect(jobs()).toEqual([]);
    expect(getSchedule(db, ID)?.state).toBe('waiting');
    expect(getOrder(db, ID)).toBeDefined();
    now = Date.parse('2026-06-25T12:20:00Z');
    send(CREATED, scheduledOrder({ id: ID + 1 }));
    expect(jobsForOrder(db, ID + 1).map((j) => j.kind)).toEqual(['new']);
    expect(getSchedule(db, ID + 1)).toBeUndefined();
  });
});
