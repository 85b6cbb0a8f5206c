import { describe, expect, it } from 'vitest';
import { allowedActions, orderFlags, waitsForAcceptance } from '../../../main/actions/allowed-actions.js';
import { newIdempotencyKey } from '../../../main/actions/outbox.js';

const flags = (o: Record<string, unknown>) => orderFlags(o)!;

describe('which actions an order allows', () => {
  it('follows klikit’s can_* flags when the order has them', () => {
    expect(allowedActions(flags({ status: 1, can_accept: true, can_cancel: true, can_ready: false }))).toEqual(['accepted', 'rejected']);
    expect(allowedActions(flags({ status: 1, can_accept: true, can_cancel: false }))).toEqual(['accepted']);
    expect(allowedActions(flags({ status: 2, can_accept: false, can_ready: true }))).toEqual(['ready']);
    expect(allowedActions(flags({ status: 5, can_accept: false, can_ready: false }))).toEqual([]);
  });

  it('falls back to the status when flags are missing', () => {
    expect(allowedActions(flags({ status: 1 }))).toEqual(['accepted', 'rejected']);
    expect(allowedActions(flags({ status: 1, auto_accept: true }))).toEqual([]);
    expect(allowedActions(flags({ status: 2 }))).toEqual(['ready']);
    expect(allowedActions(flags({ status: 4 }))).toEqual(['picked_up']);
    expect(allowedActions(flags({ status: 3 }))).toEqual([]);
  });

  it('waits for acceptance only when PLACED, acceptable and not auto-accepted', () => {
    expect(waitsForAcceptance(flags({ status: 1, can_accept: true, auto_accept: false }))).toBe(true);
    expect(waitsForAcceptance(flags({ status: 1, can_accept: false }))).toBe(false);
    expect(waitsForAcceptance(flags({ status: 1, can_accept: true, auto_accept: true }))).toBe(false);
    expect(waitsForAcceptance(flags({ status: 2, can_accept: true }))).toBe(false);
  });

  it('ignores a body that is not an order', () => {
    expect(orderFlags({ status: 'x' })).toBeNull();
  });

  it('draws a 32-hex-digit Idempotency-Key from the injected randomness', () => {
    expect(newIdempotencyKey(() => 0.5)).toBe('8'.repeat(32));
    expect(newIdempotencyKey(Math.random)).toMatch(/^[0-9a-f]{32}$/);
  });
});
