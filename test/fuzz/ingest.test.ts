import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createIngest, relayCursor, type IncomingEvent, type IngestResult } from '../../main/ingest/ingest.js';
import { cartHash } from '../../main/ingest/cart-hash.js';
import { isCancelled } from '../../main/klikit/enums.js';
import { EVENT_TYPES, envelopeSchema, eventTypeSchema, orderSchema, orderVersion } from '../../main/klikit/schemas.js';
import { openDatabase, type Db } from '../../main/store/connection.js';
import { eventBodySha256 } from '../../main/store/events.js';
import { jobsForOrder } from '../../main/store/print-jobs.js';
import { readKlikitFixture } from '../helpers/fixtures.js';
import { mutate, mutationArb, type Json } from './mutate.js';

// Streams of events, valid and not, fed to the real ingest over a real (in-memory) schema. A model
// kept beside it says what the database must hold afterwards: the newest version of every order
// (status never goes backwards), one live kitchen ticket per open order carrying the newest cart,
// none for a cancelled one, a quarantine row per refused event, and a consistent database.

const SEED = 0x1e57;
const PRINTERS = ['kitchen', 'bar'];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

const VERSIONS = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2026, 5, 24, 12, i)).toISOString());
const CARTS = [
  [{ name: 'Nasi Goreng', quantity: 1, comment: '', modifier_groups: [] }],
  [{ name: 'Nasi Goreng', quantity: 2, comment: 'pedas', modifier_groups: [] }],
  [
    { name: 'ข้าวผัด', quantity: 1, comment: '', modifier_groups: [{ name: 'Level', modifiers: [{ name: '🌶️🌶️', quantity: 1 }] }] },
    { name: '不要香菜', quantity: 3, comment: '', modifier_groups: [] },
  ],
];

const validOrder = fc.record({
  id: fc.integer({ min: 1, max: 6 }),
  status: fc.constantFrom(1, 2, 3, 4, 5, 9, 42),
  updated_at: fc.constantFrom(...VERSIONS),
  short_id: fc.string({ maxLength: 6 }),
  cart_v2: fc.constantFrom(...CARTS),
});
const validEnvelope = fc.record({ brand_id: fc.constant(5297), branch_id: fc.constant(1293), orders: fc.array(validOrder, { minLength: 1, maxLength: 3 }) });
const fixture = readKlikitFixture('created-v2.multi-brand-modifiers.envelope.json') as Json;

const bodyArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: validEnvelope },
  { weight: 2, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }).map((m) => mutate(fixture, m)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);
const eventTypeArb = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...EVENT_TYPES) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) });
// Small id space on purpose: redeliveries of the same event id are frequent.
const eventIdArb = fc.oneof({ weight: 10, arbitrary: fc.nat(40).map((n) => `evt-${n}`) }, { weight: 1, arbitrary: fc.constant('') });
const eventArb = fc.record({ eventId: eventIdArb, eventType: eventTypeArb, body: bodyArb });
// Redeliveries of the same event (id and body) are frequent too: a third of a stream repeats an earlier event.
const streamArb = fc
  .array(fc.record({ event: eventArb, again: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }) }), { minLength: 1, maxLength: 40 })
  .map((items) => {
    const stream: Array<(typeof items)[number]['event']> = [];
    for (const { event, again } of items) stream.push(again !== null && stream.length > 0 ? stream[again % stream.length]! : event);
    return stream;
  });
/** An event is its id together with its body: the same id with another body is another event. */
const eventKey = (eventId: string, bodySha256: string): string => `${eventId}\u0000${bodySha256}`;

type ModelOrder = { version: string; status: number; cartHash: string };

