// Which language a printer's tickets are in. The printer's own choice, else the window's (or the
// OS's), else English; but a printer set to text mode prints only its code page (Latin letters,
// accents dropped): Thai, Arabic or Chinese words would come out as rows of `?`, so its tickets keep
// English words and the owner is told why. Dish names in those scripts still print as stand-ins, as
// they always have on a text printer; raster (`auto` or `raster`) prints every script.

import { CATALOGUES } from '../../common/i18n/catalogue.js';
import { PSEUDO_LOCALE, resolveLocale, type Locale, type UiLocale } from '../../common/i18n/locales.js';
import { asciiTextEncoder } from './printable-text.js';
import type { RenderMode } from './render-ticket.js';

export type TicketLanguage = { language: UiLocale; warning?: string };

/** Whether every ticket word of `locale` survives the text path (accents may go, letters stay). */
function wordsPrintAsText(locale: Locale): boolean {
  return Object.entries(CATALOGUES[locale])
    .filter(([key]) => key.startsWith('ticket.'))
    .every(([, message]) => !asciiTextEncoder.toPrintable(message).includes('?'));
}

const printableAsText = new Map<Locale, boolean>();

/** `tags` in order of preference (the printer's, then the window's); the first we speak wins. */
export function ticketLanguage(tags: ReadonlyArray<string | undefined>, render: RenderMode | undefined): TicketLanguage {
  const asked = resolveLocale(...tags);
  // The pseudo-locale finds cut text in the window; paper gets the English it is made from (its
  // brackets are in no ticket font, so every ticket would print incomplete).
  const wanted: Locale = asked === PSEUDO_LOCALE ? 'en' : asked;
  if (render !== 'text') return { language: wanted };
  let printable = printableAsText.get(wanted);
  if (printable === undefined) {
    printable = wordsPrintAsText(wanted);
    printableAsText.set(wanted, printable);
  }
  if (printable) return { language: wanted };
  // The sentence is English (a log line, a job's warning for the owner): so is the language's name.
  const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(wanted) ?? wanted;
  return { language: 'en', warning: `tickets print in English: ${name} needs raster printing, and this printer is set to text (set render to auto or raster)` };
}

/** The machine's locale: what an empty window language means ("as the computer"). */
// Asked of PluralRules: any Intl.DateTimeFormat or NumberFormat makes ICU list its locales (~8 MB of
// memory for good), and all of them resolve the computer's locale alike.
export const systemLocale = (): string => new Intl.PluralRules().resolvedOptions().locale;
