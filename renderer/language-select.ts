import { LANGUAGE_NAMES, LOCALES, matchLocale, PSEUDO_LOCALE } from '../common/i18n/locales.js';
import { h } from './dom.js';

// A choice of language (the window's, a printer's tickets'): the languages the product speaks, each
// named in itself, as a cook who does not read the current one looks for their own. A tag saved
// by hand that names none of them exactly (`id-ID`, the pseudo-locale) stays offered as it is, so
// saving the form never changes it behind anyone's back.

/** A language's name in itself; the pseudo-locale and unknown tags by their tag. */
export function languageNameOf(tag: string): string {
  const locale = matchLocale(tag);
  return locale === null || locale === PSEUDO_LOCALE ? tag : LANGUAGE_NAMES[locale];
}

export function languageSelect(name: string, current: string, first: { value: ''; label: string }, attrs: Record<string, string> = {}): HTMLSelectElement {
  const kept = current !== '' && !(LOCALES as readonly string[]).includes(current) ? [current] : [];
  return h(
    'select',
    { name, ...attrs },
    h('option', { value: first.value, selected: current === '' }, first.label),
    ...[...LOCALES, ...kept].map((tag) => h('option', { value: tag, lang: tag, selected: tag === current }, languageNameOf(tag))),
  );
}