function check(db: Db, events: Array<{ event: IncomingEvent; result: IngestResult }>): void {
  const seen = new Set<string>();
  const model = new Map<number, ModelOrder>();
  let quarantined = 0;
  for (const { event, result } of events) {
    const validId = event.eventId !== '';
    const key = eventKey(event.eventId, eventBodySha256(JSON.stringify(event.body)));
    if (result.outcome === 'duplicate') {
      expect(seen.has(key)).toBe(true);
      continue;
    }
    if (validId) expect(seen.has(key), `event ${event.eventId} was applied twice`).toBe(false);
    if (validId) seen.add(key);
    if (result.outcome === 'failed') throw new Error(`storage failure on a healthy database: ${result.reason}`);
    if (result.outcome === 'quarantined') {
      quarantined++;
      const valid = validId && eventTypeSchema.safeParse(event.eventType).success && envelopeSchema.safeParse(event.body).success;
      expect(valid, `a valid event was quarantined: ${result.reason}`).toBe(false);
      expect(result.reason.length).toBeGreaterThan(0);
      continue;
    }
    const envelope = envelopeSchema.parse(event.body);
    for (const order of envelope.orders) {
      const version = orderVersion(order);
      const known = model.get(order.id);
      if (!known || version > known.version) model.set(order.id, { version, status: order.status, cartHash: cartHash(order) });
    }
  }

  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  const eventRows = db.prepare('SELECT event_id, lower(hex(body_sha256)) AS body_sha256 FROM events').all() as Array<{ event_id: string; body_sha256: string }>;
  expect(new Set(eventRows.map((r) => eventKey(r.event_id, r.body_sha256)))).toEqual(seen);
  expect((db.prepare('SELECT count(*) AS n FROM quarantine').get() as { n: number }).n).toBe(quarantined);
  expect(relayCursor(db)).toBe(events.length);

  const orders = db.prepare('SELECT id, status, updated_at, cart_hash FROM orders').all() as Array<{ id: number; status: number; updated_at: string; cart_hash: string }>;
  expect(orders.map((o) => o.id).sort()).toEqual([...model.keys()].sort());
  for (const row of orders) {
    const expected = model.get(row.id)!;
    expect({ status: row.status, version: row.updated_at, cartHash: row.cart_hash }).toEqual(expected);
    const live = jobsForOrder(db, row.id).filter((job) => job.state !== 'skipped');
    if (isCancelled(row.status)) {
      expect(live, `cancelled order ${row.id} still has a live ticket`).toEqual([]);
      continue;
    }
    // Nothing was printed, so each printer holds exactly one kitchen ticket, with the newest cart.
    expect(live.map((j) => `${j.printerId}:${j.kind}`).sort()).toEqual(PRINTERS.map((p) => `${p}:new`).sort());
    for (const job of live) expect(cartHash(orderSchema.parse(job.payload.order))).toBe(row.cart_hash);
  }
}

describe('fuzz: ingest', () => {
  it('any stream of events leaves the database consistent with the newest versions', () => {
    const outcomes: Record<IngestResult['outcome'], number> = { applied: 0, duplicate: 0, quarantined: 0, failed: 0 };
    fc.assert(
      fc.property(streamArb, (generated) => {
        const db = openDatabase(':memory:');
        dbs.push(db);
        const ingest = createIngest({ db, clock: { now: () => Date.UTC(2026, 5, 24, 13) }, printerIds: () => PRINTERS });
        const events = generated.map((g, i) => {
          const event: IncomingEvent = { source: 'relay', seq: i + 1, receivedAt: '2026-06-24T13:00:00.000Z', ...g };
          const result = ingest(event);
          outcomes[result.outcome]++;
          return { event, result };
        });
        check(db, events);
        db.close();
        dbs.pop();
      }),
      { seed: SEED, numRuns: 60 },
    );
    // A healthy in-memory database never fails to store; every other path was taken, or the
    // generators are not doing their job.
    expect(outcomes.failed).toBe(0);
    expect(Math.min(outcomes.applied, outcomes.duplicate, outcomes.quarantined)).toBeGreaterThan(20);
  });

  it('an oversized body and a body that cannot be serialised are quarantined, and the stream goes on', () => {
    const db = openDatabase(':memory:');
    dbs.push(db);
    const ingest = createIngest({ db, clock: { now: () => 0 }, printerIds: () => PRINTERS });
    const cyclic: Record<string, unknown> = { brand_id: 1 };
    cyclic.self = cyclic;
    const base = { source: 'relay' as const, eventType: EVENT_TYPES[0], receivedAt: '2026-06-24T13:00:00.000Z' };
    expect(ingest({ ...base, eventId: 'huge', seq: 1, body: { blob: 'x'.repeat(2 * 1024 * 1024) } }).outcome).toBe('quarantined');
    expect(ingest({ ...base, eventId: 'cyclic', seq: 2, body: cyclic }).outcome).toBe('quarantined');
    const fine = ingest({ ...base, eventId: 'fine', seq: 3, body: { brand_id: 1, branch_id: 2, orders: [{ id: 9, status: 1, updated_at: VERSIONS[0], cart_v2: CARTS[0] }] } });
    expect(fine.outcome).toBe('applied');
    expect(relayCursor(db)).toBe(3);
    expect(db.prepare('SELECT count(*) AS n FROM print_jobs WHERE order_id = 9').get()).toEqual({ n: PRINTERS.length });
  });
});
