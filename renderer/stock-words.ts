import type { StockDuration, StockItem } from '../common/stock.js';
import type { MessageKey } from '../common/i18n/catalogue.js';
import { fmt, t } from './i18n.js';

// Every sentence of "86" on the board (marking items out of stock), from the catalogue (common/i18n/views).
// What klikit said comes from the core in `words`.

export const soldOutText = (): string => t('views.stock.soldOut');
export const soldOutCardText = (): string => t('views.stock.soldOutCard');
export const soldOutCardLabel = (): string => t('views.stock.soldOutCardLabel');
export const soldOutLabel = (name: string): string => t('views.stock.soldOutLabel', { name });
export const lineFlag = (): string => t('views.stock.lineFlag');
/** The card's flag for an order that came in while one of its items was out of stock. */
export const cardFlag = (names: readonly string[]): string => t('views.stock.cardFlag', { names: fmt().list(names) });

/** Stock comes back at 04:00 (the core's `tomorrow`), written as this language writes a time. */
const RESTOCK_HOUR = 4;

export function durationButton(duration: StockDuration): string {
  if (duration === 'tomorrow') return t('views.stock.untilTomorrow', { time: fmt().time(new Date(2000, 0, 1, RESTOCK_HOUR)) });
  return duration === 'hour' ? t('views.stock.forAnHour') : t('views.stock.untilManual');
}

export const tabCount = (n: number): string => (n === 0 ? t('views.stock.tab') : t('views.stock.tabCount', { count: fmt().number(n) }));

const isTomorrow = (iso: string, now: number): boolean => {
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  return new Date(iso).toDateString() === tomorrow.toDateString();
};

/** A time on the stock list: the clock alone today, with the day otherwise. */
function at(iso: string, now: number): string {
  const when = new Date(iso);
  return when.toDateString() === new Date(now).toDateString() ? fmt().time(when) : fmt().dateTime(when);
}

/** "Out since 12:05 · back at 13:05", "… · back tomorrow at 04:00", "… · until someone turns it back on". */
export function whenText(item: StockItem, now: number): string {
  const since = at(item.since, now);
  if (item.restored) return t('views.stock.whenRestored', { since });
  if (item.until === null) return t('views.stock.whenManual', { since });
  if (isTomorrow(item.until, now)) return t('views.stock.whenTomorrow', { since, time: fmt().time(new Date(item.until)) });
  return t('views.stock.whenAt', { since, time: at(item.until, now) });
}

const KLIKIT_TEXT = {
  sending: 'views.stock.klikitSending',
  confirmed: 'views.stock.klikitConfirmed',
  refused: 'views.stock.klikitRefused',
  failed: 'views.stock.klikitFailed',
} satisfies Record<StockItem['klikit'], MessageKey>;
export const klikitText = (item: StockItem): string => t(KLIKIT_TEXT[item.klikit]);
