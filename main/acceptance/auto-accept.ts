import type { Logger } from 'pino';
import type { AcceptanceSettings } from '../../common/acceptance.js';
import type { ActionOutcome } from '../../common/bridge-api.js';
import type { OrderAction } from '../../common/order-actions.js';
import { orderFlags, waitsForAcceptance } from '../actions/allowed-actions.js';
import type { Clock } from '../../ground/clock.js';
import { statusEntry, type StatusTable } from '../klikit/enums.js';
import type { Db } from '../store/connection.js';
import { parsePackedBody } from '../store/order-body.js';
import { recentOrdersWithActions, type RecentOrder } from '../store/recent-orders.js';

// The optional rule "accept by itself while the kitchen has fewer than N open orders" (off at 0).
// It accepts through the order-action outbox like a tap would (one Idempotency-Key, retried, klikit's
// answer final), oldest waiting order first, and only an order nobody ever acted on: an Accept that
// failed, a Reject, anything staff did is never overridden or tried a second time. An order with a
// line marked out of stock is never accepted by itself (`isOutOfStock`, from the "86" list).

/** How far back the kitchen's open orders are counted: a shift, so an order klikit never closed does not count forever. */
const OPEN_WINDOW_MS = 12 * 3_600_000;

export type AutoAcceptDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: () => AcceptanceSettings;
  statusTable?: StatusTable | undefined;
  /** The outbox's submit: the same path as staff's Accept. */
  submit(orderId: number, action: OrderAction): ActionOutcome;
  /** Whether the order has a line marked out of stock; such an order waits for a person. */
  isOutOfStock(order: unknown): boolean;
};

function isOpenNotReady(o: RecentOrder, statusTable: StatusTable | undefined): boolean {
  const status = statusEntry(o.status, statusTable);
  return status.kind === 'open' && status.label !== 'READY';
}

/**
 * In the kitchen's hands (of the open orders not yet READY): an open status that is not READY, and not waiting for acceptance unless
 * someone already acted on it (an Accept on its way counts before klikit's answer comes back).
 */
function inKitchen(o: RecentOrder, body: unknown): boolean {
  const flags = orderFlags(body);
  return flags !== null && (o.acted || !waitsForAcceptance(flags));
}

export function createAutoAccept(deps: AutoAcceptDeps) {
  return {
    /** Accepts what the rule allows now; returns the ids it accepted. */
    check(): number[] {
      const limit = deps.settings().autoAcceptBelowOpenOrders;
      if (limit <= 0) return [];
      // Only an open order not yet READY can count or be accepted: the others' bodies are never parsed
      // (this runs every second over a shift of orders).
      const orders = recentOrdersWithActions(deps.db, new Date(deps.clock.now() - OPEN_WINDOW_MS).toISOString())
        .filter((o) => isOpenNotReady(o, deps.statusTable))
        .map((o) => ({ row: o, body: parsePackedBody(o.packedBody) }));
      let open = orders.filter((o) => inKitchen(o.row, o.body)).length;
      const accepted: number[] = [];
      for (const { row, body } of orders) {
        if (open >= limit) break;
        const flags = orderFlags(body);
        if (row.acted || flags === null || !waitsForAcceptance(flags) || deps.isOutOfStock(body)) continue;
        const outcome = deps.submit(row.id, 'accepted');
        if (!outcome.ok) {
          deps.logger.warn({ order: row.id, reason: outcome.message }, 'auto-accept skipped an order');
          continue;
        }
        deps.logger.info({ order: row.id, open, limit }, 'order accepted automatically: fewer open orders than the limit');
        accepted.push(row.id);
        open += 1;
      }
      return accepted;
    },
  };
}
