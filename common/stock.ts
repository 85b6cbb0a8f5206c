import * as z from 'zod';

// "86" in the window contract: marking menu items out of stock from the board, the Out of stock list,
// and the search of recent items. The core owns the marks and the writes to klikit (main/availability).

/** until tomorrow (04:00 local, the kitchen's next day), for 1 hour, or until staff turn it back. */
export const stockDurationSchema = z.enum(['tomorrow', 'hour', 'manual']);
export type StockDuration = z.infer<typeof stockDurationSchema>;

/** klikit's menu code of an item (`klikit_sku_id`): printable, at most 64 characters. */
export const skuSchema = z.string().regex(/^[\x21-\x7e]{1,64}$/, 'a SKU is 1-64 printable characters');

/** An order's line (by its place on the order, as the card lists them) or an item found by search (its SKU). */
export const markOutOfStockArgsSchema = z.union([
  z.object({ orderId: z.number().int().positive(), line: z.number().int().min(0).max(100_000), duration: stockDurationSchema }).strict(),
  z.object({ sku: skuSchema, duration: stockDurationSchema }).strict(),
]);
export type MarkOutOfStockArgs = z.infer<typeof markOutOfStockArgsSchema>;

/**
 * Where klikit stands on the item's latest change. sending: on its way (or retrying); confirmed:
 * klikit took it; refused: klikit said no (e.g. it does not know the SKU); failed: given up.
 */
export const klikitStockStateSchema = z.enum(['sending', 'confirmed', 'refused', 'failed']);

export const stockItemSchema = z.object({
  sku: skuSchema,
  name: z.string(),
  duration: stockDurationSchema,
  since: z.string(),
  /** When it comes back by itself (ISO-8601), or null until staff turn it back. */
  until: z.string().nullable(),
  /** Turned back on here, klikit not told yet: the list keeps it until klikit confirms. */
  restored: z.boolean(),
  klikit: klikitStockStateSchema,
  /** A sentence for staff: what klikit said, or what to do. */
  words: z.string(),
});
export type StockItem = z.infer<typeof stockItemSchema>;

export const itemSearchArgsSchema = z.object({ query: z.string().max(100) }).strict();

/** An item seen in recent orders. `sku` null: it cannot be marked, `reason` says why. */
export const itemMatchSchema = z.object({
  sku: skuSchema.nullable(),
  name: z.string(),
  brand: z.string(),
  outOfStock: z.boolean(),
  reason: z.string().optional(),
});
export type ItemMatch = z.infer<typeof itemMatchSchema>;
