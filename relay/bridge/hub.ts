import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { RelayClock } from '../clock.js';
import { bearerToken } from '../http/bearer.js';
import type { RelayMetrics } from '../metrics.js';
import type { Device, DeviceStore } from '../store/devices.js';
import type { EventStore, StoredEvent } from '../store/events.js';
import { hashToken } from '../tokens.js';
import { FailureLimiter } from './failure-limiter.js';
import { CloseCode, eventFrame, parseClientFrame, PROTOCOL_VERSION } from './protocol.js';

export type BridgeHubOptions = {
  events: EventStore;
  devices: DeviceStore;
  clock: RelayClock;
  metrics: RelayMetrics;
  logger: Logger;
  pingIntervalMs: number;
  deadAfterMs: number;
  /** A socket whose unsent bytes exceed this is dropped instead of slowing anyone else down. */
  maxBufferedBytes: number;
  /** Events read from the store per replay step; the next step waits until the socket drained. */
  replayChunk: number;
  /** How often acks are written and revocations made by the CLI are looked up (by cursor). */
  housekeepingMs: number;
  /** Failed upgrades (bad or revoked token) one address may make per minute before being refused with 429. */
  failedUpgradesPerMinute: number;
  /** How often connected devices' last-seen time is written (it is also written on connect and disconnect). */
  lastSeenWriteMs: number;
  /** How often per-device lag is counted for /metrics (a scrape never counts it). */
  lagRefreshMs: number;
  /** Sockets one device may hold; a new one replaces the oldest (a bridge's dead socket it has not noticed yet). */
  maxSocketsPerDevice: number;
};

type Session = {
  ws: WebSocket;
  device: Device;
  state: 'awaiting-hello' | 'replaying' | 'live';
  sentUpTo: number;
  lastHeardMs: number;
};

const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

const addressOf = (req: IncomingMessage): string => req.socket.remoteAddress ?? 'unknown';
const pathOf = (url: string | undefined): string => (url ?? '/').split('?')[0]!;

