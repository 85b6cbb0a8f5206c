import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventText } from '../../../main/ingest/event-text.js';
import { envelope, fixtureOrder } from './ingest-harness.js';

describe('eventText', () => {
  it('is JSON.stringify of the body, and of each order, for any JSON body', () => {
    const order = fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue()));
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ brand_id: fc.jsonValue(), orders: fc.array(order), branch_id: fc.jsonValue() }, { requiredKeys: ['orders'] }),
      fc.tuple(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(order)).map(([rest, orders]) => ({ ...rest, orders })),
    );
    fc.assert(
      fc.property(body, (value) => {
        const text = eventText(value)!;
        expect(text.text).toBe(JSON.stringify(value));
        const orders = typeof value === 'object' && value !== null ? (value as { orders?: unknown }).orders : undefined;
        if (Array.isArray(orders)) expect(text.orderTexts).toEqual(orders.map((o) => JSON.stringify(o)));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the orders where they were among the keys, and a klikit envelope byte for byte', () => {
    const body = JSON.parse(JSON.stringify({ ...envelope(fixtureOrder({ id: 7 }), fixtureOrder({ id: 8 })), after: 'orders' })) as unknown;
    expect(eventText(body)).toEqual({ text: JSON.stringify(body), orderTexts: [JSON.stringify(fixtureOrder({ id: 7 })), JSON.stringify(fixtureOrder({ id: 8 }))] });
    expect(eventText({ orders: [undefined, () => 1] })?.text).toBe('{"orders":[null,null]}');
  });

  it('is undefined for a body that has no JSON text', () => {
    const cyclic: Record<string, unknown> = { orders: [] };
    (cyclic['orders'] as unknown[]).push(cyclic);
    expect(eventText(cyclic)).toBeUndefined();
    expect(eventText({ orders: [1n] })).toBeUndefined();
    expect(eventText(undefined)).toBeUndefined();
  });
});
