import { isRightToLeft, LANGUAGE_NAMES, LOCALES, PSEUDO_LOCALE, type UiLocale } from '../../common/i18n/locales.js';
import { createTranslator } from '../../common/i18n/translator.js';
import { screenWords } from './words.js';

// The one page served without a credential: a plain form (no script), so it works on any tablet
// browser. It posts to /pair on its own origin; its CSP allows nothing else. It speaks the browser's
// language (or the one picked from its list of languages, which the paired screen then keeps).

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const PAIRING_CSP = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** `chosen`: the language was picked on the page (`?lang=`), so the form keeps it for the screen. */
export function pairingPage(locale: UiLocale, chosen: boolean, problem?: string): string {
  const translator = createTranslator(locale);
  const W = screenWords(translator);
  const action = chosen ? `/pair?lang=${encodeURIComponent(locale)}` : '/pair';
  const languages = LOCALES.map((l) =>
    l === locale ? `<li><strong lang="${l}">${escape(LANGUAGE_NAMES[l])}</strong></li>` : `<li><a href="/pair?lang=${l}" lang="${l}" hreflang="${l}">${escape(LANGUAGE_NAMES[l])}</a></li>`,
  ).join('');
  return `<!doctype html>
<html lang="${locale === PSEUDO_LOCALE ? 'en' : locale}" dir="${isRightToLeft(locale) ? 'rtl' : 'ltr'}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escape(W.pageTitle)}</title>
  <link rel="stylesheet" href="/pair.css">
</head>
<body>
  <main class="pair">
    <h1>${escape(W.heading)}</h1>
    <p>${escape(W.explain)}</p>
    <form method="post" action="${action}">
      <label for="code">${escape(W.codeLabel)}</label>
      <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 -]*" maxlength="12" required autofocus dir="ltr">
      <button type="submit">${escape(W.submit)}</button>
    </form>
    ${problem ? `<p class="problem" role="alert">${escape(problem)}</p>` : ''}
    <nav class="languages" aria-label="${escape(W.language)}"><ul>${languages}</ul></nav>
  </main>
</body>
</html>
`;
}

export const PAIRING_CSS = `
body { margin: 0; font: 18px/1.4 system-ui, sans-serif; background: #111; color: #eee; }
.pair { max-width: 34em; margin: 8vh auto; padding: 0 1.2em; }
h1 { font-size: 1.6em; }
label { display: block; margin: 1.2em 0 .4em; font-weight: 600; }
input { font-size: 2em; letter-spacing: .2em; width: 8em; padding: .2em .4em; border-radius: 6px; border: 2px solid #888; background: #222; color: #fff; }
button { display: block; margin-top: 1em; font-size: 1.2em; padding: .6em 2em; border-radius: 6px; border: 0; background: #2f7d32; color: #fff; }
.problem { margin-top: 1.2em; padding: .8em 1em; border-radius: 6px; background: #7a1f1f; color: #fff; }
.languages ul { list-style: none; margin: 3em 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: .4em 1.2em; font-size: .9em; }
.languages li > * { display: inline-block; padding: .4em 0; }
.languages a { color: #9cc; }
`;
