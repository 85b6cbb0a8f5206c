import type { z } from 'zod';
import { isMessageKey, type MessageKey } from './i18n/catalogue.js';
import { createTranslator, type MessageValues, type Translator } from './i18n/translator.js';

// What a checked value is told when it is wrong, in the language of whoever reads it. The schemas
// people fill in (settings, acceptance, screens) give each problem as a catalogue key, never as
// words: the window words it in its own language, and the core, its logs and the config file's
// errors word the same key in English (integrators read the config in English). The values a message
// needs come with the issue: a bound from zod's own `minimum`/`maximum`, anything else as `params`.
// A message that is not a key (an address parser's technical detail) is shown as it is.

export type Say = (key: MessageKey, values?: MessageValues) => string;

let english: Translator | null = null;

/** English, for the config file, the logs and the core's answers. */
export const inEnglish: Say = (key, values) => (english ??= createTranslator('en')).t(key, values);

function valuesOf(issue: z.core.$ZodIssue): MessageValues {
  const values: MessageValues = { ...((issue as { params?: MessageValues }).params ?? {}) };
  if ('minimum' in issue) values.min = Number(issue.minimum);
  if ('maximum' in issue) values.max = Number(issue.maximum);
  return values;
}

/** An issue's message in the reader's words (English unless told otherwise). */
export function issueText(issue: z.core.$ZodIssue, say: Say = inEnglish): string {
  return isMessageKey(issue.message) ? say(issue.message, valuesOf(issue)) : issue.message;
}
