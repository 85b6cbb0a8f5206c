// The window's language: one translator for the page, chosen at start (settings, or the screen's own
// choice on a LAN screen, or the OS locale), and the page's fixed words filled in from index.html's
// data-i18n attributes. Changing the language reloads the page, so no view keeps words of the old one.
import type { MessageKey } from '../common/i18n/catalogue.js';
import { isMessageKey } from '../common/i18n/catalogue.js';
import { resolveLocale, type UiLocale } from '../common/i18n/locales.js';
import { createTranslator, type MessageValues, type Translator } from '../common/i18n/translator.js';

let current: Translator = createTranslator(navigator.language);

export const t = (key: MessageKey, values?: MessageValues): string => current.t(key, values);

/** Numbers, times, durations and lists in the window's language. */
export const fmt = (): Translator => current;

const ATTRIBUTES = ['title', 'aria-label', 'placeholder'] as const;

/** Fills `data-i18n` (text), `data-i18n-title`, `data-i18n-aria-label` and `data-i18n-placeholder`. */
export function applyStaticWords(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset.i18n;
    if (isMessageKey(key)) el.textContent = current.t(key);
  }
  for (const attribute of ATTRIBUTES) {
    for (const el of root.querySelectorAll<HTMLElement>(`[data-i18n-${attribute}]`)) {
      const key = el.getAttribute(`data-i18n-${attribute}`);
      if (isMessageKey(key)) el.setAttribute(attribute, current.t(key));
    }
  }
}

/** Sets the page's language (a BCP 47 tag; empty for the OS's) and direction, and fills its fixed words. */
export function useLanguage(tag: string | undefined): Translator {
  current = createTranslator(tag || navigator.language);
  document.documentElement.lang = current.tag;
  document.documentElement.dir = current.dir;
  applyStaticWords();
  return current;
}

const SCREEN_LANGUAGE_KEY = 'klikit.language';

/** A LAN screen's own language, kept on the device: each screen in a kitchen may read another language. */
export function screenLanguage(): string {
  try {
    return window.localStorage.getItem(SCREEN_LANGUAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberScreenLanguage(tag: string): void {
  try {
    window.localStorage.setItem(SCREEN_LANGUAGE_KEY, tag);
  } catch {
    // A browser that keeps nothing still shows this page in the chosen language until it reloads.
  }
}

/** The language a LAN screen's page shows (useLanguage(screenLanguage())): the bridge answers the screen in it too. */
export const screenPageLanguage = (): UiLocale => resolveLocale(screenLanguage() || navigator.language);
