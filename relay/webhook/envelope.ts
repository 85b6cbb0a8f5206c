import * as z from 'zod';

/**
 * What the relay needs of a klikit envelope: where to route it (branch_id), and that it is one
 * (brand_id, orders with ids). The full order schema is the bridge's job; parsing it here would only
 * slow intake down and refuse bodies the bridge would quarantine with a better message.
 */
export const relayEnvelopeSchema = z.object({
  brand_id: z.number().int(),
  branch_id: z.number().int(),
  // Unknown fields are tolerated and left out of the result: the relay stores the raw bytes, so copying
  // every field of every order into a parsed copy (a loose object) was work on each webhook for nothing.
  // updated_at is any value: it only places the body's dedupe key (body-second.ts), never refuses a body.
  orders: z.array(z.object({ id: z.number().int(), updated_at: z.unknown() })).min(1, 'orders is empty'),
});
