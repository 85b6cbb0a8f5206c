// What the ticket CLI accepts: an order, a GET-order response `{request_id, data}` or a webhook
// envelope `{brand_id, branch_id, orders}`. The shape is recognised by its keys so that the error
// names the path inside the shape the file was meant to be.

import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../../common/json-depth.js';
import { describeZodError, envelopeSchema, getOrderResponseSchema, orderSchema, type Order } from '../klikit/schemas.js';

// Parsed once by a short-lived process: compiling zod's fast path for the object schemas (new Function)
// would cost it more than it saves (~9 ms of `npm run ticket`).
const ONCE = { jitless: true };

export type OrdersFromInput = { ok: true; orders: Order[] } | { ok: false; error: string };

export function ordersFromInput(value: unknown): OrdersFromInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'not an order: (root): expected an object' };
  }
  if (exceedsJsonDepth(value)) return { ok: false, error: `not an order: nested deeper than ${MAX_JSON_DEPTH} levels` };
  if ('orders' in value) {
    const parsed = envelopeSchema.safeParse(value, ONCE);
    return parsed.success ? { ok: true, orders: parsed.data.orders } : { ok: false, error: `not an order: ${describeZodError(parsed.error)}` };
  }
  if ('data' in value) {
    const parsed = getOrderResponseSchema.safeParse(value, ONCE);
    return parsed.success ? { ok: true, orders: [parsed.data.data] } : { ok: false, error: `not an order: ${describeZodError(parsed.error)}` };
  }
  const parsed = orderSchema.safeParse(value, ONCE);
  return parsed.success ? { ok: true, orders: [parsed.data] } : { ok: false, error: `not an order: ${describeZodError(parsed.error)}` };
}
