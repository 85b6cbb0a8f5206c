import { describe, expect, it } from 'vitest';
import { missedSince } from '../../../main/store/missed-orders.js';
import { tempDbPerTest } from '../store/temp-db.js';
import { CREATED, envelope, fixtureOrder, harness, STATUS } from '../ingest/ingest-harness.js';

// Ingest records a missed order in the transaction that applies the platform's cancellation of an
// order that still waited for acceptance, and only then.

const db = tempDbPerTest();
const SINCE = '2000-01-01T00:00:00.000Z';
const placed = (id: number, extra: Record<string, unknown> = {}) => fixtureOrder({ id, status: 1, can_accept: true, auto_accept: false, provider_id: 6, updated_at: '2026-06-25T10:00:00Z', ...extra });
const cancelled = (id: number, extra: Record<string, unknown> = {}) => placed(id, { status: 3, can_accept: false, updated_at: '2026-06-25T10:10:00Z', ...extra });

describe('missed orders at ingest', () => {
  it('counts a waiting order the platform cancelled, once, with its provider', () => {
    const { send } = harness(db());
    send(CREATED, envelope(placed(1)));
    send(STATUS, envelope(cancelled(1)));
    send(STATUS, envelope(cancelled(1, { updated_at: '2026-06-25T10:11:00Z' })));
    expect(missedSince(db(), SINCE)).toEqual([{ orderId: 1, providerId: 6, missedAt: expect.any(String) }]);
  });

  it('does not count an accepted, an auto-accepted or a first-seen-cancelled order', () => {
    const { send } = harness(db());
    send(CREATED, envelope(placed(2)));
    send(STATUS, envelope(placed(2, { status: 2, can_accept: false, updated_at: '2026-06-25T10:05:00Z' })));
    send(STATUS, envelope(cancelled(2)));
    send(CREATED, envelope(placed(3, { auto_accept: true, can_accept: false })));
    send(STATUS, envelope(cancelled(3)));
    send(STATUS, envelope(cancelled(4)));
    // Stale: an older version after the cancellation changes nothing.
    send(STATUS, envelope(placed(4)));
    expect(missedSince(db(), SINCE)).toEqual([]);
  });
});
