import type { Clock } from '../../ground/clock.js';

// The one observable answer to "are orders reaching this counter, and how?", derived from the relay
// link and the poller so that health, logs and the window can never disagree about it.

export type ConnectionMode = 'live' | 'reconnecting' | 'polling' | 'offline' | 'token-rejected' | 'credentials-rejected';

export type ConnectionState = {
  mode: ConnectionMode;
  /** Epoch ms when `mode` last changed. */
  since: number;
  /** Epoch ms of the last event committed from any source, or null. */
  lastEventAt: number | null;
  detail: string;
  /** The inputs `mode` is derived from, for a window that says what each one is doing (a failing fallback while the relay is live). */
  relay: RelayLinkStatus;
  fallback: { status: PollerStatus; detail: string };
  /** Something staff must act on whatever the mode (orders that may be missing from the screen), or null. */
  warning: string | null;
};

export type RelayLinkStatus = 'connecting' | 'live' | 'down' | 'token-rejected' | 'incompatible' | 'stopped';
export type PollerStatus = 'idle' | 'ok' | 'failing' | 'credentials-rejected' | 'disabled';

export type ConnectionStateStore = {
  get(): ConnectionState;
  setRelay(status: RelayLinkStatus, detail?: string): void;
  setPoller(status: PollerStatus, detail?: string): void;
  noteEvent(): void;
  setWarning(warning: string | null): void;
  /** Epoch ms since which the relay has not been live (the start time if it never was), or null while live. */
  relayDownSince(): number | null;
  subscribe(listener: (state: ConnectionState) => void): () => void;
};

type Inputs = { relay: RelayLinkStatus; relayDetail: string; poller: PollerStatus; pollerDetail: string };

function derive(i: Inputs): { mode: ConnectionMode; detail: string } {
  if (i.relay === 'live') return { mode: 'live', detail: i.relayDetail || 'relay connected' };
  if (i.relay === 'token-rejected') return { mode: 'token-rejected', detail: i.relayDetail };
  if (i.poller === 'credentials-rejected') return { mode: 'credentials-rejected', detail: i.pollerDetail };
  if (i.poller === 'ok') return { mode: 'polling', detail: `relay unreachable (${i.relayDetail}); polling klikit` };
  if (i.relay === 'incompatible') return { mode: 'offline', detail: i.relayDetail };
  if (i.poller === 'failing') return { mode: 'offline', detail: `relay: ${i.relayDetail}; klikit: ${i.pollerDetail}` };
  if (i.relay === 'stopped') return { mode: 'offline', detail: 'stopped' };
  return { mode: 'reconnecting', detail: i.relayDetail || 'connecting to relay' };
}

export function createConnectionState(clock: Clock): ConnectionStateStore {
  const inputs: Inputs = { relay: 'connecting', relayDetail: '', poller: 'idle', pollerDetail: '' };
  let downSince: number | null = clock.now();
  let state: ConnectionState = {
    mode: 'reconnecting',
    since: clock.now(),
    lastEventAt: null,
    detail: 'connecting to relay',
    relay: inputs.relay,
    fallback: { status: inputs.poller, detail: inputs.pollerDetail },
    warning: null,
  };
  const listeners = new Set<(s: ConnectionState) => void>();

  function update(): void {
    const next = derive(inputs);
    const unchanged = next.mode === state.mode && next.detail === state.detail;
    state = {
      ...state,
      ...next,
      relay: inputs.relay,
      fallback: { status: inputs.poller, detail: inputs.pollerDetail },
      since: next.mode === state.mode ? state.since : clock.now(),
    };
    if (unchanged) return;
    for (const listener of listeners) listener(state);
  }

  return {
    get: () => state,
    setRelay(status, detail = '') {
      if (status === 'live') downSince = null;
      else downSince ??= clock.now();
      inputs.relay = status;
      inputs.relayDetail = detail;
      update();
    },
    setPoller(status, detail = '') {
      inputs.poller = status;
      inputs.pollerDetail = detail;
      update();
    },
    noteEvent() {
      state = { ...state, lastEventAt: clock.now() };
    },
    setWarning(warning) {
      if (warning === state.warning) return;
      state = { ...state, warning };
      for (const listener of listeners) listener(state);
    },
    relayDownSince: () => downSince,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
