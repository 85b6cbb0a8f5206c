import { describe, expect, it } from 'vitest';
import { missedAcceptance, ticketFacts, type OrderHistory } from '../../../main/stats/ticket-facts.js';

const at = (hhmm: string): string => `2026-06-24T${hhmm}:00.000Z`;
const base: OrderHistory = {
  orderId: 7,
  receivedAt: at('12:00'),
  provider: 'GrabFood',
  dueAt: at('12:20'),
  changes: [{ status: 1, at: at('12:00') }],
  actions: [],
  prints: [],
  stations: [],
};

describe('ticket facts', () => {
  it('time a ticket from its first print to Ready, and mark it late against the due time', () => {
    const [order] = ticketFacts({
      ...base,
      prints: [{ printerId: 'kitchen', sentAt: at('12:01') }],
      changes: [{ status: 1, at: at('12:00') }, { status: 2, at: at('12:02') }, { status: 4, at: at('12:25') }, { status: 9, at: at('12:40') }],
    });
    expect(order).toMatchObject({ station: '', printedAt: at('12:01'), acceptedAt: at('12:02'), readyAt: at('12:25'), pickedUpAt: at('12:40'), ticketSeconds: 24 * 60, late: true, missedAcceptance: false });
  });

  it('time each station to its own bump, one without a bump to the order’s Ready', () => {
    const facts = ticketFacts({
      ...base,
      stations: ['wok', 'bar'],
      prints: [{ printerId: 'wok', sentAt: at('12:01') }, { printerId: 'bar', sentAt: at('12:02') }],
      actions: [
        { action: 'ready', state: 'local', station: 'wok', createdAt: at('12:11') },
        { action: 'ready', state: 'recalled', station: 'bar', createdAt: at('12:03') },
        { action: 'ready', state: 'sent', station: null, createdAt: at('12:15') },
      ],
    });
    expect(facts.map((f) => [f.station, f.ticketSeconds, f.late])).toEqual([
      ['', 14 * 60, false],
      ['wok', 10 * 60, false],
      ['bar', 13 * 60, false],
    ]);
  });

  it('leave a held Ready (still undoable) and an open order untimed', () => {
    const [order] = ticketFacts({ ...base, actions: [{ action: 'ready', state: 'held', station: null, createdAt: at('12:05') }] });
    expect(order).toMatchObject({ doneAt: null, ticketSeconds: null, late: false });
  });

  it('call a cancellation straight from PLACED, with nobody rejecting it here, a missed acceptance', () => {
    const cancelled = [{ status: 1, at: at('12:00') }, { status: 3, at: at('12:10') }];
    expect(missedAcceptance(cancelled, [])).toBe(true);
    expect(missedAcceptance(cancelled, [{ action: 'rejected', state: 'sent' }])).toBe(false);
    expect(missedAcceptance(cancelled, [{ action: 'rejected', state: 'refused' }])).toBe(true);
    expect(missedAcceptance([{ status: 1, at: at('12:00') }, { status: 2, at: at('12:01') }, { status: 3, at: at('12:10') }], [])).toBe(false);
    expect(missedAcceptance([{ status: 2, at: at('12:00') }, { status: 3, at: at('12:10') }], [])).toBe(false);
    const [order] = ticketFacts({ ...base, changes: cancelled });
    expect(order).toMatchObject({ cancelled: true, missedAcceptance: true, ticketSeconds: null });
  });
});
