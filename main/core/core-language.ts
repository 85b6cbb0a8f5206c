import { AsyncLocalStorage } from 'node:async_hooks';
import { resolveLocale, type UiLocale } from '../../common/i18n/locales.js';
import { createTranslator, type Translator, type TranslatorOptions } from '../../common/i18n/translator.js';

// The language the core speaks to people: the window's (`settings.language`), or the computer's when
// that is empty, else English. One owner (core-host.ts) creates it from the settings and switches it
// when they are saved; everything that words a sentence is handed `words` and asks it each time, so a
// change shows at the next refresh without restarting the bridge.
//
// A LAN screen reads its own language: its request is answered inside `answerIn`, an async scope
// carrying the screen's language, and `words()` asked within it returns that language's translator.
// The scope closes when the answer is ready: work the request started that runs on afterwards (an
// outbox's send, a retry timer) inherits the scope but finds it closed, and words in the settings'
// language like any other background work; what it stores is worded again when someone reads it.

/** The OS's locale as Node (and Electron's main) sees it. */
// Asked of PluralRules: any Intl.DateTimeFormat or NumberFormat makes ICU list its locales (~8 MB of
// memory for good), and all of them resolve the computer's locale alike.
export const systemLocale = (): string => new Intl.PluralRules().resolvedOptions().locale;

/** The translator for a settings language ('' = the computer's, `system`). */
export function translatorFor(language: string, system: string = systemLocale(), options: TranslatorOptions = {}): Translator {
  return createTranslator(resolveLocale(language, system), options);
}

export type CoreLanguage = {
  /** The translator for the language chosen now: the reader's inside `answerIn`, else the settings'. */
  words(): Translator;
  /** The settings' language changed: sentences from now on are in it. */
  use(language: string): void;
  /** Runs `answer` with `words()` in `reader`'s language until it settles (null: the settings'). */
  answerIn<T>(reader: UiLocale | null, answer: () => Promise<T>): Promise<T>;
};

type ReaderScope = { translator: Translator; open: boolean };

export function createCoreLanguage(language: string, options: TranslatorOptions & { systemLocale?: string } = {}): CoreLanguage {
  const { systemLocale: system = systemLocale(), ...translatorOptions } = options;
  // One translator per locale (9 at most): each keeps its compiled messages and Intl formatters.
  const translators = new Map<UiLocale, Translator>();
  const translatorOf = (locale: UiLocale): Translator => {
    let translator = translators.get(locale);
    if (!translator) {
      translator = createTranslator(locale, translatorOptions);
      translators.set(locale, translator);
    }
    return translator;
  };
  let current = translatorOf(resolveLocale(language, system));
  const readers = new AsyncLocalStorage<ReaderScope>();
  return {
    words() {
      const scope = readers.getStore();
      return scope?.open ? scope.translator : current;
    },
    use(next) {
      current = translatorOf(resolveLocale(next, system));
    },
    async answerIn(reader, answer) {
      const translator = reader === null ? current : translatorOf(reader);
      // A reader of the settings' language needs no scope: on Node 20 the first scope turns on an async
      // hook for every promise of the process (~0.3 µs each), which a kitchen in one language never pays.
      if (translator === current) return answer();
      const scope: ReaderScope = { translator, open: true };
      try {
        return await readers.run(scope, answer);
      } finally {
        scope.open = false;
      }
    },
  };
}

/** English, for callers composed without a language (tests, tools): the default when nothing is chosen. */
export const ENGLISH: () => Translator = (() => {
  const english = createTranslator('en');
  return () => english;
})();
