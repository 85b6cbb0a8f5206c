import { beforeEach, describe, expect, it } from 'vitest';
import { createIngest, relayCursor } from '../../../main/ingest/ingest.js';
import type { Db } from '../../../main/store/connection.js';
import { getOrder } from '../../../main/store/orders.js';
import { listQuarantine } from '../../../main/store/quarantine.js';
import { tempDbPerTest } from '../store/temp-db.js';
import { CREATED, envelope, fixtureOrder, jobRows, steppingClock } from './ingest-harness.js';

// Attacks on dedupe once the relay has forgotten an event (its body tombstone expired after 90 days):
// a captured body replayed under klikit's next event id, and an old order replayed to a bridge that
// never saw it.

let db: Db;
const freshDb = tempDbPerTest();
beforeEach(() => {
  db = freshDb();
});

const NOW = Date.parse('2026-06-25T10:00:00Z');
const HOUR = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();
const eventRows = () => db.prepare('SELECT event_id, seq, outcome FROM events ORDER BY id').all();

function relay(staleOrderMs?: number) {
  const ingest = createIngest({ db, clock: steppingClock(NOW), printerIds: () => ['kitchen'], ...(staleOrderMs ? { staleOrderMs } : {}) });
  return (seq: number, eventId: string, body: unknown) =>
    ingest({ eventId, seq, source: 'relay', eventType: CREATED, receivedAt: at(NOW), body });
}

describe('a pre-empted event id', () => {
  it('the genuine event under an id a replayed body took first is still stored and printed', () => {
    const send = relay();
    const old = fixtureOrder({ id: 501, short_id: 'OLD', created_at: at(NOW - 2 * HOUR), updated_at: at(NOW - 2 * HOUR) });
    expect(send(1, 'evt-7', envelope(old))).toMatchObject({ outcome: 'applied' });
    expect(jobRows(db, 501)).toHaveLength(1);

    // The same body replayed under klikit's next event id, then klikit's genuine event under that id.
    expect(send(2, 'evt-8', envelope(old))).toMatchObject({ outcome: 'applied', jobIds: [] });
    const genuine = fixtureOrder({ id: 502, short_id: 'NEW', created_at: at(NOW), updated_at: at(NOW) });
    const result = send(3, 'evt-8', envelope(genuine));

    expect(result).toMatchObject({ outcome: 'applied', orderIds: [502] });
    expect(getOrder(db, 502)).toMatchObject({ shortId: 'NEW' });
    expect(jobRows(db, 502)).toMatchObject([{ printer_id: 'kitchen', kind: 'new', state: 'queued' }]);
    expect(jobRows(db, 501)).toHaveLength(1);
    expect(eventRows()).toEqual([
      { event_id: 'evt-7', seq: 1, outcome: 'applied' },
      { event_id: 'evt-8', seq: 2, outcome: 'stale' },
      { event_id: 'evt-8', seq: 3, outcome: 'applied' },
    ]);
  });

  it('the same event (id and body) delivered again is still a duplicate', () => {
    const send = relay();
    const order = envelope(fixtureOrder({ id: 503, created_at: at(NOW), updated_at: at(NOW) }));
    send(1, 'evt-1', order);
    expect(send(1, 'evt-1', structuredClone(order))).toEqual({ outcome: 'duplicate' });
    expect(eventRows()).toHaveLength(1);
    expect(jobRows(db, 503)).toHaveLength(1);
  });
});

describe('a poll event (its id is the order id and version)', () => {
  it('read again with a body klikit re-rendered is a duplicate: a late order is shown in Problems once', () => {
    const ingest = createIngest({ db, clock: steppingClock(NOW), printerIds: () => ['kitchen'] });
    const old = fixtureOrder({ id: 1001, created_at: at(NOW - 48 * HOUR), updated_at: at(NOW - 48 * HOUR) });
    const poll = (order: Record<string, unknown>) =>
      ingest({ eventId: `poll:1001:${at(NOW - 48 * HOUR)}`, source: 'poll', eventType: CREATED, receivedAt: at(NOW), body: envelope(order) });
    expect(poll(old)).toMatchObject({ outcome: 'quarantined' });
    expect(poll({ ...old, estimated_pickup_at: at(NOW) })).toEqual({ outcome: 'duplicate' });
    expect(listQuarantine(db, { limit: 10 })).toHaveLength(1);
  });
});

