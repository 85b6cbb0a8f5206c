import { LOCALES, matchLocale } from '../../common/i18n/locales.js';
import { createTranslator, type Translator } from '../../common/i18n/translator.js';
import { systemLocale, translatorFor } from './core-language.js';

// The language of a command line's sentences: `--lang TAG` (anywhere in the arguments), else the
// computer's, else English. It is taken out before the command reads its own options, so even an
// error about those is in the chosen language. Machine-readable output (JSON logs, CSV, listings)
// is not worded and does not change.

export type CliLanguage = { words: Translator; args: string[] } | { words: Translator; error: string };

export function cliLanguage(argv: readonly string[], system: string = systemLocale()): CliLanguage {
  const args: string[] = [];
  let tag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--lang') tag = argv[++i] ?? '';
    else if (arg.startsWith('--lang=')) tag = arg.slice('--lang='.length);
    else args.push(arg);
  }
  if (tag === undefined) return { words: translatorFor('', system), args };
  if (matchLocale(tag) === null) {
    const words = translatorFor('', system);
    return { words, error: words.t('cli.badLanguage', { value: tag, languages: words.list([...LOCALES]) }) };
  }
  return { words: createTranslator(tag), args };
}
