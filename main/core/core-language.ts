import { resolveLocale } from '../../common/i18n/locales.js';
import { createTranslator, type Translator, type TranslatorOptions } from '../../common/i18n/translator.js';

// The language the core speaks to people: the window's (`settings.language`), or the computer's when
// that is empty, else English. One owner (core-host.ts) creates it from the settings and switches it
// when they are saved; everything that words a sentence is handed `words` and asks it each time, so a
// change shows at the next refresh without restarting the bridge.

/** The OS's locale as Node (and Electron's main) sees it. */
// Asked of PluralRules: any Intl.DateTimeFormat or NumberFormat makes ICU list its locales (~8 MB of
// memory for good), and all of them resolve the computer's locale alike.
export const systemLocale = (): string => new Intl.PluralRules().resolvedOptions().locale;

/** The translator for a settings language ('' = the computer's, `system`). */
export function translatorFor(language: string, system: string = systemLocale(), options: TranslatorOptions = {}): Translator {
  return createTranslator(resolveLocale(language, system), options);
}

export type CoreLanguage = {
  /** The translator for the language chosen now. */
  words(): Translator;
  /** The settings' language changed: sentences from now on are in it. */
  use(language: string): void;
};

export function createCoreLanguage(language: string, options: TranslatorOptions & { systemLocale?: string } = {}): CoreLanguage {
  const { systemLocale: system = systemLocale(), ...translatorOptions } = options;
  let current = translatorFor(language, system, translatorOptions);
  return {
    words: () => current,
    use(next) {
      const translator = translatorFor(next, system, translatorOptions);
      if (translator.locale !== current.locale) current = translator;
    },
  };
}

/** English, for callers composed without a language (tests, tools): the default when nothing is chosen. */
export const ENGLISH: () => Translator = (() => {
  const english = createTranslator('en');
  return () => english;
})();
