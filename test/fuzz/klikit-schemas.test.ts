import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ZodError } from 'zod';
import {
  describeZodError,
  envelopeSchema,
  getOrderResponseSchema,
  orderSchema,
  orderVersion,
  type Envelope,
} from '../../main/klikit/schemas.js';
import { klikitFixtureNames, readKlikitFixture } from '../helpers/fixtures.js';
import { mutate, mutationArb, type Json } from './mutate.js';

// The schemas are the bridge's first line against klikit's (and anyone's) bytes. Whatever comes in,
// parsing either succeeds with the fields the bridge reads well-typed, or fails with a ZodError whose
// one-line description names a path: never another exception, never a silent coercion of a bad id.

const SEED = 0x6b6c696b;
const RUNS = 400;

function expectParsedEnvelopeIsUsable(env: Envelope): void {
  expect(env.orders.length).toBeGreaterThan(0);
  for (const order of env.orders) {
    expect(Number.isSafeInteger(order.id) && order.id > 0).toBe(true);
    expect(Number.isInteger(order.status)).toBe(true);
    expect(orderVersion(order)).toMatch(/^[+-]?\d{4,6}-\d\d-\d\dT/);
    for (const line of order.cart_v2 ?? []) {
      expect(typeof line.name).toBe('string');
      expect(Array.isArray(line.modifier_groups)).toBe(true);
    }
  }
}

/** Parses with `parse` (the throwing API) so that any non-zod exception escapes and fails the property. */
function parseOrZodError<T>(parse: () => T): { ok: true; value: T } | { ok: false; message: string } {
  try {
    return { ok: true, value: parse() };
  } catch (err) {
    if (!(err instanceof ZodError)) throw err;
    return { ok: false, message: describeZodError(err) };
  }
}

const envelopeFixtures = klikitFixtureNames().filter((n) => n.endsWith('.envelope.json'));

describe('fuzz: klikit schemas', () => {
  it('arbitrary JSON is parsed or rejected with a ZodError naming a path', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const result = parseOrZodError(() => envelopeSchema.parse(value));
        if (result.ok) expectParsedEnvelopeIsUsable(result.value);
        else expect(result.message).toMatch(/^(\(root\)|[\w.]+): ./);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('envelope-shaped objects with arbitrary orders never throw anything but ZodError', () => {
    const envelopeLike = fc.record({
      brand_id: fc.oneof(fc.integer(), fc.string()),
      branch_id: fc.integer(),
      orders: fc.array(fc.dictionary(fc.constantFrom('id', 'status', 'updated_at', 'created_at', 'cart_v2', 'short_id', 'brands', 'x'), fc.jsonValue({ maxDepth: 3 })), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(envelopeLike, (value) => {
        const result = parseOrZodError(() => envelopeSchema.parse(value));
        if (result.ok) expectParsedEnvelopeIsUsable(result.value);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it.each(envelopeFixtures)('mutations of %s parse to a usable envelope or fail cleanly', (name) => {
    const seed = readKlikitFixture(name) as Json;
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) => {
        const doc = mutate(seed, mutations);
        const result = parseOrZodError(() => envelopeSchema.parse(doc));
        if (result.ok) {
          accepted++;
          expectParsedEnvelopeIsUsable(result.value);
        } else {
          rejected++;
          expect(result.message.length).toBeGreaterThan(0);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Both branches must have been exercised, or the mutator is not reaching the schema.
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });

  it('mutations of the GET-order response never throw anything but ZodError', () => {
    const seed = readKlikitFixture('get-order-71280866.response.json') as Json;
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) => {
        const result = parseOrZodError(() => getOrderResponseSchema.parse(mutate(seed, mutations)));
        if (result.ok) expect(orderVersion(result.value.data)).toMatch(/T/);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('unknown fields survive parsing at every level', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in orderSchema.in.shape) && k !== '__proto__'), fc.jsonValue({ maxDepth: 2 }), (key, value) => {
        const order = { id: 7, status: 1, updated_at: '2026-01-01T00:00:00Z', [key]: value };
        const parsed = orderSchema.parse(order) as Record<string, unknown>;
        expect(parsed[key]).toStrictEqual(value);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('50-deep modifier nesting parses without exhausting the stack', () => {
    type M = { name: string; quantity: number; modifier_groups: Array<{ name: string; modifiers: M[] }> };
    let modifier: M = { name: 'leaf', quantity: 1, modifier_groups: [] };
    for (let depth = 0; depth < 50; depth++) {
      modifier = { name: `level ${depth}`, quantity: 1, modifier_groups: [{ name: `group ${depth}`, modifiers: [modifier] }] };
    }
    const order = { id: 1, status: 1, updated_at: '2026-01-01T00:00:00Z', cart_v2: [{ name: 'x', quantity: 1, modifier_groups: [{ name: 'g', modifiers: [modifier] }] }] };
    const parsed = envelopeSchema.parse({ brand_id: 1, branch_id: 1, orders: [order] });
    let depth = 0;
    let node: M | undefined = parsed.orders[0]!.cart_v2![0]!.modifier_groups[0]!.modifiers[0] as M;
    while (node?.modifier_groups[0]) {
      node = node.modifier_groups[0].modifiers[0];
      depth++;
    }
    expect(depth).toBe(50);
  });
});
