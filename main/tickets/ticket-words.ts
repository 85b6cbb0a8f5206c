// The ticket's fixed words in one language: the translator for the catalogue's `ticket.*` messages,
// times in the kitchen's zone and the language's own order, and klikit's codes (order type, status,
// platform) as words. Platform names stay as they are: the rider says "GrabFood" in every language.

import { createTranslator, type Translator } from '../../common/i18n/translator.js';
import type { MessageKey } from '../../common/i18n/catalogue.js';
import { DEFAULT_STATUS_TABLE, providerName, statusEntry, type StatusTable } from '../klikit/enums.js';
import { formatTicketTime } from './format-time.js';

export type TicketWords = {
  t: Translator['t'];
  locale: Translator['locale'];
  dir: Translator['dir'];
  /** A time on the ticket: weekday, day, month and 24-hour clock time in the kitchen's zone. */
  when(iso: string): string;
};

/** A kitchen prints in one or two languages and zones; the cap only guards against a caller passing many. */
const MAX_CACHED = 32;
const cache = new Map<string, TicketWords>();

/**
 * The words for one language and zone, made once: a translator builds its Intl formatters when made,
 * which costs far more than a ticket, and every ticket of a printer asks for the same ones.
 */
export function ticketWords(language: string | undefined, timeZone: string | undefined): TicketWords {
  const key = `${language ?? ''}|${timeZone ?? `local:${process.env.TZ ?? ''}`}`;
  let words = cache.get(key);
  if (!words) {
    if (cache.size >= MAX_CACHED) cache.clear();
    words = makeTicketWords(language, timeZone);
    cache.set(key, words);
  }
  return words;
}

function makeTicketWords(language: string | undefined, timeZone: string | undefined): TicketWords {
  const translator = createTranslator(language, timeZone ? { timeZone } : {});
  // English keeps the ticket's established `Thu 25 Jun 16:14`; the pseudo-locale is English underneath.
  const tag = translator.locale === 'en' || translator.locale === 'en-XA' ? 'en' : translator.tag;
  return { t: translator.t, locale: translator.locale, dir: translator.dir, when: (iso) => formatTicketTime(iso, timeZone, tag) };
}

const ORDER_TYPES = { 1: 'ticket.type.pickup', 2: 'ticket.type.delivery', 3: 'ticket.type.dineIn' } as const satisfies Record<number, MessageKey>;

export function orderTypeWord(words: TicketWords, type: number | null | undefined, pickupType?: number | null): string {
  if (type === 1 && pickupType === 2) return words.t('ticket.type.driveThru');
  if (type == null) return words.t('ticket.type.order');
  const key = (ORDER_TYPES as Record<number, MessageKey | undefined>)[type];
  return key ? words.t(key) : words.t('ticket.type.other', { code: String(type) });
}

export function providerWord(words: TicketWords, id: number | null | undefined): string {
  if (id == null) return words.t('ticket.provider.unknown');
  return providerName(id) ?? words.t('ticket.provider.other', { code: String(id) });
}

const STATUSES = {
  1: 'ticket.status.placed',
  2: 'ticket.status.accepted',
  3: 'ticket.status.cancelled',
  4: 'ticket.status.ready',
  5: 'ticket.status.delivered',
  6: 'ticket.status.scheduled',
  7: 'ticket.status.driverAssigned',
  8: 'ticket.status.driverArrived',
  9: 'ticket.status.pickedUp',
} as const satisfies Record<number, MessageKey>;

/** The status as a word; a label the config gave a code (the integrator's own) is printed as given. */
export function statusWord(words: TicketWords, code: number, table?: StatusTable): string {
  const entry = statusEntry(code, table);
  const key = (STATUSES as Record<number, MessageKey | undefined>)[code];
  if (key && entry.label === DEFAULT_STATUS_TABLE[code]?.label) return words.t(key);
  if (table?.[code] != null) return entry.label;
  return words.t('ticket.status.other', { code: String(code) });
}
