import { describe, expect, it } from 'vitest';
import { describeZodError, envelopeSchema, getOrderResponseSchema, orderSchema, orderVersion } from '../../../main/klikit/schemas.js';
import { statusEntry } from '../../../main/klikit/enums.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';

describe('klikit schemas', () => {
  it.each([
    'created-v2.single-order.envelope.json',
    'created-v2.multi-brand-modifiers.envelope.json',
    'status-updated.cancelled.envelope.json',
  ])('accepts the envelope fixture %s and keeps unknown fields', (name) => {
    const parsed = envelopeSchema.parse(readKlikitFixture(name));
    expect(parsed.orders.length).toBe(1);
    expect(parsed.orders[0]!).toHaveProperty('klikit_store_id', 'KSID-5297-1293');
  });

  it('accepts the GET-order response and reads its version', () => {
    const parsed = getOrderResponseSchema.parse(readKlikitFixture('get-order-71280866.response.json'));
    expect(parsed.data.id).toBe(71280866);
    expect(orderVersion(parsed.data)).toBe('2026-06-24T12:04:02.000Z');
  });

  it('keeps nested modifier groups', () => {
    const env = envelopeSchema.parse(readKlikitFixture('created-v2.multi-brand-modifiers.envelope.json'));
    const keju = env.orders[0]!.cart_v2![0]!.modifier_groups[1]!.modifiers[0]!;
    expect(keju.modifier_groups[0]!.modifiers[0]!.name).toBe('Mozzarella');
  });

  it('rejects a wrong type with a message naming the path', () => {
    const result = envelopeSchema.safeParse({ brand_id: 1, branch_id: 2, orders: [{ id: 5, status: 'two', updated_at: '2026-01-01T00:00:00Z' }] });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeZodError(result.error)).toMatch(/^orders\.0\.status: /);
  });

  it('rejects an order without any timestamp', () => {
    expect(orderSchema.safeParse({ id: 5, status: 2 }).success).toBe(false);
  });

  it('names unknown status codes instead of throwing', () => {
    expect(statusEntry(42).label).toBe('status 42');
    expect(statusEntry(3).kind).toBe('cancelled');
  });
});
