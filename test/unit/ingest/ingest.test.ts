import { beforeEach, describe, expect, it } from 'vitest';
import { relayCursor } from '../../../main/ingest/ingest.js';
import type { Db } from '../../../main/store/connection.js';
import { getEvent } from '../../../main/store/events.js';
import { changesForOrder } from '../../../main/store/order-changes.js';
import { getOrder } from '../../../main/store/orders.js';
import { getJob, jobsForOrder, markFailed, markSending, markSent } from '../../../main/store/print-jobs.js';
import { listQuarantine } from '../../../main/store/quarantine.js';
import { klikitFixtureNames, readKlikitFixture } from '../../helpers/fixtures.js';
import { tempDbPerTest } from '../store/temp-db.js';
import { CART, CREATED, STATUS, envelope, failWritesTo, fixtureOrder, harness, jobRows, withQuantity } from './ingest-harness.js';

let db: Db;
const freshDb = tempDbPerTest();
beforeEach(() => {
  db = freshDb();
});

const count = (table: string): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const T = (s: string) => new Date(s).toISOString();

function printAll(orderId: number): void {
  for (const job of jobsForOrder(db, orderId)) {
    markSending(db, job.id, '2026-06-25T11:00:00.000Z');
    markSent(db, job.id, '2026-06-25T11:00:00.000Z');
  }
}

describe('ingest of the klikit fixtures', () => {
  const asEvent = (name: string): { eventType: string; body: unknown } => {
    const json = readKlikitFixture(name) as { data?: { branch_id?: number } };
    if (name.startsWith('get-order')) {
      return { eventType: STATUS, body: { brand_id: 5297, branch_id: json.data?.branch_id ?? 0, orders: [json.data] } };
    }
    return { eventType: name.startsWith('status-updated') ? STATUS : CREATED, body: json };
  };

  it.each(klikitFixtureNames())('%s on its own: order stored, jobs per printer as its status says', (name) => {
    const { send } = harness(db, ['kitchen', 'bar']);
    const { eventType, body } = asEvent(name);
    const raw = (body as { orders: { id: number; status: number; short_id: string }[] }).orders[0]!;
    const result = send(eventType, body);
    expect(result).toMatchObject({ outcome: 'applied', orderIds: [raw.id] });
    const stored = getOrder(db, raw.id)!;
    expect(stored).toMatchObject({ status: raw.status, shortId: raw.short_id, branchId: 1293 });
    expect(stored.body).toEqual(raw);
    const expectedJobs =
      raw.status === 3
        ? []
        : [
            { printer_id: 'kitchen', kind: 'new', state: 'queued' },
            { printer_id: 'bar', kind: 'new', state: 'queued' },
          ];
    expect(jobRows(db, raw.id)).toMatchObject(expectedJobs);
    expect(jobsForOrder(db, raw.id).every((j) => JSON.stringify(j.payload.order) === JSON.stringify(raw))).toBe(true);
    expect(getEvent(db, 'evt-1')).toMatchObject({ outcome: 'applied', eventType });
  });

  it('created then the polled GET-order (delivered, same cart): status moves on, no second ticket', () => {
    const { send } = harness(db);
    send(...(Object.values(asEvent('created-v2.single-order.envelope.json')) as [string, unknown]));
    const polled = asEvent('get-order-71280866.response.json');
    const result = send(polled.eventType, polled.body, { eventId: 'poll:71280866:2026-06-24T12:04:02.000Z', source: 'poll' });
    expect(result).toMatchObject({ outcome: 'applied', jobIds: [] });
    expect(getOrder(db, 71280866)).toMatchObject({ status: 5, updatedAt: T('2026-06-24T12:04:02Z') });
    expect(jobRows(db, 71280866)).toHaveLength(1);
  });

  it('created multi-brand then cancelled before printing: the queued ticket is skipped, no VOID slip', () => {
    const { send } = harness(db);
    send(CREATED, readKlikitFixture('created-v2.multi-brand-modifiers.envelope.json'));
    send(STATUS, readKlikitFixture('status-updated.cancelled.envelope.json'));
    expect(getOrder(db, 71290001)?.status).toBe(3);
    expect(jobRows(db, 71290001)).toEqual([
      expect.objectContaining({ kind: 'new', state: 'skipped', last_error: 'order cancelled before printing' }),
    ]);
  });

  it('created multi-brand, printed, then cancelled: exactly one cancel job', () => {
    const { send } = harness(db);
    send(CREATED, readKlikitFixture('created-v2.multi-brand-modifiers.envelope.json'));
    printAll(71290001);
    const result = send(STATUS, readKlikitFixture('status-updated.cancelled.envelope.json'));
    expect(result).toMatchObject({ outcome: 'applied', jobIds: [expect.any(Number)] });
    expect(jobRows(db, 71290001).map((j) => [j.kind, j.state])).toEqual([
      ['new', 'sent'],
      ['cancel', 'queued'],
    ]);
  });
});

