// A dish's name in the ticket's language, from the translations klikit sends with the line
// (`klikit_name_translation`, `title_v2`), else the name as sent. Keys are whatever locale tags the
// menu was built with: `id`, `id-ID`, `zh-CN`, `zh_Hans`, `th_TH`.

import type { NameTranslations } from '../klikit/schemas.js';
import { matchLocale, PSEUDO_LOCALE, type UiLocale } from '../../common/i18n/locales.js';

// Our Chinese is Simplified: a Traditional name is still better than none, but comes last.
const TRADITIONAL_CHINESE = /^zh[-_](hant|tw|hk|mo)\b/i;

function rank(key: string, locale: string): number {
  if (key.toLowerCase() === locale) return 3;
  return TRADITIONAL_CHINESE.test(key) ? 1 : 2;
}

/** The best of `translations` for `locale`, or undefined when none is in that language. */
function pick(translations: NameTranslations, locale: string): string | undefined {
  let best: { rank: number; text: string } | undefined;
  for (const [key, text] of Object.entries(translations)) {
    if (matchLocale(key) !== locale) continue;
    const r = rank(key, locale);
    if (!best || r > best.rank) best = { rank: r, text: text.trim() };
  }
  return best?.text;
}

/** `name` in `locale`: the first source that has that language, else `name` as sent. */
export function localName(name: string, sources: ReadonlyArray<NameTranslations | undefined>, locale: UiLocale): string {
  const wanted = locale === PSEUDO_LOCALE ? 'en' : locale;
  for (const translations of sources) {
    const found = translations && pick(translations, wanted);
    if (found) return found;
  }
  return name;
}
