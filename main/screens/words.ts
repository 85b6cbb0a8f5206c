import type { UiLocale } from '../../common/i18n/locales.js';
import { createTranslator, type Translator } from '../../common/i18n/translator.js';

// Every sentence a person reads from the screen server, from the catalogue (common/i18n/screens).

export function screenWords(words: Translator) {
  return {
    pageTitle: words.t('screens.pair.pageTitle'),
    heading: words.t('screens.pair.heading'),
    explain: words.t('screens.pair.explain'),
    codeLabel: words.t('screens.pair.codeLabel'),
    submit: words.t('screens.pair.submit'),
    language: words.t('common.language'),
    wrong: words.t('screens.pair.wrong'),
    expired: words.t('screens.pair.expired'),
    tooMany: words.t('screens.pair.tooMany'),
    foreignHost: words.t('screens.pair.foreignHost'),
    crossSite: words.t('screens.pair.crossSite'),
    notFound: words.t('screens.pair.notFound'),
    codeMade: (minutes: number) => words.t('screens.admin.codeMade', { minutes }),
    screensOff: words.t('screens.admin.screensOff'),
    unknownStation: (station: string) => words.t('screens.admin.unknownStation', { station }),
    revoked: words.t('screens.admin.revoked'),
    noSuchScreen: words.t('screens.admin.noSuchScreen'),
    refused: words.t('screens.refused.any'),
    settingsRefused: words.t('screens.refused.settings'),
    expoRefused: words.t('screens.refused.expo'),
    tooBusy: words.t('screens.refused.tooBusy'),
    stationRefused: words.t('screens.refused.station'),
  };
}

export type ScreenWords = ReturnType<typeof screenWords>;

/**
 * The words where the reader's language is not known to the core: the CLI's sentences and the server's
 * plain-text refusals. The pairing page answers in the browser's language (http-server.ts), a screen's
 * socket in the screen's (socket-endpoint.ts).
 */
export const SCREEN_WORDS: ScreenWords = screenWords(createTranslator('en'));

/** Each language's words, worded once: a screen refused again and again costs no formatting. */
export function screenWordsByLocale(): (locale: UiLocale) => ScreenWords {
  const made = new Map<UiLocale, ScreenWords>();
  return (locale) => {
    let words = made.get(locale);
    if (!words) {
      words = screenWords(createTranslator(locale));
      made.set(locale, words);
    }
    return words;
  };
}
