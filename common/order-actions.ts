import { z } from 'zod';

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
 * The action's state as staff see it on the order: held (a bump that can still be undone), sending,
 * sent, refused by klikit, failed (not delivered yet, tried again at `nextAttemptAt`), or local (no
 * klikit credentials: done on this counter only, nothing is sent).
 */
export const actionStateSchema = z.enum(['held', 'sending', 'sent', 'refused', 'failed', 'local']);
export type ActionState = z.infer<typeof actionStateSchema>;

export const actionViewSchema = z.object({
  action: orderActionSchema,
  state: actionStateSchema,
  /** In words staff can act on: why klikit refused it, or why it is not sent yet; never a code. */
  message: z.string(),
  at: z.string(),
  /** When the outbox tries again (ISO-8601), while it is not sent. */
  nextAttemptAt: z.string().nullable(),
  /** Until when a held bump can still be undone (ISO-8601). */
  undoUntil: z.string().nullable(),
});
export type ActionView = z.infer<typeof actionViewSchema>;

export const orderActionArgsSchema = z
  .object({
    orderId: z.number().int().positive(),
    action: orderActionSchema,
    reasonCode: rejectReasonSchema.optional(),
    /** A station's bump: marks that station's lines done (a routed printer's id). */
    station: z.string().min(1).max(64).optional(),
  })
  .refine((a) => a.action !== 'rejected' || a.reasonCode !== undefined, { message: 'a rejection needs a reason', path: ['reasonCode'] });
