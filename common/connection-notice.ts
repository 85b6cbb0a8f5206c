import type { Health } from './bridge-api.js';
import type { Translator } from './i18n/translator.js';

// What the window's banner and the tray say about the connection: one short line of what is
// happening and what to do (`title`, `advice`: the banner is one line), the longer explanation for
// whoever taps the banner (`more`), and the technical `detail` (close codes, HTTP statuses) for
// diagnostics only, never on the board. `bad`: orders may not be reaching this counter; `warn`:
// they are, but a safety net is missing or slower. Worded by the caller's translator (the window's
// language in the renderer and in the tray).

export type NoticeLevel = 'ok' | 'warn' | 'bad';
export type ConnectionNotice = { level: NoticeLevel; title: string; advice: string; more: string; detail: string };

type Connection = Health['connection'];

/** What the fallback does while the relay is away, then how to check the internet: one message per fallback state. */
function fallbackLine(c: Connection, { t }: Translator): string {
  switch (c.fallback.state) {
    case 'none':
      return t('core.connection.fallback.none');
    case 'standby':
      return t('core.connection.fallback.standby');
    case 'polling':
      return t('core.connection.fallback.polling');
    case 'failing':
      return t('core.connection.fallback.failing');
    case 'rejected':
      return t('core.connection.fallback.rejected');
  }
}

/** What to do while the relay is away, in a few words: where the orders are. */
function outageAction(c: Connection, { t }: Translator): string {
  return c.fallback.state === 'polling' || c.fallback.state === 'standby' ? t('core.connection.outage.checkInternet') : t('core.connection.outage.watchTablets');
}

// A warning (orders that may be missing) outlives the outage that caused it: it is the banner's title
// (in short) while the link is fine, and the first thing its explanation says otherwise.
export function connectionNotice(c: Connection, words: Translator): ConnectionNotice {
  const notice = linkNotice(c, words);
  if (!c.warning) return notice;
  // The warning names the time span: a sentence too long for one line, so it is what a tap shows.
  if (notice.level === 'ok') return { level: 'warn', title: words.t('core.connection.missing.title'), advice: words.t('core.connection.missing.advice'), more: c.warning, detail: notice.detail };
  return { ...notice, more: words.t('core.connection.missing.more', { warning: c.warning, more: notice.more }) };
}

function linkNotice(c: Connection, words: Translator): ConnectionNotice {
  const { t } = words;
  const detail = c.detail;
  switch (c.mode) {
    case 'relay':
      if (c.fallback.state === 'failing' || c.fallback.state === 'rejected') {
        const rejected = c.fallback.state === 'rejected';
        return {
          level: 'warn',
          title: t('core.connection.fallbackBroken.title'),
          advice: rejected ? t('core.connection.fallbackBroken.adviceKeys') : t('core.connection.fallbackBroken.adviceWait'),
          more: rejected ? t('core.connection.fallbackBroken.moreKeys') : t('core.connection.fallbackBroken.moreWait'),
          detail: c.fallback.detail,
        };
      }
      return { level: 'ok', title: t('core.connection.live'), advice: '', more: '', detail };
    case 'starting':
      return { level: 'ok', title: t('core.connection.starting'), advice: '', more: '', detail };
    case 'reconnecting':
      return {
        level: 'bad',
        title: t('core.connection.reconnecting'),
        advice: outageAction(c, words),
        more: fallbackLine(c, words),
        detail: c.fallback.state === 'failing' ? `${detail}; klikit: ${c.fallback.detail}` : detail,
      };
    case 'polling':
      return { level: 'warn', title: t('core.connection.polling.title'), advice: t('core.connection.polling.advice'), more: t('core.connection.polling.more'), detail };
    case 'offline':
      if (/device token/.test(detail)) {
        return { level: 'bad', title: t('core.connection.tokenRefused.title'), advice: t('core.connection.tokenRefused.advice'), more: t('core.connection.tokenRefused.more'), detail };
      }
      if (/API credentials/.test(detail)) {
        return { level: 'bad', title: t('core.connection.keysRefused.title'), advice: t('core.connection.keysRefused.advice'), more: t('core.connection.keysRefused.more'), detail };
      }
      return { level: 'bad', title: t('core.connection.offline.title'), advice: t('core.connection.offline.advice'), more: t('core.connection.offline.more'), detail };
    case 'unconfigured':
      return { level: 'bad', title: t('core.connection.unconfigured.title'), advice: t('core.connection.unconfigured.advice'), more: t('core.connection.unconfigured.more'), detail };
  }
}
