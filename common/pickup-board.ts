import * as z from 'zod';

// What the pickup board (riders and customers, read from across the room) is given: the number each
// order is called by, its provider and whether it is ready. Nothing else ever crosses to it: no
// customer name, no item, no note, no order id. `.strict()` so a field added here by mistake fails
// the contract's own tests instead of reaching a public screen.

export const pickupStateSchema = z.enum(['ready', 'preparing']);
export type PickupState = z.infer<typeof pickupStateSchema>;

export const pickupEntrySchema = z
  .object({
    /** The number the order is called by (the provider's short id; klikit's own orders by their id). */
    number: z.string().max(40),
    /** The provider's name ("GrabFood"), for the rider looking for theirs. */
    provider: z.string().max(40),
    state: pickupStateSchema,
  })
  .strict();
export type PickupEntry = z.infer<typeof pickupEntrySchema>;

/** Ready orders first, then the ones still being prepared, each oldest order first. */
export const pickupBoardSchema = z.object({ orders: z.array(pickupEntrySchema).max(500) }).strict();
export type PickupBoard = z.infer<typeof pickupBoardSchema>;
