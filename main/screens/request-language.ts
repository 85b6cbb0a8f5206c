import { LOCALES, matchLocale, type UiLocale } from '../../common/i18n/locales.js';

// The language of a page served before a screen has chosen one (the pairing page): the one picked on
// that page (`?lang=`), else the first of the browser's Accept-Language it has, by preference, else English.

type Weighted = { tag: string; q: number; at: number };

/** Accept-Language's tags, most wanted first ("id-ID,id;q=0.9,en;q=0.8" → id-ID, id, en); `*` and q=0 dropped. */
export function acceptedTags(header: string | undefined): string[] {
  if (!header) return [];
  const weighted: Weighted[] = header.split(',').map((part, at) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    return { tag: tag.trim(), q: Number.isFinite(weight) ? weight : 0, at };
  });
  return weighted
    .filter((w) => w.tag !== '' && w.tag !== '*' && w.q > 0)
    .sort((a, b) => b.q - a.q || a.at - b.at)
    .map((w) => w.tag);
}

/** A choice made on the page wins only when it names a language we have; the pseudo-locale is for tests and counts too. */
export function requestLanguage(chosen: string | null, acceptLanguage: string | undefined): UiLocale {
  const picked = matchLocale(chosen);
  if (picked) return picked;
  for (const tag of acceptedTags(acceptLanguage)) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return LOCALES[0];
}
