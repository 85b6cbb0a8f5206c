import { createTranslator, type Translator } from '../../common/i18n/translator.js';

// What a LAN screen says about its link to the counter PC. This script is bundled apart from the app
// and loads before it, so it reads the language the app gave the page (`<html lang>`) when it speaks.
type Page = { document?: { documentElement: { lang: string } } };

export const linkWords = (): Translator => createTranslator((globalThis as Page).document?.documentElement.lang);
