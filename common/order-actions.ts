import * as z from 'zod';

// What staff can do to an order, in klikit's words (`PATCH /orders/{id}/status` takes these as its
// `status`), and the rejection reasons offered to staff. klikit documents `reason_code` as optional
// without publishing its values, so the codes are ours, short and stable, and the labels are what staff read.

export const orderActionSchema = z.enum(['accepted', 'rejected', 'ready', 'picked_up']);
export type OrderAction = z.infer<typeof orderActionSchema>;

export const ACTION_LABELS: Record<OrderAction, string> = {
  accepted: 'Accept',
  rejected: 'Reject',
  ready: 'Ready',
  picked_up: 'Picked up',
};

export const REJECT_REASONS = [
  { code: 'item_unavailable', label: 'An item is out of stock' },
  { code: 'kitchen_busy', label: 'Kitchen too busy' },
  { code: 'store_closed', label: 'Store is closed' },
  { code: 'other', label: 'Other reason' },
] as const;
export const rejectReasonSchema = z.enum(REJECT_REASONS.map((r) => r.code) as [string, ...string[]]);

/**
 * The action's state as staff see it on the order. held: a bump that can still be undone (until
 * `undoUntil`), then sent; sending: on its way (retrying by itself); sent: klikit took it; refused:
 * klikit said no; failed: the bridge gave up once the action could no longer matter; local: done on
 * this screen only (no klikit API keys).
 */
export const actionStateSchema = z.enum(['held', 'sending', 'sent', 'refused', 'failed', 'local']);
export type ActionState = z.infer<typeof actionStateSchema>;

export const actionViewSchema = z.object({
  action: orderActionSchema,
  state: actionStateSchema,
  /** Words for the cook: what happened and what to do; empty when sent. Never codes or request ids. */
  message: z.string(),
  at: z.string(),
  /** When the bridge tries again by itself (held: when it goes out), or null. */
  nextAttemptAt: z.string().nullable(),
  /** Until when the bump can be recalled (`recallAction`), or null. */
  undoUntil: z.string().nullable(),
});
export type ActionView = z.infer<typeof actionViewSchema>;

/** With stations: READY goes to klikit once every station with lines of the order bumped, or only on expo's bump. */
export const readyWhenSchema = z.enum(['all-stations', 'expo']);
export type ReadyWhen = z.infer<typeof readyWhenSchema>;

/** A printer's id (a station is a printer with routes); bridge-api.ts re-exports it. */
export const printerIdSchema = z.string().min(1).max(64);

/**
 * Undo: the order's whole-order bump, or with `station` that station's own bump (and the Ready it
 * released); `undoUntil` (from `orderAction`'s answer) names which one, else the newest.
 */
export const recallArgsSchema = z
  .object({
    orderId: z.number().int().positive(),
    station: printerIdSchema.optional(),
    undoUntil: z.string().max(64).optional(),
  })
  .strict();

export const orderActionArgsSchema = z
  .object({
    orderId: z.number().int().positive(),
    action: orderActionSchema,
    reasonCode: rejectReasonSchema.optional(),
    /** A station's bump: marks that station's lines done (READY reaches klikit per `readyWhen`). */
    station: printerIdSchema.optional(),
  })
  .refine((a) => a.action !== 'rejected' || a.reasonCode !== undefined, { message: 'a rejection needs a reason', path: ['reasonCode'] });
