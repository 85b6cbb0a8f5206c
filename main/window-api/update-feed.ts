import type { BridgeUpdate, Health } from '../../common/bridge-api.js';
import type { WindowApi } from './window-api.js';

export type UpdateFeed = {
  stop(): void;
  /** Looks now instead of at the next tick: after a window's own action, every other screen hears of it at once. */
  nudge(): void;
};

/** The window methods that change what the board shows. */
export const BOARD_WRITES: ReadonlySet<string> = new Set(['acknowledgeOrder', 'orderAction', 'recallAction', 'reprint']);

/**
 * Pushes `orders` / `health` updates to the window when what it shows changes. It compares cheap
 * fingerprints inside the core every `intervalMs`, so the window itself never polls and sees a new
 * order within one interval of its commit whichever module wrote it.
 */
export function startUpdateFeed(
  api: Pick<WindowApi, 'ordersFingerprint' | 'getHealth'>,
  publish: (update: BridgeUpdate) => void,
  intervalMs = 100,
): UpdateFeed {
  const healthKey = (h: Health): string => JSON.stringify([h.connection, h.printers, h.queueDepth, h.lastOrderAt, h.klikit, h.missed]);
  let orders = api.ordersFingerprint();
  let health = healthKey(api.getHealth());
  const check = (): void => {
    const nextOrders = api.ordersFingerprint();
    if (nextOrders !== orders) {
      orders = nextOrders;
      publish({ type: 'orders' });
    }
    const nextHealth = healthKey(api.getHealth());
    if (nextHealth !== health) {
      health = nextHealth;
      publish({ type: 'health' });
    }
  };
  const timer = setInterval(check, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), nudge: check };
}
