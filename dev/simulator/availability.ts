import * as z from 'zod';
import { MENUS } from './catalog.js';

// klikit's menu availability ("86"): PATCH /items/{sku}/availability with `{"available": bool}`. The
// simulator keeps each SKU's state; an SKU its menus do not map answers 404 `resource_unmapped`.
// Idempotency (klikit's docs: 24 h) is the partner API's, shared with order status writes.

/** One PATCH /items/{sku}/availability as it arrived, answered or not. */
export type AvailabilityPatch = { sku: string; idempotencyKey: string | undefined; body: string };

export type Availability = {
  /** Applies a write; the answer is what an idempotent replay answers too. */
  apply(sku: string, text: string, requestId: string): { status: number; answer: object };
  /** false once marked out of stock, true once back; undefined when never written. */
  available(sku: string): boolean | undefined;
  /** Makes `sku` one klikit maps (tests add SKUs the catalog lacks). */
  map(sku: string): void;
};

const bodySchema = z.object({ available: z.boolean() }).strict();

type Failure = (status: number, code: string, message: string) => { status: number; answer: object };

export function createAvailability(failure: Failure): Availability {
  const mapped = new Set(MENUS.flatMap((m) => m.items.map((i) => i.sku)));
  const state = new Map<string, boolean>();
  return {
    apply(sku, text, requestId) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return failure(400, 'request_invalid', 'body is not JSON');
      }
      const body = bodySchema.safeParse(json);
      if (!body.success) return failure(422, 'request_invalid', 'body must be {"available": true|false}');
      if (!mapped.has(sku)) return failure(404, 'resource_unmapped', 'Stock / availability call referenced an unknown SKU');
      state.set(sku, body.data.available);
      return { status: 200, answer: { request_id: requestId, data: { sku, available: body.data.available } } };
    },
    available: (sku) => state.get(sku),
    map: (sku) => void mapped.add(sku),
  };
}
