import * as z from 'zod';
import type { OrderAction } from '../../common/order-actions.js';

// Which actions an order allows now. klikit says so itself with its `can_*` flags; orders that lack a
// flag (older payloads, the simulator) fall back to klikit's state machine on the status code.

const PLACED = 1;
const ACCEPTED = 2;
const CANCELLED = 3;
const READY = 4;
const DELIVERED = 5;
const PICKED_UP = 9;
const DRIVER_ASSIGNED = 7;
const DRIVER_ARRIVED = 8;

const flagsSchema = z.looseObject({
  status: z.number().int(),
  auto_accept: z.boolean().nullish(),
  can_accept: z.boolean().nullish(),
  can_ready: z.boolean().nullish(),
  can_cancel: z.boolean().nullish(),
});
export type OrderFlags = z.infer<typeof flagsSchema>;

export function orderFlags(body: unknown): OrderFlags | null {
  const parsed = flagsSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

function canAccept(o: OrderFlags): boolean {
  return o.can_accept ?? (o.status === PLACED && o.auto_accept !== true);
}

export function allowedActions(o: OrderFlags): OrderAction[] {
  const actions: OrderAction[] = [];
  if (canAccept(o)) actions.push('accepted');
  if (canAccept(o) && o.can_cancel !== false) actions.push('rejected');
  if (o.can_ready ?? [ACCEPTED, DRIVER_ASSIGNED, DRIVER_ARRIVED].includes(o.status)) actions.push('ready');
  if (o.status === READY) actions.push('picked_up');
  return actions;
}

/**
 * A counter without klikit API credentials bumps on its own screen: Ready while the kitchen works on the
 * order, Picked up once klikit's tablet marked it ready. Accepting happens on klikit's tablet.
 */
export function localActions(o: OrderFlags): OrderAction[] {
  if ([CANCELLED, DELIVERED, PICKED_UP].includes(o.status)) return [];
  return o.status === READY ? ['picked_up'] : ['ready'];
}

/** klikit cancels an order nobody accepts: it waits for a person (PLACED, acceptable, not auto-accepted). */
export function waitsForAcceptance(o: OrderFlags): boolean {
  return o.status === PLACED && o.auto_accept !== true && canAccept(o);
}
