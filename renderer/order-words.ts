import type { OrderSummary } from '../common/bridge-api.js';
import type { MessageKey } from '../common/i18n/catalogue.js';
import type { OrderAction } from '../common/order-actions.js';
import { t } from './i18n.js';

// The words for an order the board shows in several places (card, strip, band, undo bar, Done, detail):
// its actions, its type and what it is, in the window's language. The core's English labels
// (common/order-actions.ts) stay for its own sentences and the logs.

const ACTION_KEYS = {
  accepted: 'board.action.accepted',
  rejected: 'board.action.rejected',
  ready: 'board.action.ready',
  picked_up: 'board.action.pickedUp',
} as const satisfies Record<OrderAction, MessageKey>;

export const actionLabel = (action: OrderAction): string => t(ACTION_KEYS[action]);

const REJECT_REASON_KEYS: Readonly<Record<string, MessageKey>> = {
  item_unavailable: 'board.reject.itemUnavailable',
  kitchen_busy: 'board.reject.kitchenBusy',
  store_closed: 'board.reject.storeClosed',
  other: 'board.reject.other',
};

/** A reason to reject, by its code; the core's own label for a code the board does not know yet. */
export const rejectReasonLabel = (reason: { code: string; label: string }): string => {
  const key = REJECT_REASON_KEYS[reason.code];
  return key ? t(key) : reason.label;
};

// The core names the order type in English capitals (main/klikit/enums.ts); an unknown one is shown as sent.
const ORDER_TYPE_KEYS: Readonly<Record<string, MessageKey>> = {
  PICKUP: 'board.orderType.pickup',
  DELIVERY: 'board.orderType.delivery',
  'DINE-IN': 'board.orderType.dineIn',
  'DRIVE-THRU': 'board.orderType.driveThru',
  ORDER: 'board.orderType.order',
};

export function orderType(order: Pick<OrderSummary, 'orderType' | 'tableNo'>): string {
  if (order.tableNo && order.orderType === 'DINE-IN') return t('board.orderType.dineInTable', { table: order.tableNo });
  const key = ORDER_TYPE_KEYS[order.orderType];
  return key ? t(key) : order.orderType;
}

/** A waiting order in a few words: its platform and how many items. */
export const orderWhat = (order: Pick<OrderSummary, 'provider' | 'itemCount'>): string => t('board.order.providerItems', { provider: order.provider, count: order.itemCount });
