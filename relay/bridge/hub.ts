import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { errorText } from '../../common/error-text.js';
import { PROTOCOL_VERSION, RelayCloseCode } from '../../common/relay-protocol.js';
import type { Clock } from '../../ground/clock.js';
import { bearerToken } from '../http/bearer.js';
import { addressGroup } from '../http/client-address.js';
import type { RelayMetrics } from '../metrics.js';
import type { AppendNotice, Device, RelayStore } from '../store/relay-store.js';
import { hashToken } from '../tokens.js';
import { FailureLimiter } from './failure-limiter.js';
import { eventFrame, parseClientFrame } from './protocol.js';

export type BridgeHubOptions = {
  store: RelayStore;
  clock: Clock;
  metrics: RelayMetrics;
  logger: Logger;
  pingIntervalMs: number;
  deadAfterMs: number;
  /** A socket whose unsent bytes exceed this is dropped instead of slowing anyone else down. */
  maxBufferedBytes: number;
  /** Events read from the store per step; the next step waits until the socket drained. */
  replayChunk: number;
  /** How often acks are written and revocations made by the CLI or another node are looked up (by cursor). */
  housekeepingMs: number;
  /** Failed upgrades (bad or revoked token) one network (/24 or /64) may make per minute; its further bad tokens get 429. */
  failedUpgradesPerMinute: number;
  /** Who sent an upgrade: the peer, or the client behind a trusted reverse proxy. */
  clientAddress: (req: IncomingMessage) => string;
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
  state: 'awaiting-hello' | 'starting' | 'streaming';
  /** The highest seq this socket was sent (or, before any, the bridge's own cursor). */
  sentUpTo: number;
  lastHeardMs: number;
  /** The heartbeat tick (modulo HEARTBEAT_SLICES) that checks and pings this socket. */
  slice: number;
  /** A read from the store is under way for this socket; `stale` asks it to read once more when done. */
  pumping: boolean;
  stale: boolean;
};

const MAX_CLIENT_FRAME_BYTES = 64 * 1024;
/**
 * The heartbeat visits one slice of the sockets per tick, every socket once per ping interval: pinging
 * 10,000 sockets in one pass stalled the event loop for about 200 ms, and every webhook answer with it.
 */
const HEARTBEAT_SLICES = 10;

const pathOf = (url: string | undefined): string => (url ?? '/').split('?')[0]!;

/**
 * Owns every bridge socket of this relay node: auth, hello, streaming, acks, heartbeats, revocation.
 *
 * Every socket is fed by one pump that reads the store from the socket's own position. A commit,
 * here or on another node, only marks the sockets of its branch stale; the pump then reads what is
 * past their position. Nothing is ever sent from a notice itself, so a notice that is late, lost or
 * repeated can delay an event but never skip or repeat one: the store's seqs become visible in
 * order (see RelayStore), and a stale mark set during a read makes the pump read again.
 */
