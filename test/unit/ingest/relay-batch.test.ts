import { describe, expect, it } from 'vitest';
import { createIngest, relayCursor, type IncomingEvent } from '../../../main/ingest/ingest.js';
import { createRelayBatchCommit } from '../../../main/ingest/relay-batch.js';
import type { Db } from '../../../main/store/connection.js';
import { tempDbPerTest } from '../store/temp-db.js';
import { CREATED, envelope, failWritesTo, fixtureOrder, steppingClock } from './ingest-harness.js';

const freshDb = tempDbPerTest();

const event = (seq: number): IncomingEvent => ({
  eventId: `evt-${seq}`,
  source: 'relay',
  seq,
  eventType: CREATED,
  receivedAt: '2026-06-25T10:00:00.000Z',
  body: envelope(fixtureOrder({ id: 100 + seq })),
});

/** The relay's side: it keeps every event until a cumulative ack covers it, and replays after the hello's cursor. */
function fakeRelay(seqs: number[]) {
  let stored = seqs.map(event);
  return {
    stored: () => stored.map((e) => e.seq),
    /** One connection: hello with the cursor, the replay, and the ack when deliver says committed. */
    connect(deliver: (events: IncomingEvent[]) => boolean, cursor: number): boolean {
      const replay = stored.filter((e) => e.seq! > cursor);
      const committed = deliver(replay);
      if (committed && replay.length > 0) stored = stored.filter((e) => e.seq! > replay.at(-1)!.seq!);
      return committed;
    },
  };
}

const orderIds = (db: Db): number[] => (db.prepare('SELECT id FROM orders ORDER BY id').all() as { id: number }[]).map((r) => r.id);
const jobCount = (db: Db): number => (db.prepare('SELECT COUNT(*) AS n FROM print_jobs').get() as { n: number }).n;

describe('relay batch commit', () => {
  it('an event whose storage failed is not acked, is replayed, and is applied once the storage works again', () => {
    const db = freshDb();
    const ingest = createIngest({ db, clock: steppingClock(), printerIds: () => ['kitchen'] });
    const deliver = createRelayBatchCommit(db, ingest.batch);
    const relay = fakeRelay([1, 2, 3]);
    failWritesTo(db, 'orders', 'SQLITE_FULL', 'NEW.id = 102');

    expect(relay.connect(deliver, relayCursor(db))).toBe(false);
    expect(relayCursor(db)).toBe(1);
    expect(orderIds(db)).toEqual([101]);
    expect(relay.stored()).toEqual([1, 2, 3]);

    db.exec('DROP TRIGGER fail_writes');
    expect(relay.connect(deliver, relayCursor(db))).toBe(true);
    expect(relay.stored()).toEqual([]);
    expect(relayCursor(db)).toBe(3);
    expect(orderIds(db)).toEqual([101, 102, 103]);
    expect(jobCount(db)).toBe(3);
  });

  it('a burst that commits is acked up to its last event', () => {
    const db = freshDb();
    const ingest = createIngest({ db, clock: steppingClock(), printerIds: () => ['kitchen'] });
    expect(createRelayBatchCommit(db, ingest.batch)([event(4), event(5)])).toBe(true);
    expect(relayCursor(db)).toBe(5);
  });

  it('an event whose content trips a write is quarantined alone: the events around it in the burst are applied once', () => {
    const db = freshDb();
    const ingest = createIngest({ db, clock: steppingClock(), printerIds: () => ['kitchen'] });
    failWritesTo(db, 'print_jobs', 'SQLITE_CONSTRAINT_TRIGGER', 'NEW.order_id = 102');

    const results = ingest.batch([event(1), event(2), event(3)]);

    expect(results.map((r) => r.outcome)).toEqual(['applied', 'quarantined', 'applied']);
    expect(orderIds(db)).toEqual([101, 103]);
    expect(jobCount(db)).toBe(2);
    expect(relayCursor(db)).toBe(3);
    const quarantined = db.prepare('SELECT event_id FROM quarantine').all() as { event_id: string }[];
    expect(quarantined).toEqual([{ event_id: 'evt-2' }]);
    expect(ingest.batch([event(1), event(2), event(3)]).map((r) => r.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate']);
  });

  it('a burst stops at the event whose storage failed: the ones before it are committed, none after it is tried', () => {
    const db = freshDb();
    const ingest = createIngest({ db, clock: steppingClock(), printerIds: () => ['kitchen'] });
    failWritesTo(db, 'orders', 'SQLITE_IOERR_WRITE', 'NEW.id = 102');

    const results = ingest.batch([event(1), event(2), event(3)]);

    expect(results.map((r) => r.outcome)).toEqual(['applied', 'failed']);
    expect(orderIds(db)).toEqual([101]);
    expect(relayCursor(db)).toBe(1);
  });

  it('a burst the storage cannot take at all fails as a value, never as a throw', () => {
    const db = freshDb();
    const ingest = createIngest({ db, clock: steppingClock(), printerIds: () => ['kitchen'] });
    failWritesTo(db, 'orders', 'SQLITE_BUSY', '1');
    expect(ingest.batch([event(1), event(2)])).toEqual([{ outcome: 'failed', reason: expect.stringContaining('storage failure') }]);
    db.exec('DROP TRIGGER fail_writes');
    db.close();
    expect(ingest.batch([event(1), event(2)])).toEqual([{ outcome: 'failed', reason: expect.stringContaining('storage failure') }]);
  });
});
