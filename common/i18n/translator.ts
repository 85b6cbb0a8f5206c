// Words and numbers in one locale: messages from the catalogues through ICU MessageFormat (plurals,
// selects, numbers), and dates, times and durations through Intl, 24-hour unless told otherwise.
import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGUES, type MessageKey } from './catalogue.js';
import { intlTag, isRightToLeft, PSEUDO_LOCALE, resolveLocale, type UiLocale } from './locales.js';
import { pseudoMessage } from './pseudo.js';

export type MessageValues = Record<string, string | number | Date | null | undefined>;

export type TranslatorOptions = {
  /** IANA zone for dates and times; the machine's own when absent. */
  timeZone?: string;
  /** 12-hour clock with am/pm; kitchens run on 24 hours by default. */
  hour12?: boolean;
};

export interface Translator {
  readonly locale: UiLocale;
  /** BCP 47 tag for Intl and for `lang` attributes. */
  readonly tag: string;
  readonly dir: 'ltr' | 'rtl';
  t(key: MessageKey, values?: MessageValues): string;
  number(value: number): string;
  /** A clock time, hours and minutes. */
  time(at: number | Date): string;
  /** Day and month, short ("7 Dec"), in the locale's order. */
  day(at: number | Date): string;
  /** Day, month and clock time. */
  dateTime(at: number | Date): string;
  /** A whole number of minutes as the locale writes it ("5 min", "5 นาที"). */
  minutes(count: number): string;
  /** Items joined as the locale joins a list ("a, b and c"). */
  list(items: readonly string[]): string;
}

// intl-messageformat resolves each message's locale through Intl.NumberFormat.supportedLocalesOf,
// which walks ICU's whole list of number locales: some 6 MB of a Node process's memory, paid by the
// first message even when no number is formatted. The tags a translator passes are its own (the
// locales of LOCALES, all of which Intl supports), so the tag is taken as it is.
IntlMessageFormat.resolveLocale = (locales) => new Intl.Locale(Array.isArray(locales) ? locales[0]! : locales);

export function createTranslator(localeOrTag: string | undefined, options: TranslatorOptions = {}): Translator {
  const locale = resolveLocale(localeOrTag);
  const tag = intlTag(locale);
  const catalogue = locale === PSEUDO_LOCALE ? CATALOGUES.en : CATALOGUES[locale];
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  const hourCycle = options.hour12 ? 'h12' : 'h23';
  const zone = options.timeZone ? { timeZone: options.timeZone } : {};
  // Made on first use: building an Intl formatter costs far more than formatting with it, and most
  // callers (a ticket, a card) use one or two of them.
  const lazy = <T>(make: () => T): (() => T) => {
    let made: T | undefined;
    return () => (made ??= make());
  };
  const timeFormat = lazy(() => new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hourCycle, ...zone }));
  const dayFormat = lazy(() => new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', ...zone }));
  const dateTimeFormat = lazy(() => new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle, ...zone }));
  const numberFormat = lazy(() => new Intl.NumberFormat(tag));
  const minutesFormat = lazy(() => new Intl.NumberFormat(tag, { style: 'unit', unit: 'minute', unitDisplay: 'short' }));
  const listFormat = lazy(() => new Intl.ListFormat(tag, { type: 'conjunction', style: 'long' }));

  const format = (key: MessageKey): IntlMessageFormat => {
    let message = compiled.get(key);
    if (!message) {
      const source = catalogue[key];
      message = new IntlMessageFormat(locale === PSEUDO_LOCALE ? pseudoMessage(source) : source, tag);
      compiled.set(key, message);
    }
    return message;
  };

  return {
    locale,
    tag,
    dir: isRightToLeft(locale) ? 'rtl' : 'ltr',
    t(key, values) {
      const result = format(key).format(values);
      return Array.isArray(result) ? result.join('') : String(result);
    },
    number: (value) => numberFormat().format(value),
    time: (at) => timeFormat().format(at),
    day: (at) => dayFormat().format(at),
    dateTime: (at) => dateTimeFormat().format(at),
    minutes: (count) => minutesFormat().format(count),
    list: (items) => listFormat().format(items),
  };
}
