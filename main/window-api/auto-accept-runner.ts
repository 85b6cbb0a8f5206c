import type { Logger } from 'pino';
import type { Clock } from '../../ground/clock.js';
import { createAutoAccept } from '../acceptance/auto-accept.js';
import type { ActionOutbox } from '../actions/outbox.js';
import { orderHasOutOfStockLine } from '../availability/order-items.js';
import type { Bridge } from '../core/bridge.js';
import { statusTableOf, type BridgeConfig } from '../core/config.js';

// The auto-accept rule on a timer, wherever a board runs over an outbox: the desktop app's core and a
// headless bridge serving screens both accept by the same rule.

const AUTO_ACCEPT_CHECK_MS = 1_000;

export type AutoAcceptRunOptions = {
  clock: Clock;
  logger: Logger;
  /** Whether an order has a line marked out of stock ("86"): auto-accept leaves such an order to a person. Default: the database's marks. */
  isOutOfStock?: ((order: unknown) => boolean) | undefined;
  /** How often the rule looks for orders to accept (when it is on). */
  autoAcceptCheckMs?: number | undefined;
};

/** The auto-accept rule over a running outbox that talks to klikit; nothing runs while the rule is off. Returns its stop. */
export function startAutoAccept(bridge: Bridge, outbox: ActionOutbox, config: BridgeConfig, options: AutoAcceptRunOptions): () => void {
  if (outbox.mode !== 'klikit' || config.acceptance.autoAcceptBelowOpenOrders <= 0) return () => {};
  const rule = createAutoAccept({
    db: bridge.db,
    clock: options.clock,
    logger: options.logger,
    settings: () => config.acceptance,
    statusTable: statusTableOf(config),
    submit: (orderId, action) => outbox.submit(orderId, action),
    isOutOfStock: options.isOutOfStock ?? ((order) => orderHasOutOfStockLine(bridge.db, order)),
  });
  const check = (): void => {
    try {
      rule.check();
    } catch (err) {
      options.logger.error({ err }, 'auto-accept check failed: will try again');
    }
  };
  // The first look comes a tick after the start, not during it: a board that then fails to be served
  // (its port taken) stops the rule before it has accepted anything.
  const timer = setInterval(check, options.autoAcceptCheckMs ?? AUTO_ACCEPT_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
