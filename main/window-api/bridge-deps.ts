import type { ActionOutcome, ConnectionMode, FallbackState } from '../../common/bridge-api.js';
import type { Bridge } from '../core/bridge.js';
import { isoAt, type Clock } from '../../ground/clock.js';
import type { ConnectionState, PollerStatus } from '../core/connection-state.js';
import type { Delivery, PrinterConfig, PrinterStatus } from '../printing/types.js';
import { enqueueReprint } from '../store/print-jobs.js';
import type { ConnectionSnapshot, PrinterControl, PrinterFailover } from './deps.js';
import type { Translator } from '../../common/i18n/translator.js';
import { ENGLISH } from '../core/core-language.js';

// Adapters from the running bridge (main/core/bridge.ts) to the narrow interfaces of deps.ts.

const MODES: Record<ConnectionState['mode'], ConnectionMode> = {
  live: 'relay',
  reconnecting: 'starting',
  polling: 'polling',
  offline: 'offline',
  'token-rejected': 'offline',
  'credentials-rejected': 'offline',
};

const FALLBACK: Record<PollerStatus, FallbackState> = {
  disabled: 'none',
  idle: 'standby',
  ok: 'polling',
  failing: 'failing',
  'credentials-rejected': 'rejected',
};

export function connectionSnapshot(state: ConnectionState): ConnectionSnapshot {
  const detail = state.mode === 'token-rejected' ? `relay refused the device token: ${state.detail}` : state.mode === 'credentials-rejected' ? `klikit refused the API credentials: ${state.detail}` : state.detail;
  // Until the relay has been reached once, "reconnecting" is the bridge starting up, not an outage.
  const mode = state.mode === 'reconnecting' && state.relay === 'down' ? 'reconnecting' : MODES[state.mode];
  return { mode, since: new Date(state.since).toISOString(), detail, fallback: { state: FALLBACK[state.fallback.status], detail: state.fallback.detail }, warning: state.warning };
}

const DELIVERIES = new Set<Delivery>(['confirmed', 'sent', 'status unknown']);
const STATUS_STATES = new Set(['ready', 'paper-out', 'cover-open', 'offline', 'unreachable', 'unknown']);
function statusOf(view: Record<string, unknown>): PrinterStatus {
  const status = view.status as { state?: unknown } | undefined;
  return status && typeof status.state === 'string' && STATUS_STATES.has(status.state) ? (status as PrinterStatus) : { state: 'unknown' };
}

const isoText = (value: unknown): value is string => typeof value === 'string' && value !== '';
function failoverOf(view: Record<string, unknown>): PrinterFailover {
  const alarm = view.alarm as { since?: unknown; reason?: unknown } | undefined;
  return {
    ...(isoText(view.heldSince) ? { heldSince: view.heldSince } : {}),
    ...(isoText(view.backupTo) ? { backupTo: view.backupTo } : {}),
    ...(alarm && isoText(alarm.since) && typeof alarm.reason === 'string' ? { alarm: { since: alarm.since, reason: alarm.reason } } : {}),
  };
}

/** `words`: the window's language now (its answers to a test print or a reprint); English when absent. */
export function bridgePrinterControl(bridge: Pick<Bridge, 'db' | 'printers'>, printers: () => readonly PrinterConfig[], clock: Clock, words: () => Translator = ENGLISH): PrinterControl {
  const known = (id: string): PrinterConfig | undefined => printers().find((p) => p.id === id);
  return {
    states() {
      const views = bridge.printers.states() as unknown as ReadonlyArray<Record<string, unknown>>;
      return printers().map((p) => {
        const view = views.find((v) => v.id === p.id || v.printerId === p.id);
        const delivery = view && DELIVERIES.has(view.delivery as Delivery) ? { delivery: view.delivery as Delivery } : {};
        return { id: p.id, name: p.name, status: view ? statusOf(view) : { state: 'unknown' }, ...delivery, ...(view ? failoverOf(view) : {}) };
      });
    },
    async testPrint(printerId): Promise<ActionOutcome> {
      const printer = known(printerId);
      const { t } = words();
      if (!printer) return { ok: false, message: t('core.printer.unknownSaveFirst', { id: printerId }) };
      const queued = bridge.printers.testPrint(printerId);
      return queued.ok ? { ok: true, message: t('core.printer.testSent', { printer: printer.name }) } : { ok: false, message: queued.error };
    },
    reprint(orderId, printerId): ActionOutcome {
      const printer = known(printerId);
      const { t } = words();
      if (!printer) return { ok: false, message: t('core.printer.unknown', { id: printerId }) };
      const jobId = enqueueReprint(bridge.db, orderId, printerId, isoAt(clock));
      if (jobId === null) return { ok: false, message: t('core.order.unknown', { id: String(orderId) }) };
      bridge.printers.wakeAll();
      return { ok: true, message: t('core.printer.reprintQueued', { printer: printer.name }) };
    },
  };
}
