import type { Settings } from '../../common/settings.js';

// Secrets leave the machine in a support archive only by mistake: every known secret value is
// cut from every file (logs included), and the fields that hold one are blanked before that.

export const REDACTED = '[redacted]';

/** A URL without credentials or query (a relay URL may carry a token as `?token=`). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const hadSecrets = parsed.username !== '' || parsed.password !== '' || parsed.search !== '';
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    return hadSecrets ? `${parsed.toString()} (credentials and query ${REDACTED})` : url;
  } catch {
    return url === '' ? url : REDACTED;
  }
}

/** The window's settings as support may see them: the partner key and URL credentials blanked. */
export function redactSettings(settings: Settings): Settings {
  return {
    ...settings,
    relayUrl: redactUrl(settings.relayUrl),
    klikitBaseUrl: redactUrl(settings.klikitBaseUrl),
    klikitPartnerKey: settings.klikitPartnerKey === '' ? '' : REDACTED,
  };
}

/** Any `scheme://user:password@` in the text: the user and password go, wherever the URL was printed. */
export function scrubUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi, `$1${REDACTED}@`);
}

/** `text` with every occurrence of each secret (as written and as JSON-escaped) replaced. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])) out = out.split(form).join(REDACTED);
  }
  return out;
}
