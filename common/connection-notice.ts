import type { Health } from './bridge-api.js';

// What the window's banner and the tray say about the connection: one short line of what is
// happening and what to do (`title`, `advice`: the banner is one line), the longer explanation for
// whoever taps the banner (`more`), and the technical `detail` (close codes, HTTP statuses) for
// diagnostics only, never on the board. `bad`: orders may not be reaching this counter; `warn`:
// they are, but a safety net is missing or slower.

export type NoticeLevel = 'ok' | 'warn' | 'bad';
export type ConnectionNotice = { level: NoticeLevel; title: string; advice: string; more: string; detail: string };

type Connection = Health['connection'];

const CHECK_INTERNET = 'Check that this computer is online (open any website). If it is, call your klikit bridge administrator.';

function fallbackLine(c: Connection): string {
  switch (c.fallback.state) {
    case 'none':
      return 'No klikit fallback configured: until the relay is back, new orders only show up on the aggregator tablets. Add klikit API credentials in Settings to have one.';
    case 'standby':
      return 'The klikit fallback starts polling within 15 s of the drop.';
    case 'polling':
      return 'The klikit fallback is polling: orders still arrive, a few seconds late.';
    case 'failing':
      return 'The klikit fallback is failing too.';
    case 'rejected':
      return 'klikit refused the API credentials: re-enter the partner key and secret key in Settings.';
  }
}

/** What to do while the relay is away, in a few words: where the orders are. */
function outageAction(c: Connection): string {
  return c.fallback.state === 'polling' || c.fallback.state === 'standby' ? 'check the internet' : 'watch the tablets, check the internet';
}

// A warning (orders that may be missing) outlives the outage that caused it: it is the banner's title
// (in short) while the link is fine, and the first thing its explanation says otherwise.
export function connectionNotice(c: Connection): ConnectionNotice {
  const notice = linkNotice(c);
  if (!c.warning) return notice;
  // The warning names the time span: a sentence too long for one line, so it is what a tap shows.
  if (notice.level === 'ok') return { level: 'warn', title: 'Orders may be missing from this screen', advice: 'check the aggregator tablets', more: c.warning, detail: notice.detail };
  return { ...notice, more: `${c.warning}. ${notice.more}` };
}

function linkNotice(c: Connection): ConnectionNotice {
  const detail = c.detail;
  switch (c.mode) {
    case 'relay':
      if (c.fallback.state === 'failing' || c.fallback.state === 'rejected') {
        return {
          level: 'warn',
          title: 'klikit fallback is not working',
          advice: c.fallback.state === 'rejected' ? 're-enter the klikit keys in Settings' : 'orders still arrive; call support if it lasts',
          more: c.fallback.state === 'rejected'
            ? 'Orders arrive through the relay, but there is no backup if it drops: re-enter the klikit partner key and secret key in Settings.'
            : 'Orders arrive through the relay, but there is no backup if it drops. If this lasts more than a few minutes, check the klikit API settings or call klikit support.',
          detail: c.fallback.detail,
        };
      }
      return { level: 'ok', title: 'Live', advice: '', more: '', detail };
    case 'starting':
      return { level: 'ok', title: 'Connecting to the relay…', advice: '', more: '', detail };
    case 'reconnecting':
      return {
        level: 'bad',
        title: 'Reconnecting to relay — new orders may be delayed',
        advice: outageAction(c),
        more: `${fallbackLine(c)} ${CHECK_INTERNET}`,
        detail: c.fallback.state === 'failing' ? `${detail}; klikit: ${c.fallback.detail}` : detail,
      };
    case 'polling':
      return { level: 'warn', title: 'Relay unreachable — receiving orders by polling klikit', advice: 'orders arrive a few seconds late', more: `Orders still arrive, a few seconds late. ${CHECK_INTERNET}`, detail };
    case 'offline':
      if (/device token/.test(detail)) {
        return { level: 'bad', title: 'The relay refused this device', advice: 'enter a new device token in Settings', more: 'Ask your klikit bridge administrator for a new device token and enter it in Settings.', detail };
      }
      if (/API credentials/.test(detail)) {
        return { level: 'bad', title: 'No connection: klikit refused the API credentials', advice: 're-enter the klikit keys in Settings', more: 'Re-enter the klikit partner key and secret key in Settings.', detail };
      }
      return { level: 'bad', title: 'No connection — new orders are not arriving', advice: 'take orders from the aggregator tablets', more: `Take orders from the aggregator tablets for now. ${CHECK_INTERNET}`, detail };
    case 'unconfigured':
      return { level: 'bad', title: 'This bridge is not set up yet', advice: 'open Settings', more: 'Open Settings and enter the relay URL and device token.', detail };
  }
}
