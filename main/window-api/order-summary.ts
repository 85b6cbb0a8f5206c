import type { OrderSummary, PrintSummary } from '../../common/bridge-api.js';
import { orderTypeLabel, providerLabel, statusEntry, type StatusTable } from '../klikit/enums.js';
import { orderSchema, type Order } from '../klikit/schemas.js';
import { routeOrder, routingActive } from '../routing/route-order.js';
import type { StationPrinter } from '../routing/routes.js';
import { ticketLines } from '../tickets/order-lines.js';

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
  created_at: string;
  updated_at: string;
};

/** The stored body was validated on ingest; a body that no longer parses still shows as a row. */
function parseBody(body: string): Order | null {
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
  return { state, reason, possibleDuplicate };
}

/** Whether the printers' routes leave some of the order's lines to the fallback printer. */
function hasUnroutedLines(order: Order, stations: readonly StationPrinter[]): boolean {
  if (!routingActive(stations)) return false;
  return routeOrder({ type: order.type, providerId: order.provider_id }, ticketLines(order), stations).unroutedKeys.length > 0;
}

export function summariseOrder(
  row: OrderRow,
  jobs: readonly JobRow[],
  printerName: (id: string) => string,
  statusTable?: StatusTable,
  stations: readonly StationPrinter[] = [],
): OrderSummary {
  const order = parseBody(row.body);
  const status = statusEntry(row.status, statusTable);
  return {
    id: row.id,
    // What staff call out, as klikit's own slip prints it: the order id for klikit's own orders.
    shortId: order?.provider_id === 1 || !row.short_id ? String(row.id) : row.short_id,
    queueNumber: order?.order_queue ?? null,
    provider: providerLabel(order?.provider_id),
    brands: order ? brandNames(order) : [],
    orderType: order ? orderTypeLabel(order.type, order.pickup_type) : 'ORDER',
    tableNo: order?.table_no ?? '',
    createdAt: row.created_at,
    firstSeenAt: row.first_seen_at,
    itemCount: order ? itemCount(order) : 0,
    status: row.status,
    statusLabel: status.label,
    cancelled: status.kind === 'cancelled',
    acknowledged: row.acknowledged_at !== null,
    print: summarisePrinting(jobs, printerName),
    printsAt: row.prints_at,
    unrouted: order ? hasUnroutedLines(order, stations) : false,
  };
}
