import { storeWords } from '../../common/i18n/stored-words.js';
import type { Translator } from '../../common/i18n/translator.js';
import type { ApiFailure } from '../klikit/api-client.js';
import { isUnreachable } from '../actions/action-words.js';

// Every sentence staff read about "86" (marking items out of stock), in one place: answers to a tap
// are worded at once in the window's language; what a write to klikit keeps (stock_writes.last_error)
// is a catalogue key and values (common/i18n/stored-words.ts), worded when the list is read. HTTP
// statuses, error codes and request ids go to `detail` (the log, support), never here.

export const noSkuWords = ({ t }: Translator): string => t('core.stock.noSku');

export const noKeysWords = ({ t }: Translator): string => t('core.stock.noKeys');

export const unknownOrderWords = ({ t }: Translator): string => t('core.action.orderGone');

export const unknownLineWords = ({ t }: Translator): string => t('core.stock.unknownLine');

export const unknownItemWords = ({ t }: Translator): string => t('core.stock.unknownItem');

export const notMarkedWords = ({ t }: Translator): string => t('core.stock.notMarked');

export const SENDING_OFF_WORDS = storeWords('core.stock.sendingOff');

export const SENDING_ON_WORDS = storeWords('core.stock.sendingOn');

export const confirmedWords = ({ t }: Translator, available: boolean): string => (available ? t('core.stock.confirmedOn') : t('core.stock.confirmedOff'));

/** Until when an item is out: until staff turn it back on, a time today, or a time tomorrow (the kitchen's clock). */
export type Until = { until: 'off' | 'today' | 'tomorrow'; time: string };

/** The answer to a tap on "out of stock". */
export const markedWords = ({ t }: Translator, name: string, until: Until): string => t('core.stock.marked', { name, ...until });

export const alreadyMarkedWords = ({ t }: Translator, name: string, until: Until): string => t('core.stock.alreadyMarked', { name, ...until });

export const restoredWords = ({ t }: Translator, name: string, tellKlikit: boolean): string => (tellKlikit ? t('core.stock.restoredTelling', { name }) : t('core.stock.restored', { name }));

/** klikit will get another try by itself. */
export function stockRetryWords(f: ApiFailure): string {
  if (isUnreachable(f)) return storeWords('core.stock.retry.unreachable');
  if (f.kind === 'rate-limited') return storeWords('core.stock.retry.slowDown');
  if (f.kind === 'server') return storeWords('core.stock.retry.server');
  if (f.kind === 'unauthorized' || f.kind === 'forbidden') return storeWords('core.stock.retry.keys');
  return storeWords('core.stock.retry.unusable');
}

/** klikit said no (its own sentence when it gave one). A 404 `resource_unmapped` means klikit's menu has no item with this SKU. */
export function stockRefusedWords(available: boolean, f: ApiFailure): string {
  if (f.kind === 'not-found') return storeWords('core.stock.refused.unmapped');
  const said = f.detail?.replace(/[.\s]+$/, '') ?? '';
  if (available) return said ? storeWords('core.stock.refused.backOnSaid', { said }) : storeWords('core.stock.refused.backOn');
  return said ? storeWords('core.stock.refused.offSaid', { said }) : storeWords('core.stock.refused.off');
}

/** The bridge stopped trying after a day (klikit forgets an Idempotency-Key after 24 hours). */
export function stockGaveUpWords(available: boolean): string {
  return available ? storeWords('core.stock.gaveUp.backOn') : storeWords('core.stock.gaveUp.off');
}
