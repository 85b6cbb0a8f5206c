import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/store/connection.js';
import { eventBodySha256, getEvent, hasEvent, listEvents, recordEvent } from '../../../main/store/events.js';
import { getInteger, getValue, raiseInteger, setValue } from '../../../main/store/kv.js';
import { changesForOrder, recordOrderChange } from '../../../main/store/order-changes.js';
import { acknowledgeOrder, getOrder, listRecentOrders, upsertOrder, type OrderWrite } from '../../../main/store/orders.js';
import { enqueueJob, markSending, markSent } from '../../../main/store/print-jobs.js';
import { addQuarantine, countQuarantine, listQuarantine, QUARANTINE_RAW_MAX_BYTES } from '../../../main/store/quarantine.js';
import { tempDbPerTest } from './temp-db.js';

let db: Db;
const freshDb = tempDbPerTest();
beforeEach(() => {
  db = freshDb();
});

const order = (id: number, seenAt: string, overrides: Partial<OrderWrite> = {}): OrderWrite => ({
  id,
  brandId: 5297,
  branchId: 1293,
  shortId: `S${id}`,
  status: 2,
  updatedAt: '2026-06-25T09:00:00.000Z',
  createdAt: '2026-06-25T08:59:00.000Z',
  cartHash: 'h1',
  body: { id, provider_id: 6, type: 3, table_no: 12, order_queue: 4 },
  seenAt,
  ...overrides,
});

describe('orders', () => {
  it('inserts, then updates keeping first sight and acknowledgement', () => {
    upsertOrder(db, order(1, '2026-06-25T10:00:00.000Z'));
    expect(acknowledgeOrder(db, 1, '2026-06-25T10:00:05.000Z')).toBe(true);
    expect(acknowledgeOrder(db, 1, '2026-06-25T10:00:09.000Z')).toBe(true);
    upsertOrder(db, order(1, '2026-06-25T10:01:00.000Z', { status: 4, cartHash: 'h2', body: { id: 1, status: 4 } }));
    expect(getOrder(db, 1)).toEqual({
      id: 1,
      brandId: 5297,
      branchId: 1293,
      shortId: 'S1',
      status: 4,
      updatedAt: '2026-06-25T09:00:00.000Z',
      createdAt: '2026-06-25T08:59:00.000Z',
      cartHash: 'h2',
      body: { id: 1, status: 4 },
      firstSeenAt: '2026-06-25T10:00:00.000Z',
      lastEventAt: '2026-06-25T10:01:00.000Z',
      acknowledgedAt: '2026-06-25T10:00:05.000Z',
    });
    expect(acknowledgeOrder(db, 404, '2026-06-25T10:00:05.000Z')).toBe(false);
    expect(getOrder(db, 404)).toBeUndefined();
  });

  it('lists recent orders newest first with keyset paging and job counts', () => {
    for (let id = 1; id <= 5; id++) upsertOrder(db, order(id, `2026-06-25T10:00:0${id % 3}.000Z`));
    const job = enqueueJob(db, { orderId: 2, printerId: 'k', kind: 'new', version: 'v', payload: { order: {} }, now: 'n' })!;
    enqueueJob(db, { orderId: 2, printerId: 'b', kind: 'new', version: 'v', payload: { order: {} }, now: 'n' });
    markSending(db, job, 'n');
    markSent(db, job, 'n');

    const page1 = listRecentOrders(db, { limit: 3 });
    expect(page1.map((o) => o.id)).toEqual([5, 2, 4]);
    const page2 = listRecentOrders(db, { limit: 3, before: page1.at(-1)! });
    expect(page2.map((o) => o.id)).toEqual([1, 3]);
    expect(page1[1]).toMatchObject({
      id: 2,
      shortId: 'S2',
      providerId: 6,
      type: 3,
      tableNo: '12',
      orderQueue: 4,
      jobs: { sent: 1, queued: 1 },
    });
    expect(page1[0]!.jobs).toEqual({});
  });
});

describe('events', () => {
  it('records an event (id and body) once; another body under the same id is another event', () => {
    const e = {
      eventId: 'e1',
      bodySha256: eventBodySha256('{"orders":[1]}'),
      source: 'relay' as const,
      seq: 4,
      eventType: 't',
      receivedAt: 'r',
      outcome: 'applied' as const,
      detail: 'd',
    };
    expect(recordEvent(db, e)).toBe(true);
    expect(recordEvent(db, { ...e, outcome: 'stale' })).toBe(false);
    expect(hasEvent(db, 'e1', e.bodySha256)).toBe(true);
    expect(hasEvent(db, 'e2', e.bodySha256)).toBe(false);
    expect(getEvent(db, 'e1')).toEqual(e);
    expect(listEvents(db, { limit: 10 })).toEqual([e]);

    const other = { ...e, bodySha256: eventBodySha256('{"orders":[2]}'), seq: 5 };
    expect(hasEvent(db, 'e1', other.bodySha256)).toBe(false);
    expect(recordEvent(db, other)).toBe(true);
    expect(getEvent(db, 'e1')).toEqual(other);
    expect(hasEvent(db, 'e1')).toBe(true);
    expect(hasEvent(db, 'e3')).toBe(false);
    expect(listEvents(db, { limit: 10 })).toEqual([other, e]);
  });
});

describe('kv', () => {
  it('stores values and raises integers without ever lowering them', () => {
    expect(getValue(db, 'a')).toBeUndefined();
    setValue(db, 'a', 'x');
    setValue(db, 'a', 'y');
    expect(getValue(db, 'a')).toBe('y');
    expect(getInteger(db, 'n', -1)).toBe(-1);
    raiseInteger(db, 'n', 9);
    raiseInteger(db, 'n', 10);
    raiseInteger(db, 'n', 3);
    expect(getInteger(db, 'n')).toBe(10);
    expect(getInteger(db, 'a', 7)).toBe(7);
  });
});

describe('quarantine and order changes', () => {
  it('truncates raw input to 64 KiB of valid UTF-8, newest first', () => {
    addQuarantine(db, { receivedAt: 'r', source: 'relay', eventId: null, eventType: null, reason: 'first', raw: '{}' });
    addQuarantine(db, { receivedAt: 'r', source: 'relay', eventId: 'e', eventType: 't', reason: 'big', raw: 'é'.repeat(40_000) });
    const [big, first] = listQuarantine(db, { limit: 10 });
    expect(first).toMatchObject({ reason: 'first', raw: '{}', eventId: null });
    expect(Buffer.byteLength(big!.raw)).toBe(QUARANTINE_RAW_MAX_BYTES);
    expect(big!.raw).not.toContain('\uFFFD');
    expect(countQuarantine(db)).toBe(2);
  });

  it('keeps an order history, applied or not', () => {
    upsertOrder(db, order(1, 'n'));
    const c = { orderId: 1, eventId: 'e', eventType: 't', status: 2, updatedAt: 'u', note: '', at: 'a' };
    recordOrderChange(db, { ...c, applied: true });
    recordOrderChange(db, { ...c, status: 1, applied: false, note: 'stale' });
    expect(changesForOrder(db, 1)).toEqual([
      { ...c, applied: true },
      { ...c, status: 1, applied: false, note: 'stale' },
    ]);
  });
});
