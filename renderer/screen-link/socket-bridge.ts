import { BRIDGE_METHOD_NAMES } from '../../common/channels.js';
import type { BridgeApi, BridgeResult, BridgeUpdate } from '../../common/bridge-api.js';
import { bridgeUpdateSchema } from '../../common/bridge-api.js';
import { CLOSE_UNPAIRED, SILENT_LINK_MS, screenOutboundSchema } from '../../common/screen-protocol.js';
import { linkWords } from './words.js';

// `window.bridge` over the screen server's WebSocket (a LAN screen, or the board in a browser): the
// same contract as the desktop window's IPC. The bridge's heartbeat tells a live link from a silent
// one; a lost link says so at once, reconnects by itself and, once back, has the board reload.

export type LinkEvents = {
  /** The link is up (true) or the bridge cannot be heard (false). */
  onLink(up: boolean): void;
  /** The bridge no longer knows this screen's credential: it must be paired again. */
  onUnpaired(): void;
  /** After a failed reconnect: whether the server refuses this screen (revoked) rather than being away. */
  refused?(): Promise<boolean>;
};

type Timers = { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
const browserTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as number) };

const RETRY_MS = [250, 500, 1000, 2000];

export function createSocketBridge(url: string, events: LinkEvents, timers: Timers = browserTimers): BridgeApi {
  const pending = new Map<number, (result: BridgeResult<unknown>) => void>();
  const listeners = new Set<(update: BridgeUpdate) => void>();
  let queued: string[] = [];
  let nextId = 1;
  let ws: WebSocket | null = null;
  let state: 'connecting' | 'up' | 'down' = 'connecting';
  let silence: unknown = null;
  let failures = 0;

  const emit = (update: BridgeUpdate): void => {
    for (const listener of listeners) listener(update);
  };
  const failAll = (): void => {
    for (const resolve of pending.values()) resolve({ ok: false, error: linkWords().t('screens.link.callFailed') });
    pending.clear();
    queued = [];
  };

  function down(): void {
    if (state !== 'down') {
      state = 'down';
      events.onLink(false);
    }
    failAll();
  }

  function listenForSilence(): void {
    if (silence !== null) timers.clear(silence);
    silence = timers.set(() => {
      // Nothing heard for too long (a cable pulled, a PC asleep): the socket may never report it.
      down();
      ws?.close();
    }, SILENT_LINK_MS);
  }

  function connect(): void {
    const socket = new WebSocket(url);
    ws = socket;
    socket.addEventListener('open', () => {
      const wasDown = state === 'down';
      state = 'up';
      failures = 0;
      events.onLink(true);
      listenForSilence();
      for (const text of queued.splice(0)) socket.send(text);
      if (wasDown) {
        emit({ type: 'orders' });
        emit({ type: 'health' });
      }
    });
    socket.addEventListener('message', (event) => {
      listenForSilence();
      let parsed;
      try {
        parsed = screenOutboundSchema.safeParse(JSON.parse(String(event.data)));
      } catch {
        return;
      }
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'response') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else if (message.type === 'update') {
        const update = bridgeUpdateSchema.safeParse(message.update);
        if (update.success) emit(update.data);
      }
    });
    socket.addEventListener('close', (event) => {
      if (ws !== socket) return;
      if (silence !== null) timers.clear(silence);
      if (event.code === CLOSE_UNPAIRED) {
        events.onUnpaired();
        return;
      }
      down();
      const wait = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)]!;
      failures++;
      timers.set(() => {
        void (events.refused?.() ?? Promise.resolve(false)).then((refused) => (refused ? events.onUnpaired() : connect()));
      }, wait);
    });
  }

  const call = (method: string) => (args?: unknown) =>
    new Promise<BridgeResult<unknown>>((resolve) => {
      if (state === 'down') {
        resolve({ ok: false, error: linkWords().t('screens.link.callFailed') });
        return;
      }
      const id = nextId++;
      pending.set(id, resolve);
      const text = JSON.stringify({ type: 'request', id, method, args });
      if (state === 'up' && ws) ws.send(text);
      else queued.push(text);
    });

  connect();
  return {
    ...Object.fromEntries(BRIDGE_METHOD_NAMES.map((m) => [m, call(m)])),
    onUpdate(listener: (update: BridgeUpdate) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as BridgeApi;
}