describe('an order created long before it arrives', () => {
  it('is recorded and shown in Problems, not printed (default: 24 hours)', () => {
    const send = relay();
    const captured = fixtureOrder({ id: 601, short_id: 'R1', created_at: at(NOW - 91 * 24 * HOUR), updated_at: at(NOW - 91 * 24 * HOUR) });
    const result = send(9, 'evt-replayed', envelope(captured));

    expect(result).toMatchObject({ outcome: 'quarantined' });
    expect(jobRows(db, 601)).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM print_jobs').get()).toEqual({ n: 0 });
    expect(getOrder(db, 601)).toBeUndefined();
    const [problem] = listQuarantine(db, { limit: 10 });
    expect(problem).toMatchObject({ eventId: 'evt-replayed', source: 'relay' });
    expect(problem!.reason).toMatch(/^Order #R1 was placed 91 days before it reached this bridge \(the limit is 24 hours\), so it was not printed/);
    expect(JSON.parse(problem!.raw)).toMatchObject({ id: 601 });
    expect(eventRows()).toEqual([{ event_id: 'evt-replayed', seq: 9, outcome: 'quarantined' }]);
    expect(relayCursor(db)).toBe(9);
  });

  it('within the limit it prints; the limit is configurable', () => {
    const order = (id: number, ageMs: number) => fixtureOrder({ id, created_at: at(NOW - ageMs), updated_at: at(NOW - ageMs) });
    const send = relay(2 * HOUR);
    expect(send(1, 'a', envelope(order(701, HOUR)))).toMatchObject({ outcome: 'applied', orderIds: [701] });
    expect(send(2, 'b', envelope(order(702, 3 * HOUR)))).toMatchObject({ outcome: 'quarantined' });
    expect(jobRows(db, 701)).toHaveLength(1);
    expect(jobRows(db, 702)).toEqual([]);
  });

  it('in an envelope with a fresh order: the fresh one prints, the old one goes to Problems', () => {
    const send = relay();
    const fresh = fixtureOrder({ id: 801, created_at: at(NOW), updated_at: at(NOW) });
    const old = fixtureOrder({ id: 802, short_id: 'OLD', created_at: at(NOW - 48 * HOUR), updated_at: at(NOW - 48 * HOUR) });
    expect(send(1, 'mixed', envelope(old, fresh))).toMatchObject({ outcome: 'applied', orderIds: [801] });
    expect(jobRows(db, 801)).toHaveLength(1);
    expect(jobRows(db, 802)).toEqual([]);
    expect(listQuarantine(db, { limit: 10 }).map((q) => q.reason)).toEqual([expect.stringMatching(/^Order #OLD was placed 2 days before/)]);
  });

  it('a known order is not judged by its age: an old replayed version of it stays stale and silent', () => {
    const send = relay();
    const order = fixtureOrder({ id: 901, created_at: at(NOW - 23 * HOUR), updated_at: at(NOW - 23 * HOUR) });
    send(1, 'first', envelope(order));
    const later = relay(HOUR);
    expect(later(2, 'again', envelope({ ...order, updated_at: at(NOW - 22 * HOUR) }))).toMatchObject({ outcome: 'applied' });
    expect(listQuarantine(db, { limit: 10 })).toEqual([]);
  });

  it('an order placed long ago for a time still ahead prints as scheduled orders do', () => {
    const send = relay();
    const early = fixtureOrder({ id: 951, created_at: at(NOW - 72 * HOUR), updated_at: at(NOW - 72 * HOUR), scheduled_time: at(NOW + 2 * HOUR) });
    expect(send(1, 'early', envelope(early))).toMatchObject({ outcome: 'applied', orderIds: [951] });
    expect(listQuarantine(db, { limit: 10 })).toEqual([]);
  });
});
