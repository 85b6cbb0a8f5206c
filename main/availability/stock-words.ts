import type { ApiFailure } from '../klikit/api-client.js';
import { isUnreachable } from '../actions/action-words.js';

// Every sentence staff read about "86" (marking items out of stock), in one place. HTTP statuses,
// error codes and request ids go to `detail` (the log, support), never here.

export const NO_SKU_WORDS = 'This item has no klikit menu code (SKU) on the order, so the bridge cannot mark it out of stock. Mark it in the klikit app.';

export const NO_KEYS_WORDS = 'This screen has no klikit API keys, so it cannot tell klikit. Mark the item out of stock in the klikit app.';

export const NOT_RUNNING_WORDS = 'The bridge is not running yet: finish the settings first.';

export const UNKNOWN_ORDER_WORDS = 'This order is not on this screen any more.';

export const UNKNOWN_LINE_WORDS = 'This item is not on the order any more.';

export const UNKNOWN_ITEM_WORDS = 'This item was not found in recent orders.';

export const NOT_MARKED_WORDS = 'This item is not marked out of stock.';

export const SENDING_OFF_WORDS = 'Telling klikit it is out of stock…';

export const SENDING_ON_WORDS = 'Telling klikit it is back…';

export const CONFIRMED_OFF_WORDS = 'klikit confirmed: it is off the menu.';

export const CONFIRMED_ON_WORDS = 'klikit has it back on the menu.';

/** The answer to a tap on "out of stock". */
export function markedWords(name: string, until: string): string {
  return `${name} is out of stock ${until}. Telling klikit now.`;
}

export function alreadyMarkedWords(name: string, until: string): string {
  return `${name} was already out of stock: now ${until}.`;
}

export function restoredWords(name: string, tellKlikit: boolean): string {
  return tellKlikit ? `${name} is back on the menu. Telling klikit now.` : `${name} is back on the menu.`;
}

/** klikit will get another try by itself. */
export function stockRetryWords(f: ApiFailure): string {
  if (isUnreachable(f)) return 'klikit cannot be reached right now. The bridge keeps trying by itself.';
  if (f.kind === 'rate-limited') return 'klikit asked the bridge to slow down. It tries again in a moment.';
  if (f.kind === 'server') return 'klikit is having trouble right now. The bridge keeps trying by itself.';
  if (f.kind === 'unauthorized' || f.kind === 'forbidden') return 'klikit refused the bridge’s API keys (or they may not change menus). Ask a manager to check them; the bridge keeps trying.';
  return 'klikit gave an answer the bridge cannot use. It keeps trying by itself; tell a manager if this lasts.';
}

/** klikit said no. A 404 `resource_unmapped` means klikit's menu has no item with this SKU. */
export function stockRefusedWords(available: boolean, f: ApiFailure): string {
  if (f.kind === 'not-found') {
    return 'klikit does not know this item: its menu code (SKU) is not mapped in klikit, so it cannot be marked here. Mark it in the klikit app, and ask klikit to map the item.';
  }
  const said = f.detail ? ` klikit says: ${f.detail.replace(/[.\s]+$/, '')}.` : '';
  return available ? `klikit did not take the item back.${said} Turn it back on in the klikit app.` : `klikit did not mark the item out of stock.${said} Mark it in the klikit app.`;
}

/** The bridge stopped trying after a day (klikit forgets an Idempotency-Key after 24 hours). */
export function stockGaveUpWords(available: boolean): string {
  return available
    ? 'klikit could not be told for a day that this item is back. Turn it back on in the klikit app.'
    : 'klikit could not be told for a day that this item is out of stock. Check it in the klikit app.';
}
