import type { Logger } from 'pino';
import type { Clock } from '../../ground/clock.js';
import type { ConnectionStateStore } from './connection-state.js';
import type { Poller } from '../poller/poller.js';
import { formatTicketTime } from '../tickets/format-time.js';

// What the bridge does when the relay says its cursor expired (close 4010): events it never acked
// were pruned, so orders received between its last relay event and now may be missing. klikit's
// API can fill the gap as far as the poll window reaches; what it cannot reach, staff are told to
// look up on the aggregator tablets.

export type CursorExpiryDeps = {
  clock: Clock;
  logger: Logger;
  connection: ConnectionStateStore;
  /** The klikit fallback, when configured. */
  poller: () => Poller | undefined;
  pollWindowMs: number;
  timeZone: string | undefined;
  /** When the relay received the newest event this bridge committed from it, or null for none. */
  lastRelayEventAt: () => string | null;
};

export function missingOrdersWarning(from: string | null, to: string, timeZone: string | undefined): string {
  const start = from === null ? 'before' : `from ${formatTicketTime(from, timeZone)} to`;
  return `Orders ${start} ${formatTicketTime(to, timeZone)} may be missing from this screen: check the aggregator tablets`;
}

export function createCursorExpiryHandler(deps: CursorExpiryDeps): (reason: string) => void {
  const log = deps.logger.child({ component: 'cursor-expiry' });
  return (reason) => {
    const from = deps.lastRelayEventAt();
    const to = new Date(deps.clock.now()).toISOString();
    const poller = deps.poller();
    log.warn({ from, to, reason, fallback: poller !== undefined }, 'relay cursor expired: events the relay received from %s to %s may never have reached this bridge', from ?? 'its first event', to);
    if (!poller) {
      deps.connection.setWarning(missingOrdersWarning(from, to, deps.timeZone));
      return;
    }
    const windowStart = new Date(deps.clock.now() - deps.pollWindowMs).toISOString();
    // ISO instants of one format compare as strings.
    const beyondWindow = from === null || from < windowStart;
    void poller.reconcileNow().then((outcome) => {
      if (!outcome.ok) {
        log.error({ detail: outcome.detail }, 'klikit catch-up after a relay cursor expiry failed');
        deps.connection.setWarning(missingOrdersWarning(from, to, deps.timeZone));
        return;
      }
      log.info({ fed: outcome.fed, windowStart }, 'klikit catch-up after a relay cursor expiry fed %d changes', outcome.fed);
      if (beyondWindow) deps.connection.setWarning(missingOrdersWarning(from, windowStart, deps.timeZone));
    });
  };
}
