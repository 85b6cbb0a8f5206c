import type { StockDuration, StockItem } from '../common/stock.js';
import { clockTime, dueTime } from './format.js';

// Every sentence of "86" on the board (marking items out of stock), in one place. What klikit said
// comes from the core in `words`.

export const SOLD_OUT_BUTTON = 'Sold out';
export const SOLD_OUT_CARD_BUTTON = 'Sold out…';
export const SOLD_OUT_CARD_LABEL = 'Mark an item of this order sold out';
export const PICK_TITLE = 'Which item is sold out?';
export const BACK_BUTTON = 'Back in stock';
export const DURATION_BUTTONS: Record<StockDuration, string> = {
  tomorrow: 'Until tomorrow (04:00)',
  hour: 'For 1 hour',
  manual: 'Until I turn it back on',
};
export const CANCEL_BUTTON = 'Keep selling it';
export const CLOSE_BUTTON = 'Close';
export const SEARCH_PLACEHOLDER = 'Find an item to mark sold out: type a few letters of its name';
export const SEARCH_LABEL = 'Find an item to mark out of stock';
export const LIST_TITLE = 'Out of stock now';
export const NOTHING_OUT = 'Nothing is marked out of stock: every item is on sale.';
export const NO_MATCH = 'No item of recent orders has that name.';
export const TAB_LABEL = 'Out of stock';

export const soldOutLabel = (name: string): string => `Mark ${name} sold out`;
export const askTitle = (name: string): string => `${name} is sold out?`;
export const askHint = 'klikit stops selling it on every platform until it is back.';
export const noSkuTitle = (name: string): string => `${name} cannot be marked sold out here`;
export const backTitle = (name: string): string => `${name} is marked out of stock.`;
export const tabCount = (n: number): string => (n === 0 ? TAB_LABEL : `${TAB_LABEL} (${n})`);

/** The card's flag for an order that came in while one of its items was out of stock. */
export const cardFlag = (names: readonly string[]): string => `OUT OF STOCK: ${names.join(', ')} — tell the customer before cooking`;
export const LINE_FLAG = 'OUT OF STOCK';

const isTomorrow = (iso: string, now: number): boolean => {
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  return new Date(iso).toDateString() === tomorrow.toDateString();
};

/** "Out since 12:05 · back at 13:05", "… · back tomorrow at 04:00", "… · until someone turns it back on". */
export function whenText(item: StockItem, now: number): string {
  const since = `Out since ${dueTime(item.since, now)}`;
  if (item.restored) return `${since} · turned back on`;
  if (item.until === null) return `${since} · until someone turns it back on`;
  return `${since} · back ${isTomorrow(item.until, now) ? `tomorrow at ${clockTime(item.until)}` : `at ${dueTime(item.until, now)}`}`;
}

const KLIKIT_TEXT: Record<StockItem['klikit'], string> = {
  sending: 'Telling klikit…',
  confirmed: 'klikit confirmed',
  refused: 'klikit could not mark it',
  failed: 'klikit was not told',
};
export const klikitText = (item: StockItem): string => KLIKIT_TEXT[item.klikit];
