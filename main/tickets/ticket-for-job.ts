// The print queue's entry point: a stored job payload is untrusted JSON, so it is parsed here and a
// bad payload becomes an error value the queue can show, never an exception in its loop.

import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../../common/json-depth.js';
import { describeZodError, orderSchema, type Order } from '../klikit/schemas.js';
import { buildTicket } from './build-ticket.js';
import type { TicketDocument, TicketKind, TicketOptions } from './document.js';
import { errorText } from '../../common/error-text.js';

export type TicketJob = {
  kind: TicketKind;
  payload: { order: unknown; previous?: unknown; slip?: { printsAt: string } | undefined; late?: { dueAt: string } | undefined };
  possibleDuplicate: boolean;
};

export type TicketResult = { ok: true; ticket: TicketDocument } | { ok: false; error: string };

export function ticketForJob(job: TicketJob, options: TicketOptions): TicketResult {
  if (exceedsJsonDepth(job.payload)) return { ok: false, error: `not an order: nested deeper than ${MAX_JSON_DEPTH} levels` };
  let order: Order | null = null;
  if (job.kind !== 'test' || job.payload.order != null) {
    const parsed = orderSchema.safeParse(job.payload.order);
    if (!parsed.success) return { ok: false, error: `not an order: ${describeZodError(parsed.error)}` };
    order = parsed.data;
  }
  // An unreadable previous version only costs the change marks, not the ticket.
  const previous = job.payload.previous == null ? undefined : orderSchema.safeParse(job.payload.previous).data;
  try {
    const ticket = buildTicket({ kind: job.kind, order, previous, slip: job.payload.slip, late: job.payload.late }, { ...options, possibleDuplicate: options.possibleDuplicate || job.possibleDuplicate });
    return { ok: true, ticket };
  } catch (err) {
    return { ok: false, error: `ticket could not be built: ${errorText(err)}` };
  }
}