export class BridgeHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES, clientTracking: false });
  private readonly sessions = new Set<Session>();
  private readonly byBranch = new Map<number, Set<Session>>();
  private readonly pendingCursors = new Map<number, number>();
  private readonly pingTimer: NodeJS.Timeout;
  private readonly housekeepingTimer: NodeJS.Timeout;
  /** The housekeeping pass under way, if any: passes never overlap, and close waits for the last one. */
  private housekeepingPass: Promise<void> | undefined;
  private lagCountedAt = Number.NEGATIVE_INFINITY;
  /** Last-seen times noted on connect and disconnect, written together by the next housekeeping pass. */
  private readonly pendingLastSeen = new Map<number, string>();
  private lastSeenWrittenAt: number;
  private readonly failures: FailureLimiter;
  private closed = false;
  private heartbeatTick = 0;
  private nextSlice = 0;

  private constructor(
    private readonly options: BridgeHubOptions,
    private revocationCursor: number,
  ) {
    this.failures = new FailureLimiter(options.failedUpgradesPerMinute, 60_000, options.clock);
    this.lastSeenWrittenAt = options.clock.now();
    this.pingTimer = setInterval(() => this.heartbeat(), Math.max(1, options.pingIntervalMs / HEARTBEAT_SLICES));
    this.housekeepingTimer = setInterval(() => this.startHousekeeping(), options.housekeepingMs);
  }

  static async start(options: BridgeHubOptions): Promise<BridgeHub> {
    return new BridgeHub(options, await options.store.lastRevocation());
  }

  get connectedCount(): number {
    return this.sessions.size;
  }

  /**
   * The token is checked before the upgrade completes, so no frame arrives before its device is known.
   * Only bad tokens are rate-limited: a valid one always gets in (its check is one indexed lookup), so
   * nobody sharing a bridge's network or reverse proxy can lock that bridge out by guessing.
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const token = bearerToken(req);
    const lookup = token ? this.options.store.findDeviceByTokenHash(hashToken(token)) : Promise.resolve(undefined);
    lookup.then(
      (device) => {
        if ((!device || device.revokedAt !== null) && this.failures.blocked(addressGroup(this.options.clientAddress(req)))) {
          this.options.metrics.countFailedUpgrade('rate_limited');
          socket.end('HTTP/1.1 429 Too Many Requests\r\nRetry-After: 60\r\nConnection: close\r\n\r\n');
          return;
        }
        this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req, device));
      },
      (err: unknown) => {
        this.options.logger.error({ err: errorText(err) }, 'bridge refused: the store could not be read');
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      },
    );
  }

  /** A commit on this node: the sockets of its branch read past their position. */
  publish(notice: AppendNotice): void {
    for (const session of this.byBranch.get(notice.branchId) ?? []) {
      if (session.sentUpTo < notice.seq) this.wake(session);
    }
  }

  /** Something of the branch may be stored that no notice announced: its sockets read past their position. */
  wakeBranch(branchId: number): void {
    for (const session of this.byBranch.get(branchId) ?? []) this.wake(session);
  }

  /** Notices from other nodes may have been missed: every socket reads past its position. */
  resync(): void {
    for (const session of this.sessions) this.wake(session);
  }

  /** Closes every socket with 1001 and writes the last acks; resolves when all sockets are gone. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pingTimer);
    clearInterval(this.housekeepingTimer);
    const closing = [...this.sessions].map(
      (session) =>
        new Promise<void>((resolve) => {
          session.ws.once('close', () => resolve());
          session.ws.close(RelayCloseCode.goingAway, 'relay shutting down');
          setTimeout(() => session.ws.terminate(), 2000).unref();
        }),
    );
    await Promise.all(closing);
    await this.housekeepingPass;
    await this.flushCursors();
    await this.flushLastSeen();
    this.wss.close();
  }

  private accept(ws: WebSocket, req: IncomingMessage, device: Device | undefined): void {
    const { logger } = this.options;
    if (!device) {
      // Only the path: a token put in the query string must never reach the log.
      const remote = this.options.clientAddress(req);
      logger.warn({ path: pathOf(req.url), remote }, 'bridge refused: missing or unknown token');
      this.failures.recordFailure(addressGroup(remote));
      this.options.metrics.countFailedUpgrade('unauthorized');
      ws.close(RelayCloseCode.unauthorized, 'unauthorized');
      return;
    }
    if (device.revokedAt !== null) {
      logger.warn({ device: device.name }, 'bridge refused: token revoked');
      this.failures.recordFailure(addressGroup(this.options.clientAddress(req)));
      this.options.metrics.countFailedUpgrade('revoked');
      ws.close(RelayCloseCode.revoked, 'token revoked');
      return;
    }
    if (this.closed) {
      ws.close(RelayCloseCode.goingAway, 'relay shutting down');
      return;
    }
    this.replaceOldestBeyondCap(device);
    const session: Session = {
      ws,
      device,
      state: 'awaiting-hello',
      sentUpTo: 0,
      lastHeardMs: this.options.clock.now(),
      slice: this.nextSlice++ % HEARTBEAT_SLICES,
      pumping: false,
      stale: false,
    };
    // Noted, not written: a reconnect storm of thousands of bridges must not cost one write each.
    this.pendingLastSeen.set(device.id, new Date(session.lastHeardMs).toISOString());
    this.add(session);
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
      this.remove(session);
      this.pendingLastSeen.set(device.id, new Date(this.options.clock.now()).toISOString());
      logger.info({ device: device.name, code }, 'bridge disconnected');
    });
  }

  private add(session: Session): void {
    this.sessions.add(session);
    for (const branchId of session.device.branchIds) {
      let set = this.byBranch.get(branchId);
      if (!set) this.byBranch.set(branchId, (set = new Set()));
      set.add(session);
    }
  }

  private remove(session: Session): void {
    if (!this.sessions.delete(session)) return;
    for (const branchId of session.device.branchIds) {
      const set = this.byBranch.get(branchId);
      set?.delete(session);
      if (set?.size === 0) this.byBranch.delete(branchId);
    }
  }

  private onFrame(session: Session, data: RawData, isBinary: boolean): void {
    if (isBinary) return this.reject(session, 'binary frames are not part of the protocol');
    const parsed = parseClientFrame(data.toString());
    if (!parsed.ok) return this.reject(session, parsed.reason);
    const frame = parsed.frame;
    if (frame.type === 'hello') {
      if (session.state !== 'awaiting-hello') return this.reject(session, 'hello sent twice');
      if (frame.protocol !== PROTOCOL_VERSION) {
        session.ws.close(RelayCloseCode.unsupportedProtocol, `unsupported protocol; this relay speaks ${PROTOCOL_VERSION}`);
        return;
      }
      session.state = 'starting';
      session.sentUpTo = frame.after;
      void this.begin(session, frame.after);
      return;
    }
    if (session.state === 'awaiting-hello') return this.reject(session, 'ack before hello');
    // An ack beyond what this socket was sent would let pruning delete events the bridge never saw.
    this.recordAck(session.device.id, Math.min(frame.seq, session.sentUpTo));
  }

  private async begin(session: Session, after: number): Promise<void> {
    const { store, logger } = this.options;
    try {
      if (await store.takeExpiredCursor(session.device.id)) {
        logger.warn({ device: session.device.name }, 'cursor expired; the device must catch up from klikit');
        session.ws.close(RelayCloseCode.cursorExpired, "cursor expired: events were pruned before this device acked them; catch up from klikit's orders API");
        return;
      }
      // The bridge says it has committed everything up to `after`: that is an ack too.
      this.recordAck(session.device.id, Math.min(after, await store.maxSeq()));
    } catch (err) {
      this.storeFailed(session, err);
      return;
    }
    session.state = 'streaming';
    this.wake(session);
  }

  private reject(session: Session, reason: string): void {
    this.options.logger.warn({ device: session.device.name, reason }, 'bridge sent a bad frame');
    session.ws.close(RelayCloseCode.badFrame, reason.slice(0, 120));
  }

  private recordAck(deviceId: number, seq: number): void {
    if (seq > (this.pendingCursors.get(deviceId) ?? 0)) this.pendingCursors.set(deviceId, seq);
  }

  private wake(session: Session): void {
    if (session.state !== 'streaming') return;
    session.stale = true;
    if (!session.pumping) void this.pump(session);
  }

  /**
   * Sends the socket everything past its position, chunk by chunk, reading the next chunk only once
   * the previous one left the process, so a 10,000-event backlog never sits in memory for one socket.
   */
  private async pump(session: Session): Promise<void> {
    const { store, replayChunk } = this.options;
    session.pumping = true;
    try {
      while (session.stale) {
        session.stale = false;
        for (;;) {
          const rows = await store.readAfter(session.device.branchIds, session.sentUpTo, replayChunk);
          if (!this.sessions.has(session)) return;
          let flushed: Promise<void> = Promise.resolve();
          for (const row of rows) {
            if (row.seq <= session.sentUpTo) continue;
            if (this.dropIfOverBuffered(session)) return;
            flushed = new Promise((resolve) => session.ws.send(eventFrame(row), () => resolve()));
            session.sentUpTo = row.seq;
          }
          if (rows.length < replayChunk) break;
          await flushed;
        }
      }
    } catch (err) {
      this.storeFailed(session, err);
    } finally {
      session.pumping = false;
    }
  }

  private storeFailed(session: Session, err: unknown): void {
    this.options.logger.error({ device: session.device.name, err: errorText(err) }, 'store read failed; closing the socket');
    this.remove(session);
    session.ws.close(RelayCloseCode.storeFailed, 'relay store unavailable');
  }

  /** The same cap for backlog and live frames: a reader that does not keep up is cut, never buffered for. */
  private dropIfOverBuffered(session: Session): boolean {
    if (session.ws.bufferedAmount <= this.options.maxBufferedBytes) return false;
    this.options.metrics.countSlowClient();
    this.options.logger.warn({ device: session.device.name, buffered: session.ws.bufferedAmount }, 'slow bridge dropped');
    this.remove(session);
    session.ws.terminate();
    return true;
  }

  private replaceOldestBeyondCap(device: Device): void {
    const own = [...this.sessions].filter((s) => s.device.id === device.id);
    for (const old of own.slice(0, Math.max(0, own.length - this.options.maxSocketsPerDevice + 1))) {
      this.options.logger.warn({ device: device.name }, 'socket replaced by a newer one of the same device');
      this.remove(old);
      old.ws.close(RelayCloseCode.replaced, 'replaced by a newer connection of this device');
    }
  }

  private heartbeat(): void {
    const now = this.options.clock.now();
    const slice = this.heartbeatTick++ % HEARTBEAT_SLICES;
    for (const session of this.sessions) {
      if (session.slice !== slice) continue;
      if (now - session.lastHeardMs > this.options.deadAfterMs) {
        this.options.logger.warn({ device: session.device.name }, 'bridge silent too long; terminated');
        this.remove(session);
        session.ws.terminate();
        continue;
      }
      session.ws.ping();
    }
  }

  private startHousekeeping(): void {
    if (this.housekeepingPass || this.closed) return;
    this.housekeepingPass = this.housekeeping()
      .catch((err: unknown) => this.options.logger.error({ err: errorText(err) }, 'housekeeping failed; retried next pass'))
      .finally(() => {
        this.housekeepingPass = undefined;
      });
  }

  /** Each pass costs what changed since the last one: new acks, new revocations; the rest only every few minutes. */
  private async housekeeping(): Promise<void> {
    const { store, metrics, clock } = this.options;
    await this.flushCursors();
    this.failures.sweep();
    const now = clock.now();
    if (now - this.lagCountedAt >= this.options.lagRefreshMs) {
      this.lagCountedAt = now;
      metrics.setDeviceLag(await store.deviceLags());
    }
    if (now - this.lastSeenWrittenAt >= this.options.lastSeenWriteMs) {
      this.lastSeenWrittenAt = now;
      for (const session of this.sessions) this.pendingLastSeen.set(session.device.id, new Date(now).toISOString());
    }
    await this.flushLastSeen();
    const newlyRevoked = await store.revokedAfter(this.revocationCursor);
    if (newlyRevoked.length === 0) return;
    this.revocationCursor = newlyRevoked[newlyRevoked.length - 1]!.revokedSeq;
    const revoked = new Set(newlyRevoked.map((r) => r.id));
    for (const session of this.sessions) {
      if (!revoked.has(session.device.id)) continue;
      this.options.logger.warn({ device: session.device.name }, 'token revoked; closing its socket');
      this.remove(session);
      session.ws.close(RelayCloseCode.revoked, 'token revoked');
    }
  }

  private async flushLastSeen(): Promise<void> {
    if (this.pendingLastSeen.size === 0) return;
    const batch = new Map(this.pendingLastSeen);
    this.pendingLastSeen.clear();
    await this.options.store.touchDevices(batch);
  }

  private async flushCursors(): Promise<void> {
    if (this.pendingCursors.size === 0) return;
    const batch = new Map(this.pendingCursors);
    this.pendingCursors.clear();
    try {
      await this.options.store.saveCursors(batch, new Date(this.options.clock.now()).toISOString());
    } catch (err) {
      // Put back what is not newer already: an ack must not be lost to a store hiccup.
      for (const [id, seq] of batch) this.recordAck(id, seq);
      throw err;
    }
  }
}
