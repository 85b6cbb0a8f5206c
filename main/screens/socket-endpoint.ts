import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BridgeResult, BridgeUpdate } from '../../common/bridge-api.js';
import type { ScreenGrant } from '../../common/screen-grant.js';
import { CLOSE_UNPAIRED, HEARTBEAT_MS, screenInboundSchema, type ScreenOutbound } from '../../common/screen-protocol.js';
import type { Clock } from '../../ground/clock.js';
import { permit } from './allow-list.js';
import { createReadCache } from './read-cache.js';
import { SCREEN_WORDS as W } from './words.js';

// The window contract over one WebSocket per screen: requests go through the grant's allow-list to
// the same request handler the desktop window's IPC uses; the core's pushes go to every screen; a
// heartbeat each way lets the screen notice a silent bridge and the bridge a silent screen.

export type Handle = (method: string, args: unknown) => Promise<BridgeResult<unknown>>;

export type Connection = { grant: ScreenGrant; screenId: number | null; address: string };

type Live = Connection & { ws: WebSocket; lastHeard: number; inFlight: number };

const MAX_IN_FLIGHT = 16;
const MAX_FRAME_BYTES = 64 * 1024;

export type SocketEndpointOptions = {
  handle: Handle;
  clock: Clock;
  logger: Logger;
  heartbeatMs?: number;
  /** Once per heartbeat with the screens connected: the ids whose credential is no longer valid. */
  revoked(screenIds: number[]): number[];
  /** A screen was heard from (at most once a heartbeat per screen). */
  seen(connection: Connection): void;
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
    const allowed = permit(conn.grant, method, args);
    if (!allowed.ok) return send(conn.ws, { type: 'response', id, result: { ok: false, error: allowed.error } });
    if (conn.inFlight >= MAX_IN_FLIGHT) return send(conn.ws, { type: 'response', id, result: { ok: false, error: W.tooBusy } });
    conn.inFlight++;
    try {
      send(conn.ws, { type: 'response', id, result: await reads.read(JSON.stringify(conn.grant), method, allowed.args, () => handle(method, allowed.args)) });
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
      const conn: Live = { ...connection, ws, lastHeard: clock.now(), inFlight: 0 };
      live.add(conn);
      options.seen(conn);
      const heard = () => {
        conn.lastHeard = clock.now();
      };
      ws.on('pong', heard);
      ws.on('message', (data, isBinary) => {
        heard();
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