describe('dedupe', () => {
  it('the same event twice is a duplicate and changes nothing', () => {
    const { send } = harness(db, ['kitchen', 'bar']);
    const body = envelope(fixtureOrder());
    expect(send(CREATED, body, { eventId: 'same' })).toMatchObject({ outcome: 'applied' });
    expect(send(CREATED, body, { eventId: 'same' })).toEqual({ outcome: 'duplicate' });
    expect(count('print_jobs')).toBe(2);
    expect(count('events')).toBe(1);
    expect(count('order_changes')).toBe(1);
  });

  it('the same order version under two event ids prints once', () => {
    const { send } = harness(db, ['kitchen', 'bar']);
    const order = fixtureOrder();
    send(CREATED, envelope(order), { eventId: 'a' });
    const second = send(CREATED, envelope(order), { eventId: 'b' });
    expect(second).toMatchObject({ outcome: 'applied', jobIds: [] });
    expect(second.outcome === 'applied' && second.detail).toMatch(/nothing new/);
    expect(getEvent(db, 'b')?.outcome).toBe('stale');
    expect(count('print_jobs')).toBe(2);
  });

  it('a batched envelope of 3 orders makes exactly 3 x printers jobs', () => {
    const { send } = harness(db, ['kitchen', 'bar']);
    const result = send(CREATED, envelope(fixtureOrder({ id: 1 }), fixtureOrder({ id: 2 }), fixtureOrder({ id: 3 })));
    expect(result).toMatchObject({ outcome: 'applied', orderIds: [1, 2, 3] });
    expect(result.outcome === 'applied' && result.jobIds).toHaveLength(6);
    expect(count('print_jobs')).toBe(6);
    expect(count('orders')).toBe(3);
  });
});

