import { describe, expect, it } from 'vitest';
import { checkedEnvelopeSchema, describeZodError, envelopeSchema, getOrderResponseSchema, orderSchema, orderVersion } from '../../../main/klikit/schemas.js';
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

  it('fills the defaults once per order: absent or null texts read as empty, absent lists as empty', () => {
    const order = orderSchema.parse({
      id: 5,
      status: 2,
      updated_at: '2026-01-01T00:00:00Z',
      short_id: 12,
      brands: [{ id: 1, title: null }],
      cart_v2: [
        {
          name: 'Soto',
          quantity: 1,
          comment: null,
          brand: { id: 1, title: null, logo: 'l' },
          title_v2: { en: 'Soto', id: ' ' },
          modifier_groups: [{ name: null, modifiers: [{ name: 'Egg', modifier_groups: null }] }],
        },
        { name: 'Teh', quantity: 2, brand: { id: 2 } },
      ],
      cart: [{ title: 'Old', quantity: 1, groups: [{ modifiers: [{ name: 'x', klikit_name_translation: 'odd' }] }] }],
    });
    expect(order).toMatchObject({ short_id: '12', external_id: '', table_no: '', order_comment: '', brands: [{ id: 1, title: '' }] });
    const [soto, teh] = order.cart_v2!;
    expect(soto).toMatchObject({ comment: '', klikit_category_name: '', brand: { id: 1, title: '', logo: 'l' }, title_v2: { en: 'Soto' } });
    expect(soto!.modifier_groups).toEqual([{ name: '', modifiers: [{ name: 'Egg', quantity: 1, modifier_groups: [] }] }]);
    expect(teh!.modifier_groups).toEqual([]);
    expect(teh!.brand).toEqual({ id: 2 });
    expect(order.cart![0]!.groups[0]!.modifiers[0]!.klikit_name_translation).toBeUndefined();
  });

  it('completes its own parsed copy: the input klikit sent is left as it was', () => {
    for (const name of ['created-v2.multi-brand-modifiers.envelope.json', 'created-v2.single-order.envelope.json']) {
      const envelope = readKlikitFixture(name) as { orders: Record<string, unknown>[] };
      const legacy = { ...envelope.orders[0], cart_v2: null, cart: [{ title: 'Old', quantity: 1, comment: null, brand: { id: 1, title: null }, groups: [{ modifiers: [{ name: 'x' }] }] }] };
      const inputs = [envelope, { ...envelope, orders: [legacy] }];
      for (const input of inputs) {
        const before = structuredClone(input);
        envelopeSchema.parse(input);
        checkedEnvelopeSchema.parse(input);
        expect(input).toStrictEqual(before);
      }
    }
  });

  it('checks an envelope for ingest exactly as the full schema does, leaving the unknown fields out', () => {
    const envelope = readKlikitFixture('created-v2.multi-brand-modifiers.envelope.json') as { orders: Record<string, unknown>[] };
    const checked = checkedEnvelopeSchema.parse(envelope);
    const full = envelopeSchema.parse(envelope);
    expect(checked.orders[0]).not.toHaveProperty('klikit_store_id');
    expect(full.orders[0]).toMatchObject(checked.orders[0]!);
    const wrong = { ...envelope, orders: [{ ...envelope.orders[0], cart_v2: [{ name: 'x', quantity: 'two' }] }] };
    const [a, b] = [checkedEnvelopeSchema.safeParse(wrong), envelopeSchema.safeParse(wrong)];
    expect(a.success || b.success).toBe(false);
    if (!a.success && !b.success) expect(describeZodError(a.error)).toBe(describeZodError(b.error));
    if (!a.success) expect(describeZodError(a.error)).toMatch(/^orders\.0\.cart_v2\.0\.quantity: /);
  });

  it('rejects an order without any timestamp', () => {
    expect(orderSchema.safeParse({ id: 5, status: 2 }).success).toBe(false);
  });

  it('names unknown status codes instead of throwing', () => {
    expect(statusEntry(42).label).toBe('status 42');
    expect(statusEntry(3).kind).toBe('cancelled');
  });
});