/** Owns every bridge socket: auth, hello/replay/live streaming, acks, heartbeats, revocation. */
export class BridgeHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES, clientTracking: false });
  private readonly sessions = new Set<Session>();
  private readonly pendingCursors = new Map<number, number>();
  private readonly pingTimer: NodeJS.Timeout;
  private readonly housekeepingTimer: NodeJS.Timeout;
  private lagCountedAt = Number.NEGATIVE_INFINITY;
  /** Last-seen times noted on connect and disconnect, written together by the next housekeeping pass. */
  private readonly pendingLastSeen = new Map<number, string>();
  private lastSeenWrittenAt: number;
  private revocationCursor: number;
  private readonly failures: FailureLimiter;

  constructor(private readonly options: BridgeHubOptions) {
    this.failures = new FailureLimiter(options.failedUpgradesPerMinute, 60_000, options.clock);
    this.lastSeenWrittenAt = options.clock.now();
    this.revocationCursor = options.devices.lastRevocation();
    this.pingTimer = setInterval(() => this.heartbeat(), options.pingIntervalMs);
    this.housekeepingTimer = setInterval(() => this.housekeeping(), options.housekeepingMs);
  }

  get connectedCount(): number {
    return this.sessions.size;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.failures.blocked(addressOf(req))) {
      this.options.metrics.countFailedUpgrade('rate_limited');
      socket.end('HTTP/1.1 429 Too Many Requests\r\nRetry-After: 60\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  /** Feeds a just-committed event to every live socket of its branch. */
  publish(seq: number, branchId: number): void {
    let frame: string | undefined;
    for (const session of this.sessions) {
      if (session.state !== 'live' || !session.device.branchIds.includes(branchId)) continue;
      if (frame === undefined) {
        const event = this.options.events.readAfter([branchId], seq - 1, 1)[0];
        if (!event || event.seq !== seq) return;
        frame = eventFrame(event);
      }
      this.sendLive(session, seq, frame);
    }
  }

  /** Closes every socket with 1001 and writes the last acks; resolves when all sockets are gone. */
  async close(): Promise<void> {
    clearInterval(this.pingTimer);
    clearInterval(this.housekeepingTimer);
    const closing = [...this.sessions].map(
      (session) =>
        new Promise<void>((resolve) => {
          session.ws.once('close', () => resolve());
          session.ws.close(CloseCode.goingAway, 'relay shutting down');
          setTimeout(() => session.ws.terminate(), 2000).unref();
        }),
    );
    await Promise.all(closing);
    this.flushCursors();
    this.flushLastSeen();
    this.wss.close();
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const { devices, logger } = this.options;
    const token = bearerToken(req);
    const device = token ? devices.findByTokenHash(hashToken(token)) : undefined;
    if (!device) {
      // Only the path: a token put in the query string must never reach the log.
      logger.warn({ path: pathOf(req.url), remote: addressOf(req) }, 'bridge refused: missing or unknown token');
      this.failures.recordFailure(addressOf(req));
      this.options.metrics.countFailedUpgrade('unauthorized');
      ws.close(CloseCode.unauthorized, 'unauthorized');
      return;
    }
    if (device.revokedAt !== null) {
      logger.warn({ device: device.name }, 'bridge refused: token revoked');
      this.failures.recordFailure(addressOf(req));
      this.options.metrics.countFailedUpgrade('revoked');
      ws.close(CloseCode.revoked, 'token revoked');
      return;
    }
    this.replaceOldestBeyondCap(device);
    const session: Session = { ws, device, state: 'awaiting-hello', sentUpTo: 0, lastHeardMs: this.options.clock.now() };
    // Noted, not written: a reconnect storm of thousands of bridges must not cost one fsync each.
    this.pendingLastSeen.set(device.id, new Date(session.lastHeardMs).toISOString());
    this.sessions.add(session);
    logger.info({ device: device.name, branches: device.branchIds }, 'bridge connected');
    const heard = (): void => {
      session.lastHeardMs = this.options.clock.now();
    };
    // A client's own pings prove nothing: a bridge that never reads can still send them.
    ws.on('pong', heard);
    ws.on('message', (data, isBinary) => {
      heard();
      this.onFrame(session, data, isBinary);
    });
    ws.on('error', (err) => logger.warn({ device: device.name, err: err.message }, 'bridge socket error'));
    ws.on('close', (code) => {
      this.sessions.delete(session);
      this.pendingLastSeen.set(device.id, new Date(this.options.clock.now()).toISOString());
      logger.info({ device: device.name, code }, 'bridge disconnected');
    });
  }

  private onFrame(session: Session, data: RawData, isBinary: boolean): void {
    if (isBinary) return this.reject(session, 'binary frames are not part of the protocol');
    const parsed = parseClientFrame(data.toString());
    if (!parsed.ok) return this.reject(session, parsed.reason);
    const frame = parsed.frame;
    if (frame.type === 'hello') {
      if (session.state !== 'awaiting-hello') return this.reject(session, 'hello sent twice');
      if (frame.protocol !== PROTOCOL_VERSION) {
        session.ws.close(CloseCode.unsupportedProtocol, `unsupported protocol; this relay speaks ${PROTOCOL_VERSION}`);
        return;
      }
      if (this.options.devices.takeExpiredCursor(session.device.id)) {
        this.options.logger.warn({ device: session.device.name }, 'cursor expired; the device must catch up from klikit');
        session.ws.close(CloseCode.cursorExpired, "cursor expired: events were pruned before this device acked them; catch up from klikit's orders API");
        return;
      }
      // The bridge says it has committed everything up to `after`: that is an ack too.
      const committed = Math.min(frame.after, this.options.events.maxSeq());
      session.sentUpTo = frame.after;
      this.recordAck(session.device.id, committed);
      void this.replay(session);
      return;
    }
    if (session.state === 'awaiting-hello') return this.reject(session, 'ack before hello');
    // An ack beyond what this socket was sent would let pruning delete events the bridge never saw.
    this.recordAck(session.device.id, Math.min(frame.seq, session.sentUpTo));
  }

  private reject(session: Session, reason: string): void {
    this.options.logger.warn({ device: session.device.name, reason }, 'bridge sent a bad frame');
    session.ws.close(CloseCode.badFrame, reason.slice(0, 120));
  }

  private recordAck(deviceId: number, seq: number): void {
    if (seq > (this.pendingCursors.get(deviceId) ?? 0)) this.pendingCursors.set(deviceId, seq);
  }

  /**
   * Streams stored events chunk by chunk, reading the next chunk only once the previous one left
   * the process, so a 10,000-event backlog never sits in memory for one socket. Going live happens
   * in the same tick as the read that found nothing more, so no commit can slip between the two.
   */
  private async replay(session: Session): Promise<void> {
    session.state = 'replaying';
    const { events, replayChunk } = this.options;
    for (;;) {
      if (!this.sessions.has(session)) return;
      const rows: StoredEvent[] = events.readAfter(session.device.branchIds, session.sentUpTo, replayChunk);
      if (rows.length === 0) {
        session.state = 'live';
        return;
      }
      let flushed: Promise<void> = Promise.resolve();
      for (const row of rows) {
        if (this.dropIfOverBuffered(session)) return;
        flushed = new Promise((resolve) => session.ws.send(eventFrame(row), () => resolve()));
        session.sentUpTo = row.seq;
      }
      await flushed;
    }
  }

  private sendLive(session: Session, seq: number, frame: string): void {
    if (seq <= session.sentUpTo) return;
    if (this.dropIfOverBuffered(session)) return;
    session.ws.send(frame);
    session.sentUpTo = seq;
  }

  /** The same cap for replay and live frames: a reader that does not keep up is cut, never buffered for. */
  private dropIfOverBuffered(session: Session): boolean {
    if (session.ws.bufferedAmount <= this.options.maxBufferedBytes) return false;
    this.options.metrics.countSlowClient();
    this.options.logger.warn({ device: session.device.name, buffered: session.ws.bufferedAmount }, 'slow bridge dropped');
    this.sessions.delete(session);
    session.ws.terminate();
    return true;
  }

  private replaceOldestBeyondCap(device: Device): void {
    const own = [...this.sessions].filter((s) => s.device.id === device.id);
    for (const old of own.slice(0, Math.max(0, own.length - this.options.maxSocketsPerDevice + 1))) {
      this.options.logger.warn({ device: device.name }, 'socket replaced by a newer one of the same device');
      this.sessions.delete(old);
      old.ws.close(CloseCode.replaced, 'replaced by a newer connection of this device');
    }
  }

  private heartbeat(): void {
    const now = this.options.clock.now();
    for (const session of this.sessions) {
      if (now - session.lastHeardMs > this.options.deadAfterMs) {
        this.options.logger.warn({ device: session.device.name }, 'bridge silent too long; terminated');
        this.sessions.delete(session);
        session.ws.terminate();
        continue;
      }
      session.ws.ping();
    }
  }

  /** Each pass costs what changed since the last one: new acks, new revocations; the rest only every few minutes. */
  private housekeeping(): void {
    this.flushCursors();
    this.failures.sweep();
    const now = this.options.clock.now();
    if (now - this.lagCountedAt >= this.options.lagRefreshMs) {
      this.lagCountedAt = now;
      this.options.metrics.setDeviceLag(this.options.devices.lags());
    }
    if (now - this.lastSeenWrittenAt >= this.options.lastSeenWriteMs) {
      this.lastSeenWrittenAt = now;
      for (const session of this.sessions) this.pendingLastSeen.set(session.device.id, new Date(now).toISOString());
    }
    this.flushLastSeen();
    const newlyRevoked = this.options.devices.revokedAfter(this.revocationCursor);
    if (newlyRevoked.length === 0) return;
    this.revocationCursor = newlyRevoked[newlyRevoked.length - 1]!.revokedSeq;
    const revoked = new Set(newlyRevoked.map((r) => r.id));
    for (const session of this.sessions) {
      if (!revoked.has(session.device.id)) continue;
      this.options.logger.warn({ device: session.device.name }, 'token revoked; closing its socket');
      this.sessions.delete(session);
      session.ws.close(CloseCode.revoked, 'token revoked');
    }
  }

  private flushLastSeen(): void {
    if (this.pendingLastSeen.size === 0) return;
    this.options.devices.touch(this.pendingLastSeen);
    this.pendingLastSeen.clear();
  }

  private flushCursors(): void {
    if (this.pendingCursors.size === 0) return;
    const now = new Date(this.options.clock.now()).toISOString();
    this.options.devices.saveCursors(this.pendingCursors, now);
    this.pendingCursors.clear();
  }
}
