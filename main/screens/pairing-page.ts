import { SCREEN_WORDS as W } from './words.js';

// The one page served without a credential: a plain form (no script), so it works on any tablet
// browser. It posts to /pair on its own origin; its CSP allows nothing else.

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const PAIRING_CSP = "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export function pairingPage(problem?: string): string {
  return `<!doctype html>
<html lang="en">
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
    <form method="post" action="/pair">
      <label for="code">${escape(W.codeLabel)}</label>
      <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 -]*" maxlength="12" required autofocus>
      <button type="submit">${escape(W.submit)}</button>
    </form>
    ${problem ? `<p class="problem" role="alert">${escape(problem)}</p>` : ''}
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
`;
