// The languages the product speaks, and how a BCP 47 tag someone typed (or the OS reported) finds one.
// Arabic is written right to left; its digits stay Latin (`-u-nu-latn`), as Gulf kitchens' order
// numbers, prices and clocks are printed, so an order number reads the same on the board, the ticket and the rider's app.

export const LOCALES = ['en', 'id', 'ms', 'fil', 'th', 'vi', 'ar', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

/** Accented and about 40 % longer English, to find cut text and words left out of the catalogues. */
export const PSEUDO_LOCALE = 'en-XA';
export type UiLocale = Locale | typeof PSEUDO_LOCALE;

/** Each language's name in itself: what a cook looks for in a list of languages they may not read. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  id: 'Bahasa Indonesia',
  ms: 'Bahasa Melayu',
  fil: 'Filipino',
  th: 'ไทย',
  vi: 'Tiếng Việt',
  ar: 'العربية',
  zh: '简体中文',
};

// Old or alternative codes an OS or a person may give for a language we have.
const ALIASES: Record<string, Locale> = { in: 'id', tl: 'fil', zsm: 'ms', msa: 'ms', cmn: 'zh' };

const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);

/** The supported locale a tag asks for (`id-ID` → `id`, `zh-Hans-SG` → `zh`, `tl` → `fil`), or null. */
export function matchLocale(tag: string | undefined | null): UiLocale | null {
  if (!tag) return null;
  const cleaned = tag.trim().replace(/_/g, '-');
  if (cleaned.toLowerCase() === PSEUDO_LOCALE.toLowerCase()) return PSEUDO_LOCALE;
  let language: string;
  try {
    language = new Intl.Locale(cleaned).language.toLowerCase();
  } catch {
    return null;
  }
  if (isLocale(language)) return language;
  return ALIASES[language] ?? null;
}

/** The locale to use: the first tag that matches, else English. */
export function resolveLocale(...tags: (string | undefined | null)[]): UiLocale {
  for (const tag of tags) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return 'en';
}

export const isRightToLeft = (locale: UiLocale): boolean => locale === 'ar';

/** The tag handed to Intl and to the message formatter. */
export function intlTag(locale: UiLocale): string {
  if (locale === PSEUDO_LOCALE) return 'en';
  if (locale === 'ar') return 'ar-u-nu-latn';
  return locale;
}
