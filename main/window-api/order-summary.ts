import type { CardLine, OrderSummary, PrintSummary } from '../../common/bridge-api.js';
import { acceptanceClock, type AcceptanceSettings } from '../../common/acceptance.js';
import type { ActionView } from '../../common/order-actions.js';
import type { ActionRow } from '../actions/action-store.js';
import { allowedActions, localActions, orderFlags, waitsForAcceptance } from '../actions/allowed-actions.js';
import { orderTypeLabel, providerLabel, statusEntry, type StatusTable } from '../klikit/enums.js';
import { orderSchema, type Order } from '../klikit/schemas.js';
import { routeOrder, routingActive } from '../routing/route-order.js';
import type { StationPrinter } from '../routing/routes.js';
import { diffCart } from '../tickets/cart-diff.js';
import { ticketLines, type TicketLine, type TicketModifierGroup } from '../tickets/order-lines.js';
import { capCardLines, capText, SUMMARY_CAPS } from './summary-caps.js';

export type OrderRow = {
  id: number;
  short_id: string;
  status: number;
  created_at: string | null;
  first_seen_at: string;
  acknowledged_at: string | null;
  body: string;
  /** When a scheduled order's kitchen ticket will print; null unless its timer is waiting. */
  prints_at: string | null;
};

export type JobRow = {
  id: number;
  order_id: number | null;
  printer_id: string;
  kind: string;
  state: string;
  attempts: number;
  last_error: string;
  possible_duplicate: number;
  /** What the bytes last sent could not show (boxes or stand-ins); empty when nothing. */
  warning: string;
  created_at: string;
  updated_at: string;
  /** An update ticket's previous version of the order (order_versions): what the kitchen had before. */
  previous_version_id?: number | null;
  /** The backup printer whose queue took the job from its held printer; null or absent: its own. */
  backup_printer_id?: string | null;
};