describe('order versions', () => {
  it('an out-of-order older status is recorded but never moves the order back', () => {
    const { send } = harness(db);
    send(STATUS, envelope(fixtureOrder({ status: 4, updated_at: '2026-06-24T12:10:00Z' })));
    const stale = send(STATUS, envelope(fixtureOrder({ status: 2, updated_at: '2026-06-24T12:05:00Z' })));
    expect(stale).toMatchObject({ outcome: 'applied', jobIds: [] });
    expect(getOrder(db, 71280866)).toMatchObject({ status: 4, updatedAt: T('2026-06-24T12:10:00Z') });
    expect(changesForOrder(db, 71280866)).toMatchObject([
      { status: 4, applied: true },
      { status: 2, applied: false, updatedAt: T('2026-06-24T12:05:00Z'), note: expect.stringMatching(/stale/) },
    ]);
    expect(jobRows(db, 71280866)).toHaveLength(1);
  });

  it('a cart replacement after printing makes an update job carrying the printed body', () => {
    const { send } = harness(db);
    const first = fixtureOrder();
    send(CREATED, envelope(first));
    printAll(71280866);
    const edited = withQuantity(first, 5, '2026-06-24T12:20:00Z');
    const result = send(CART, envelope(edited));
    expect(result).toMatchObject({ outcome: 'applied', jobIds: [expect.any(Number)] });
    const update = getJob(db, (result as { jobIds: number[] }).jobIds[0]!)!;
    expect(update).toMatchObject({ kind: 'update', state: 'queued', version: T('2026-06-24T12:20:00Z') });
    expect(update.payload).toEqual({ order: edited, previous: first });
  });

  it('a cart replacement before printing refreshes the queued ticket instead', () => {
    const { send } = harness(db);
    const first = fixtureOrder();
    send(CREATED, envelope(first));
    const edited = withQuantity(first, 5, '2026-06-24T12:20:00Z');
    expect(send(CART, envelope(edited))).toMatchObject({ outcome: 'applied', jobIds: [] });
    const jobs = jobsForOrder(db, 71280866);
    expect(jobs.map((j) => [j.kind, j.state])).toEqual([['new', 'queued']]);
    expect(jobs[0]!.payload).toEqual({ order: edited });
  });

  it('a cart replacement revives a ticket that failed for good, so the new cart prints', () => {
    const { send } = harness(db);
    const first = fixtureOrder();
    send(CREATED, envelope(first));
    const [job] = jobsForOrder(db, 71280866);
    markFailed(db, job!.id, 'cannot render the ticket', null, '2026-06-24T12:10:00Z');
    const edited = withQuantity(first, 5, '2026-06-24T12:20:00Z');
    send(CART, envelope(edited));
    const jobs = jobsForOrder(db, 71280866);
    expect(jobs.map((j) => [j.kind, j.state])).toEqual([['new', 'queued']]);
    expect(jobs[0]!.payload).toEqual({ order: edited });
  });

  it('a price-only change is not a cart change', () => {
    const { send } = harness(db);
    const first = fixtureOrder();
    send(CREATED, envelope(first));
    printAll(71280866);
    const cart = structuredClone(first['cart_v2']) as Record<string, unknown>[];
    cart[0] = { ...cart[0], price: '999999.00', unit_price: '1.00' };
    send(CART, envelope({ ...first, cart_v2: cart, updated_at: '2026-06-24T12:20:00Z' }));
    expect(jobRows(db, 71280866)).toHaveLength(1);
  });

  it('cancel before printing: nothing printed, the queued jobs are skipped on every printer', () => {
    const { send } = harness(db, ['kitchen', 'bar']);
    send(CREATED, envelope(fixtureOrder()));
    send(STATUS, envelope(fixtureOrder({ status: 3, updated_at: '2026-06-24T12:30:00Z' })));
    expect(jobRows(db, 71280866).map((j) => [j.kind, j.state])).toEqual([
      ['new', 'skipped'],
      ['new', 'skipped'],
    ]);
  });

  it('cancel after printing on one printer of two: one VOID slip on that printer only', () => {
    const { send } = harness(db, ['kitchen', 'bar']);
    send(CREATED, envelope(fixtureOrder()));
    const [kitchen] = jobsForOrder(db, 71280866);
    markSending(db, kitchen!.id, '2026-06-25T11:00:00.000Z');
    send(STATUS, envelope(fixtureOrder({ status: 3, updated_at: '2026-06-24T12:30:00Z' })));
    send(STATUS, envelope(fixtureOrder({ status: 3, updated_at: '2026-06-24T12:31:00Z' })));
    expect(jobRows(db, 71280866).map((j) => [j.printer_id, j.kind, j.state])).toEqual([
      ['kitchen', 'new', 'sending'],
      ['bar', 'new', 'skipped'],
      ['kitchen', 'cancel', 'queued'],
    ]);
  });
});

describe('relay cursor', () => {
  it('moves to the highest seq committed, for applied, duplicate and quarantined events alike', () => {
    const { send } = harness(db);
    expect(relayCursor(db)).toBe(0);
    send(CREATED, envelope(fixtureOrder()), { eventId: 'x', seq: 3 });
    expect(relayCursor(db)).toBe(3);
    send(CREATED, envelope(fixtureOrder()), { eventId: 'x', seq: 4 });
    expect(relayCursor(db)).toBe(4);
    send('klikit.nope', {}, { seq: 7 });
    expect(relayCursor(db)).toBe(7);
    send(CREATED, envelope(fixtureOrder({ id: 9 })), { seq: 5 });
    expect(relayCursor(db)).toBe(7);
    send(CREATED, envelope(fixtureOrder({ id: 10 })), { seq: 99, source: 'poll' });
    expect(relayCursor(db)).toBe(7);
  });
});

