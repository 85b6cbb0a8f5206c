import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BridgeResult, BridgeUpdate } from '../../common/bridge-api.js';
import type { UiLocale } from '../../common/i18n/locales.js';
import type { ScreenGrant } from '../../common/screen-grant.js';
import { CLOSE_UNPAIRED, HEARTBEAT_MS, screenInboundSchema } from '../../common/screen-socket.js';
import type { ScreenOutbound } from '../../common/screen-protocol.js';
import type { Clock } from '../../ground/clock.js';
import { permit } from './allow-list.js';
import { createReadCache } from './read-cache.js';
import type { ScreenWords } from './words.js';

// The window contract over one WebSocket per screen: requests go through the grant's allow-list to
// the same request handler the desktop window's IPC uses; the core's pushes go to every screen; a
// heartbeat each way lets the screen notice a silent bridge and the bridge a silent screen.

/** `reader`: the language the screen reads, for the core's sentences in its answer (null: the settings'). */
export type Handle = (method: string, args: unknown, reader: UiLocale | null) => Promise<BridgeResult<unknown>>;

export type Connection = {
  grant: ScreenGrant;
  screenId: number | null;
  address: string;
  /** The language the screen's page shows (socket-language.ts); null: the desktop window's. */
  language: UiLocale | null;
};

type Live = Connection & { ws: WebSocket; lastHeard: number; inFlight: number; tokens: number; tokensAt: number };

/** Takes one request from the socket's bucket; false when the screen asks faster than any board does. */
function takeToken(conn: Live, now: number): boolean {
  conn.tokens = Math.min(REQUEST_BURST, conn.tokens + ((now - conn.tokensAt) / 1000) * REQUESTS_PER_SECOND);
  conn.tokensAt = now;
  if (conn.tokens < 1) return false;
  conn.tokens -= 1;
  return true;
}

const MAX_IN_FLIGHT = 16;
const MAX_FRAME_BYTES = 64 * 1024;
/** A screen's sockets at once (a page reloading, a second tab): beyond it the oldest goes. */
const MAX_SOCKETS_PER_SCREEN = 4;
/** Requests a socket may send: a burst after a push, then a steady rate far above what a board asks. */
const REQUEST_BURST = 300;
const REQUESTS_PER_SECOND = 100;
const CLOSE_POLICY = 1008;

export type SocketEndpointOptions = {
  handle: Handle;
  clock: Clock;
  logger: Logger;
  heartbeatMs?: number;
  /** Once per heartbeat with the screens connected: the ids whose credential is no longer valid. */
  revoked(screenIds: number[]): number[];
  /** A screen was heard from (at most once a heartbeat per screen). */
  seen(connection: Connection): void;
  /** What a screen is refused in, in its language (null: the desktop window's); asked only when refusing. */
  wordsFor(language: UiLocale | null): ScreenWords;
};

export function createSocketEndpoint(options: SocketEndpointOptions) {
  const { handle, clock, logger } = options;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const live = new Set<Live>();
  const reads = createReadCache(clock);
  const send = (ws: WebSocket, message: ScreenOutbound): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  async function answer(conn: Live, raw: string): Promise<void> {
    let parsed;
    try {
      parsed = screenInboundSchema.safeParse(JSON.parse(raw));
    } catch {
      return;
    }
    if (!parsed.success) return;
    const { id, method, args } = parsed.data;
    if (method === 'screenGrant') return send(conn.ws, { type: 'response', id, result: { ok: true, value: conn.grant } });
    const allowed = permit(conn.grant, method, args, () => options.wordsFor(conn.language));
    if (!allowed.ok) return send(conn.ws, { type: 'response', id, result: { ok: false, error: allowed.error } });
    if (conn.inFlight >= MAX_IN_FLIGHT) return send(conn.ws, { type: 'response', id, result: { ok: false, error: options.wordsFor(conn.language).tooBusy } });
    conn.inFlight++;
    try {
      // Screens share an answer only when it is worded in the language both read.
      const scope = JSON.stringify([conn.grant, conn.language]);
      send(conn.ws, { type: 'response', id, result: await reads.read(scope, method, allowed.args, () => handle(method, allowed.args, conn.language)) });
    } finally {
      conn.inFlight--;
    }
  }

  const timer = setInterval(() => {
    const now = clock.now();
    const gone = new Set(options.revoked([...live].flatMap((c) => (c.screenId === null ? [] : [c.screenId]))));
    for (const conn of live) {
      if (conn.screenId !== null && gone.has(conn.screenId)) {
        conn.ws.close(CLOSE_UNPAIRED, 'unpaired');
      } else if (now - conn.lastHeard > 3 * heartbeatMs) {
        conn.ws.terminate();
      } else {
        send(conn.ws, { type: 'heartbeat' });
        conn.ws.ping();
        options.seen(conn);
      }
    }
  }, heartbeatMs);
  timer.unref();

  return {
    wss,
    /** Takes over an upgraded socket for a screen already checked (host, origin, credential). */
    accept(ws: WebSocket, connection: Connection): void {
      const conn: Live = { ...connection, ws, lastHeard: clock.now(), inFlight: 0, tokens: REQUEST_BURST, tokensAt: clock.now() };
      if (conn.screenId !== null) {
        const same = [...live].filter((c) => c.screenId === conn.screenId);
        for (const old of same.slice(0, Math.max(0, same.length - MAX_SOCKETS_PER_SCREEN + 1))) {
          live.delete(old);
          old.ws.terminate();
        }
      }
      live.add(conn);
      options.seen(conn);
      const heard = () => {
        conn.lastHeard = clock.now();
      };
      ws.on('pong', heard);
      ws.on('message', (data, isBinary) => {
        // A socket being closed (its screen revoked) is heard no more, even if it ignores the close.
        if (ws.readyState !== ws.OPEN) return;
        heard();
        if (!takeToken(conn, clock.now())) {
          logger.warn({ screen: conn.screenId, address: conn.address }, 'screen sent requests faster than any board asks: socket closed');
          live.delete(conn);
          ws.close(CLOSE_POLICY, 'too many requests');
          return;
        }
        if (!isBinary) void answer(conn, data.toString()).catch((err: unknown) => logger.warn({ err }, 'screen request failed'));
      });
      ws.on('close', () => live.delete(conn));
      ws.on('error', () => ws.terminate());
    },
    publish(update: BridgeUpdate): void {
      reads.invalidate();
      for (const conn of live) send(conn.ws, { type: 'update', update });
    },
    /** Closes a revoked screen's sockets now. */
    close(screenId: number): void {
      for (const conn of live) if (conn.screenId === screenId) conn.ws.close(CLOSE_UNPAIRED, 'unpaired');
    },
    online(): Set<number> {
      return new Set([...live].flatMap((c) => (c.screenId === null ? [] : [c.screenId])));
    },
    count: (): number => live.size,
    stop(): void {
      clearInterval(timer);
      for (const conn of live) conn.ws.terminate();
      wss.close();
    },
  };
}
export type SocketEndpoint = ReturnType<typeof createSocketEndpoint>;