/** The stored body was validated on ingest; a body that no longer parses still shows as a row. */
export function parseBody(body: string): Order | null {
  try {
    const parsed = orderSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function itemCount(order: Order): number {
  const lines = order.cart_v2 ?? order.cart ?? [];
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}

function brandNames(order: Order): string[] {
  const names = order.brands.map((b) => b.title).filter((t) => t !== '');
  if (names.length > 0) return [...new Set(names)];
  const fromLines = (order.cart_v2 ?? []).map((l) => l.brand?.title ?? '').filter((t) => t !== '');
  return [...new Set(fromLines)];
}

// Worst first: the row shows the state that needs attention.
const SEVERITY: Record<string, number> = { failed: 6, held: 5, uncertain: 4, queued: 3, sending: 3, sent: 1, confirmed: 1, skipped: 0 };
const STATE_OF: Record<string, PrintSummary['state']> = {
  failed: 'failed',
  held: 'held',
  uncertain: 'uncertain',
  queued: 'queued',
  sending: 'queued',
  sent: 'printed',
  confirmed: 'printed',
  skipped: 'skipped',
};

// Where the bytes with the warning may have reached the paper.
const REACHED_PAPER = new Set(['sending', 'sent', 'confirmed', 'uncertain']);

/** What the cook could not read on each printer's latest ticket, e.g. "Bar: some characters could not be printed: …". */
function incompleteTickets(latest: Iterable<JobRow>, printerName: (id: string) => string): string {
  const warnings: string[] = [];
  for (const job of latest) if (job.warning && REACHED_PAPER.has(job.state)) warnings.push(`${printerName(job.printer_id)}: ${job.warning}`);
  return warnings.join('; ');
}

/** One print state per order from its latest job on each printer. */
export function summarisePrinting(jobs: readonly JobRow[], printerName: (id: string) => string): PrintSummary {
  const latestPerPrinter = new Map<string, JobRow>();
  for (const job of jobs) if (job.kind !== 'test') latestPerPrinter.set(job.printer_id, job);
  let worst: JobRow | undefined;
  for (const job of latestPerPrinter.values()) {
    if (!worst || (SEVERITY[job.state] ?? 0) > (SEVERITY[worst.state] ?? 0)) worst = job;
  }
  const possibleDuplicate = jobs.some((j) => j.possible_duplicate === 1 && j.kind !== 'test');
  if (!worst) return { state: 'none', reason: '', possibleDuplicate };
  const state = STATE_OF[worst.state] ?? 'queued';
  const needsReason = state === 'failed' || state === 'held' || state === 'uncertain';
  const reason = needsReason ? `${printerName(worst.printer_id)}: ${worst.last_error || worst.state}` : '';
  const warning = incompleteTickets(latestPerPrinter.values(), printerName);
  return warning ? { state, reason, possibleDuplicate, warning } : { state, reason, possibleDuplicate };
}

/** What staff call out, as klikit's own slip prints it: the order id for klikit's own orders. */
export function orderNumber(row: Pick<OrderRow, 'id' | 'short_id'>, order: Pick<Order, 'provider_id'> | null): string {
  return order?.provider_id === 1 || !row.short_id ? String(row.id) : row.short_id;
}

/** The number staff call an order by, from its stored row. */
export const orderNumberOfRow = (row: OrderRow): string => orderNumber(row, parseBody(row.body));

/** One entry per modifier group, with its name as the kitchen reads it ("Sugar: 50%"); nested groups after their parent. */
export function modifierNames(groups: readonly TicketModifierGroup[]): string[] {
  return groups.flatMap((g) => {
    const chosen = g.modifiers.map((m) => `${m.quantity > 1 ? `${m.quantity}× ` : ''}${m.name}`).join(', ');
    const own = chosen === '' ? [] : [g.name.trim() === '' ? chosen : `${g.name}: ${chosen}`];
    return [...own, ...g.modifiers.flatMap((m) => modifierNames(m.groups))];
  });
}

/** Each line as the card shows it; with routes, the stations that print it and whether none takes it; with `seen`, what changed since. */
function cardLines(order: Order, stations: readonly StationPrinter[], seen: readonly TicketLine[] | null): { lines: CardLine[]; removed: OrderSummary['removedLines'] } {
  const lines = ticketLines(order);
  const routing = routingActive(stations) ? routeOrder({ type: order.type, providerId: order.provider_id }, lines, stations) : null;
  const routed = routing?.stations.filter((s) => !s.wholeOrder) ?? [];
  const unrouted = new Set(routing?.unroutedKeys ?? []);
  const diff = seen ? diffCart([...seen], lines) : null;
  const before = new Map(seen?.map((l) => [l.key, l]) ?? []);
  const cardLinesOf = lines.map((l): CardLine => {
    const change = diff?.changes.get(l.key);
    const previous = before.get(l.key);
    return {
      quantity: l.quantity,
      name: l.name,
      modifiers: modifierNames(l.groups),
      comment: l.comment,
      ...(routing ? { stations: routed.filter((s) => s.lineKeys.has(l.key)).map((s) => s.printerId), unrouted: unrouted.has(l.key) } : {}),
      ...(change === 'new' ? { change: 'added' as const } : change === 'changed' ? { change: 'changed' as const } : {}),
      ...(change === 'changed' && previous && previous.quantity !== l.quantity ? { previousQuantity: previous.quantity } : {}),
    };
  });
  return { lines: cardLinesOf, removed: (diff?.removed ?? []).map((l) => ({ quantity: l.quantity, name: l.name })) };
}

/** When klikit expects the order ready: estimated pickup, else created + preparation time; null when neither is known. */
export function dueAt(order: Order): string | null {
  if (order.estimated_pickup_at) return new Date(order.estimated_pickup_at).toISOString();
  const created = order.created_at ?? order.placed_at;
  if (created && order.preparation_time) return new Date(Date.parse(created) + order.preparation_time * 60_000).toISOString();
  return null;
}

const ACTION_STATE = { held: 'held', pending: 'sending', sent: 'sent', refused: 'refused', failed: 'failed', local: 'local', recalled: null } as const;

/** The action as the card shows it: words for the cook (codes stay in the history), and when it goes out next. */
function actionView(row: ActionRow | undefined): ActionView | null {
  const state = row ? ACTION_STATE[row.state] : null;
  if (!row || !state) return null;
  const message = state === 'sent' || state === 'local' ? '' : row.last_error;
  const nextAttemptAt = state === 'held' ? row.undo_until : state === 'sending' && row.attempts > 0 ? row.next_attempt_at : null;
  const undoUntil = state === 'held' || state === 'local' ? row.undo_until : null;
  return { action: row.action, state, message, at: row.updated_at, nextAttemptAt, undoUntil };
}

/** A change staff have not seen: an update or cancel ticket planned after they last looked at the order. */
export function changedAfterSeen(row: OrderRow, jobs: readonly JobRow[]): OrderSummary['changedAfterSeen'] {
  if (row.acknowledged_at === null) return null;
  const seen = row.acknowledged_at;
  const later = jobs.filter((j) => j.created_at > seen);
  if (later.some((j) => j.kind === 'cancel')) return 'cancelled';
  if (later.some((j) => j.kind === 'update')) return 'updated';
  return null;
}

/**
 * Done once klikit says so, or as soon as staff bumped it (optimistic: the bump is held, on its way or
 * local). A bump klikit refused or the bridge gave up on puts the order back; so does a recall.
 */
function isActive(status: { kind: string; label: string }, lastAction: ActionView | null): boolean {
  if (status.kind === 'done' || status.kind === 'cancelled' || status.label === 'READY') return false;
  const standing = lastAction !== null && lastAction.state !== 'refused' && lastAction.state !== 'failed';
  return !(standing && lastAction.action !== 'accepted');
}

/** Ready at klikit or bumped Ready here (standing), and not handed out, delivered, rejected or cancelled yet. */
function isAwaitingPickup(status: { kind: string; label: string }, lastAction: ActionView | null): boolean {
  if (status.kind === 'done' || status.kind === 'cancelled') return false;
  const standing = lastAction !== null && lastAction.state !== 'refused' && lastAction.state !== 'failed' ? lastAction.action : null;
  if (standing === 'picked_up' || standing === 'rejected') return false;
  return status.label === 'READY' || standing === 'ready';
}

/** Nothing while an action is on its way; without credentials only local bumps, once. */
function offeredActions(flags: ReturnType<typeof orderFlags>, sending: boolean, localBumps: boolean, lastAction: ActionView | null): OrderSummary['actions'] {
  if (!flags || sending) return [];
  if (!localBumps) return allowedActions(flags);
  return lastAction?.state === 'local' ? [] : localActions(flags);
}

/**
 * What staff have not acknowledged on the board. A cancellation matters only to a kitchen that had the
 * ticket (a cancel ticket printed): it stays a VOID card until acknowledged, for a shift at most (older
 * cancellations, e.g. from before an upgrade, do not fill the board). An order off the board (done
 * here or elsewhere) asks for nothing: nobody can tap a card that is not there.
 */
export const VOID_FOR_MS = 12 * 60 * 60_000;
function attentionOf(row: OrderRow, jobs: readonly JobRow[], cancelled: boolean, active: boolean, changed: OrderSummary['changedAfterSeen'], voidSince: string): OrderSummary['attention'] {
  if (cancelled) {
    const cancelTickets = jobs.filter((j) => j.kind === 'cancel' && j.created_at >= voidSince);
    const seenSince = row.acknowledged_at !== null && !cancelTickets.some((j) => j.created_at > row.acknowledged_at!);
    return cancelTickets.length > 0 && !seenSince ? 'void' : null;
  }
  if (!active) return null;
  if (row.acknowledged_at === null) return 'new';
  return changed === 'updated' ? 'updated' : null;
}

const PICKUP = 1;
const DINE_IN = 3;
const RIDER: Record<number, 'assigned' | 'arrived'> = { 7: 'assigned', 8: 'arrived' };

/** The rider's state: klikit's status 7/8, or `fulfillment_status_id` when the status says READY or ACCEPTED. */
function riderOf(order: Order): OrderSummary['rider'] {
  const fulfillment = (order as Record<string, unknown>).fulfillment_status_id;
  return RIDER[order.status] ?? (typeof fulfillment === 'number' ? RIDER[fulfillment] ?? null : null);
}

/** First name only, for orders the customer collects or eats in: staff call it out; never a phone or address. */
function customerNameOf(order: Order): string {
  if (order.type !== PICKUP && order.type !== DINE_IN) return '';
  return capText(order.user_first_name.trim(), SUMMARY_CAPS.customerChars);
}

export type SummaryExtras = {
  lastAction?: ActionRow | undefined;
  statusTable?: StatusTable | undefined;
  /** The printers with their routes, to flag orders with lines no station takes. */
  stations?: readonly StationPrinter[];
  /** Ids of the stations whose lines of this order are bumped. */
  stationsDone?: readonly string[];
  /** No klikit API credentials: bumps stay on this screen, accepting happens on klikit's tablet. */
  localBumps?: boolean;
  /** The version of the order staff last acknowledged, when it was edited since: the card marks what changed. */
  seenVersion?: string | null;
  /** Now (ms since the epoch): a cancellation older than VOID_FOR_MS is no VOID card any more. */
  now?: number;
  /** The platforms' acceptance deadlines: a waiting order carries its countdown. */
  acceptance?: AcceptanceSettings | undefined;
};

export function summariseOrder(row: OrderRow, jobs: readonly JobRow[], printerName: (id: string) => string, extras: SummaryExtras = {}): OrderSummary {
  const order = parseBody(row.body);
  const status = statusEntry(row.status, extras.statusTable);
  const flags = orderFlags(order);
  const lastAction = actionView(extras.lastAction);
  const sending = lastAction?.state === 'sending' || lastAction?.state === 'held';
  const waiting = flags !== null && waitsForAcceptance(flags) && !sending && lastAction?.state !== 'sent' && lastAction?.state !== 'local';
  const changed = changedAfterSeen(row, jobs);
  const seen = changed === 'updated' && extras.seenVersion ? parseBody(extras.seenVersion) : null;
  const { lines, removed } = order ? cardLines(order, extras.stations ?? [], seen ? ticketLines(seen) : null) : { lines: [], removed: [] };
  const capped = capCardLines(lines);
  const cancelled = status.kind === 'cancelled';
  const active = isActive(status, lastAction);
  return {
    id: row.id,
    shortId: capText(orderNumber(row, order), SUMMARY_CAPS.customerChars),
    queueNumber: order?.order_queue ?? null,
    provider: providerLabel(order?.provider_id),
    brands: order ? brandNames(order).slice(0, SUMMARY_CAPS.brands).map((b) => capText(b, SUMMARY_CAPS.nameChars)) : [],
    orderType: order ? orderTypeLabel(order.type, order.pickup_type) : 'ORDER',
    tableNo: capText(order?.table_no ?? '', SUMMARY_CAPS.customerChars),
    createdAt: row.created_at,
    firstSeenAt: row.first_seen_at,
    itemCount: order ? itemCount(order) : 0,
    status: row.status,
    statusLabel: status.label,
    cancelled,
    acknowledged: row.acknowledged_at !== null,
    print: summarisePrinting(jobs, printerName),
    printsAt: row.prints_at,
    unrouted: lines.some((l) => l.unrouted === true),
    active,
    dueAt: order ? dueAt(order) : null,
    lines: capped.lines,
    moreLines: capped.more,
    removedLines: capCardLines(removed.map((l) => ({ ...l, modifiers: [], comment: '' }))).lines.map(({ quantity, name }) => ({ quantity, name })),
    orderComment: capText(order?.order_comment ?? '', SUMMARY_CAPS.noteChars),
    customerName: order ? customerNameOf(order) : '',
    rider: order ? riderOf(order) : null,
    waitingForAcceptance: waiting,
    actions: offeredActions(flags, sending, extras.localBumps === true, lastAction),
    lastAction,
    changedAfterSeen: changed,
    attention: attentionOf(row, jobs, cancelled, active, changed, new Date((extras.now ?? Date.now()) - VOID_FOR_MS).toISOString()),
    stationsDone: [...(extras.stationsDone ?? [])],
    awaitingPickup: isAwaitingPickup(status, lastAction),
    acceptBy: waiting && extras.acceptance ? acceptanceClock(row.created_at ?? order?.placed_at ?? null, row.first_seen_at, order?.provider_id, extras.acceptance) : null,
  };
}