describe('malformed input', () => {
  const huge = envelope(fixtureOrder({ order_comment: 'x'.repeat(2 * 1024 * 1024) }));
  const cases: [string, string, unknown, RegExp][] = [
    ['unknown event type', 'klikit.order.exploded', envelope(fixtureOrder()), /unknown event type/],
    ['body is a string', CREATED, 'not an envelope', /invalid envelope: \(root\)/],
    ['body is null', CREATED, null, /invalid envelope/],
    ['orders missing', CREATED, { brand_id: 1, branch_id: 2 }, /orders/],
    ['orders empty', CREATED, envelope(), /orders is empty/],
    ['status is a string', CREATED, envelope(fixtureOrder({ status: 'ready' })), /orders\.0\.status/],
    ['id is negative', CREATED, envelope(fixtureOrder({ id: -4 })), /orders\.0\.id/],
    ['quantity is a string', CREATED, envelope(fixtureOrder({ cart_v2: [{ name: 'x', quantity: '2' }] })), /cart_v2/],
    ['no timestamps', CREATED, envelope(fixtureOrder({ updated_at: undefined, created_at: undefined, placed_at: undefined })), /updated_at/],
    ['huge body', CREATED, huge, /body too large/],
    // 400,000 characters, 1.2 MB of UTF-8: the limit is on bytes, not characters.
    ['huge in Thai', CREATED, envelope(fixtureOrder({ order_comment: 'ต'.repeat(400_000) })), /body too large: 12\d{5} bytes/],
    ['600-deep modifiers', CREATED, envelope(fixtureOrder({ cart_v2: [{ name: 'x', quantity: 1, modifier_groups: JSON.parse('['.repeat(600) + ']'.repeat(600)) }] })), /nested deeper than 256 levels/],
  ];

  it.each(cases)('%s: quarantined, never printed', (_name, eventType, body, reason) => {
    const { send } = harness(db);
    const result = send(eventType, body, { eventId: 'bad' });
    expect(result).toEqual({ outcome: 'quarantined', reason: expect.stringMatching(reason) });
    expect(count('orders')).toBe(0);
    expect(count('print_jobs')).toBe(0);
    const [entry] = listQuarantine(db, { limit: 5 });
    expect(entry).toMatchObject({ eventId: 'bad', reason: (result as { reason: string }).reason });
    expect(Buffer.byteLength(entry!.raw)).toBeLessThanOrEqual(64 * 1024);
    expect(getEvent(db, 'bad')?.outcome).toBe('quarantined');
  });

  it('a storage failure mid-event commits nothing, keeps the cursor and comes back as a failed value', () => {
    const { send } = harness(db);
    send(CREATED, envelope(fixtureOrder({ id: 1 })), { seq: 11 });
    failWritesTo(db, 'print_jobs', 'SQLITE_IOERR_WRITE');
    const result = send(CREATED, envelope(fixtureOrder()), { eventId: 'boom', seq: 12 });
    expect(result).toEqual({ outcome: 'failed', reason: expect.stringMatching(/disk I\/O error/) });
    expect(count('orders')).toBe(1);
    expect(count('order_changes')).toBe(1);
    expect(getEvent(db, 'boom')).toBeUndefined();
    expect(count('quarantine')).toBe(0);
    expect(relayCursor(db)).toBe(11);
  });

  it.each(['SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR_FSYNC', 'SQLITE_CORRUPT'])(
    '%s is a storage failure, and the same event applies once the storage works again',
    (code) => {
      const { ingest } = harness(db);
      const event = { eventId: 'again', source: 'relay' as const, seq: 3, eventType: CREATED, receivedAt: '2026-06-25T10:00:00.000Z', body: envelope(fixtureOrder()) };
      failWritesTo(db, 'orders', code);
      expect(ingest(event)).toMatchObject({ outcome: 'failed' });
      expect(relayCursor(db)).toBe(0);
      db.exec('DROP TRIGGER fail_writes');
      expect(ingest(event)).toMatchObject({ outcome: 'applied' });
      expect(count('print_jobs')).toBe(1);
      expect(relayCursor(db)).toBe(3);
    },
  );

  it('a write the event itself makes impossible is quarantined, so the stream moves on', () => {
    const { send } = harness(db);
    db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON print_jobs BEGIN SELECT RAISE(ABORT, 'no such printer'); END`);
    const result = send(CREATED, envelope(fixtureOrder()), { eventId: 'refused', seq: 12 });
    expect(result).toEqual({ outcome: 'quarantined', reason: expect.stringMatching(/no such printer/) });
    expect(count('orders')).toBe(0);
    expect(count('order_changes')).toBe(0);
    expect(getEvent(db, 'refused')?.outcome).toBe('quarantined');
    expect(relayCursor(db)).toBe(12);
  });

  it('a closed database still returns a value: failed, not quarantined', () => {
    const { send } = harness(db);
    db.close();
    expect(send(CREATED, envelope(fixtureOrder()))).toEqual({ outcome: 'failed', reason: expect.stringMatching(/not open/) });
  });

  it('the stream keeps flowing after bad input', () => {
    const { send } = harness(db);
    send(CREATED, 'garbage');
    expect(send(CREATED, envelope(fixtureOrder()))).toMatchObject({ outcome: 'applied' });
    expect(count('print_jobs')).toBe(1);
  });
});
