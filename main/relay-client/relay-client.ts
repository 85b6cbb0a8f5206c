import WebSocket from 'ws';
import type { Logger } from 'pino';
import { fullJitterDelay } from '../../ground/backoff.js';
import type { Clock, Random } from '../../ground/clock.js';
import type { RelayLinkStatus } from '../core/connection-state.js';
import { RelayCloseCode } from '../../common/relay-protocol.js';
import { ackFrame, helloFrame, parseFrame, type EventFrame } from './frames.js';

// The one owner of the relay socket: hello/resume, acks after commit, heartbeats, dead-link and
// sleep detection, reconnects with full-jitter backoff. With several relay nodes over one store, a
// failed or dead link moves to the next node: every node serves every device from the same log, so
// the cursor means the same thing on each of them.

/** Frames committed in one transaction at most: bounds the time the event loop is held by a replay. */
const MAX_BATCH = 200;

export type BadFrame = { raw: string; reason: string; seq: number | undefined; eventId: string | undefined; eventType: string | undefined };

export type RelayClientTiming = {
  pingIntervalMs: number;
  deadAfterMs: number;
  reconnectBaseMs: number;
  reconnectCapMs: number;
  ackBatchMs: number;
  ackBatchSize: number;
};

export type RelayClientOptions = {
  /** The relay nodes to use, in order of preference; nodes of one relay (one store), never different relays. */
  urls: readonly string[];
  token: string;
  clock: Clock;
  random: Random;
  logger: Logger;
  timing: RelayClientTiming;
  /** The last seq committed in the bridge's database: the `after` of each hello. */
  cursor: () => number;
  /**
   * Commits consecutive events (synchronously), all or none: one transaction for a burst is what lets
   * a catch-up run at disk speed rather than one fsync per event. False (or a throw) means "not
   * committed": no ack, and a fresh connection makes the relay replay them.
   */
  deliver: (frames: EventFrame[]) => boolean;
  /** Records a frame that is not a usable event (quarantine); it is acked afterwards when it has a seq. */
  reject: (bad: BadFrame) => void;
  onStatus: (status: RelayLinkStatus, detail: string) => void;
  /**
   * The relay pruned events before this bridge acked them (close 4010): whatever they held must be
   * fetched from klikit or looked up by staff. Called once per such close, before the reconnect.
   */
  onCursorExpired?: (reason: string) => void;
};

export type RelayClient = {
  start(): void;
  stop(): Promise<void>;
  status(): RelayLinkStatus;
  /** Treat the link as suspect now (the OS reported a resume, the network changed...). */
  suspect(reason: string): void;
};

/** A relay given as `ws://host:port` means its bridge endpoint, `/v1/bridge`. */
export function bridgeEndpoint(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === '/' || parsed.pathname === '') parsed.pathname = '/v1/bridge';
  return parsed.toString();
}

export function createRelayClient(options: RelayClientOptions): RelayClient {
  const { clock, random, logger, timing } = options;
  const log = logger.child({ component: 'relay-client' });
  if (options.urls.length === 0) throw new TypeError('relay client needs at least one relay URL');
  const endpoints = options.urls.map(bridgeEndpoint);
  let node = 0;
  let status: RelayLinkStatus = 'connecting';
  let socket: WebSocket | undefined;
  let stopped = true;
  let attempt = 0;
  let lastTrafficAt = 0;
  let deadline = 0;
  let pendingAck: number | undefined;
  let pendingCount = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let pingTimer: NodeJS.Timeout | undefined;
  let deadTimer: NodeJS.Timeout | undefined;
  let ackTimer: NodeJS.Timeout | undefined;
  let batch: EventFrame[] = [];
  let batchFlush: NodeJS.Immediate | undefined;
  let closed: Promise<void> = Promise.resolve();

  function setStatus(next: RelayLinkStatus, detail: string): void {
    if (next !== status) log.info({ from: status, to: next, detail }, 'relay link %s', next);
    status = next;
    options.onStatus(next, detail);
  }

  function clearLinkTimers(): void {
    clearTimeout(pingTimer);
    clearTimeout(deadTimer);
    clearTimeout(ackTimer);
    pingTimer = deadTimer = ackTimer = undefined;
  }

  function alive(): void {
    lastTrafficAt = clock.now();
    deadline = lastTrafficAt + timing.deadAfterMs;
  }

  function flushAcks(): void {
    clearTimeout(ackTimer);
    ackTimer = undefined;
    if (pendingAck === undefined || !socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(ackFrame(pendingAck));
    pendingAck = undefined;
    pendingCount = 0;
  }

  function queueAck(seq: number, events = 1): void {
    pendingAck = Math.max(pendingAck ?? 0, seq);
    pendingCount += events;
    if (pendingCount >= timing.ackBatchSize) flushAcks();
    else ackTimer ??= setTimeout(flushAcks, timing.ackBatchMs);
  }

  // One timer re-armed at the current deadline rather than reset on every frame: traffic only moves
  // the deadline, and the timer checks it when it fires.
  function armDeadTimer(ws: WebSocket): void {
    deadTimer = setTimeout(() => {
      if (socket !== ws) return;
      const now = clock.now();
      if (now >= deadline) {
        log.warn({ silentMs: now - lastTrafficAt }, 'relay link silent: terminating');
        ws.terminate();
        return;
      }
      armDeadTimer(ws);
    }, Math.max(1, deadline - clock.now()));
  }

  // The ping timer doubles as the sleep detector: a timer that fires far later than scheduled means
  // the process (or the machine) was suspended, and the TCP connection is probably gone.
  function armPingTimer(ws: WebSocket, expectedAt: number): void {
    pingTimer = setTimeout(() => {
      if (socket !== ws) return;
      const lateBy = clock.now() - expectedAt;
      if (lateBy > timing.pingIntervalMs) suspectLink(ws, `timer fired ${lateBy} ms late (machine slept?)`);
      else ws.ping();
      armPingTimer(ws, clock.now() + timing.pingIntervalMs);
    }, timing.pingIntervalMs);
  }

  function suspectLink(ws: WebSocket, reason: string): void {
    log.warn({ reason }, 'relay link suspect: pinging now');
    deadline = Math.min(deadline, clock.now() + timing.pingIntervalMs);
    ws.ping();
    clearTimeout(deadTimer);
    armDeadTimer(ws);
  }

  function onMessage(ws: WebSocket, data: WebSocket.RawData): void {
    alive();
    const raw = data.toString();
    const parsed = parseFrame(raw);
    if (parsed.kind === 'other') {
      log.debug({ type: parsed.type }, 'relay frame ignored');
      return;
    }
    if (parsed.kind === 'bad') {
      if (!flushBatch(ws)) return;
      log.warn({ reason: parsed.reason, seq: parsed.seq }, 'bad relay frame quarantined');
      try {
        options.reject({ raw, reason: parsed.reason, seq: parsed.seq, eventId: parsed.eventId, eventType: parsed.eventType });
      } catch (err) {
        log.error({ err }, 'could not quarantine a bad frame: reconnecting for a replay');
        ws.terminate();
        return;
      }
      if (parsed.seq !== undefined) queueAck(parsed.seq);
      return;
    }
    batch.push(parsed.frame);
    // Frames that arrive together (a replay, a burst) are committed together once this I/O turn is over.
    if (batch.length >= MAX_BATCH) flushBatch(ws);
    else batchFlush ??= setImmediate(() => flushBatch(ws));
  }

  /** Commits the frames received so far; false when they were not committed (the link is being dropped). */
  function flushBatch(ws: WebSocket): boolean {
    clearImmediate(batchFlush);
    batchFlush = undefined;
    const frames = batch;
    batch = [];
    if (frames.length === 0) return true;
    if (socket !== ws) return false;
    let committed: boolean;
    try {
      committed = options.deliver(frames);
    } catch (err) {
      log.error({ err, seqs: [frames[0]!.seq, frames.at(-1)!.seq] }, 'ingest threw');
      committed = false;
    }
    if (!committed) {
      // Without the commit there is no ack; a fresh connection makes the relay replay from the cursor.
      ws.terminate();
      return false;
    }
    queueAck(frames.at(-1)!.seq, frames.length);
    return true;
  }

  function scheduleReconnect(detail: string): void {
    if (stopped) return;
    node = (node + 1) % endpoints.length;
    const delay = fullJitterDelay(attempt++, { baseMs: timing.reconnectBaseMs, capMs: timing.reconnectCapMs }, random);
    setStatus('down', detail);
    log.info({ delayMs: delay, attempt, relay: endpoints[node] }, 'reconnecting to relay');
    reconnectTimer = setTimeout(connect, delay);
  }

  function connect(): void {
    reconnectTimer = undefined;
    if (stopped) return;
    const endpoint = endpoints[node]!;
    const ws = new WebSocket(endpoint, {
      headers: { authorization: `Bearer ${options.token}` },
      handshakeTimeout: timing.deadAfterMs,
    });
    socket = ws;
    let rejectedStatus: number | undefined;
    // Backoff restarts at an open link, except when the relay then closes it for a reason that a
    // quick reconnect would meet again (a bridge sharing our token replaces us right back).
    let attemptsBeforeOpen = attempt;
    closed = new Promise((resolve) => ws.once('close', () => resolve()));

    ws.on('unexpected-response', (_req, res) => {
      rejectedStatus = res.statusCode;
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => {
      alive();
      attemptsBeforeOpen = attempt;
      attempt = 0;
      ws.send(helloFrame(options.cursor()));
      setStatus('live', endpoints.length > 1 ? `relay connected (${new URL(endpoint).host})` : 'relay connected');
      armPingTimer(ws, clock.now() + timing.pingIntervalMs);
      armDeadTimer(ws);
    });
    ws.on('message', (data) => onMessage(ws, data));
    ws.on('pong', alive);
    ws.on('ping', alive);
    ws.on('error', (err) => log.debug({ err: err.message }, 'relay socket error'));
    ws.on('close', (code, reasonBuffer) => {
      if (socket === ws) {
        flushAcks();
        socket = undefined;
      }
      clearLinkTimers();
      clearImmediate(batchFlush);
      batchFlush = undefined;
      batch = [];
      pendingAck = undefined;
      pendingCount = 0;
      const reason = reasonBuffer.toString();
      if (stopped) return;
      if (code === RelayCloseCode.unauthorized || code === RelayCloseCode.revoked || rejectedStatus === 401 || rejectedStatus === 403) {
        setStatus('token-rejected', `relay rejected the device token (${rejectedStatus ?? code}${reason ? `: ${reason}` : ''})`);
        return;
      }
      if (code === RelayCloseCode.unsupportedProtocol) {
        setStatus('incompatible', `relay does not speak protocol 1${reason ? `: ${reason}` : ''}: update the bridge`);
        return;
      }
      if (code === RelayCloseCode.replaced) {
        attempt = attemptsBeforeOpen;
        scheduleReconnect('another bridge is using this device token (the relay replaced this connection with a newer one)');
        return;
      }
      if (code === RelayCloseCode.cursorExpired) {
        attempt = attemptsBeforeOpen;
        log.warn({ reason }, 'relay cursor expired: events were pruned before this bridge acked them');
        options.onCursorExpired?.(reason);
        scheduleReconnect('relay cursor expired: events were pruned before this bridge acked them');
        return;
      }
      scheduleReconnect(rejectedStatus ? `relay answered HTTP ${rejectedStatus}` : `link closed (${code}${reason ? ` ${reason}` : ''})`);
    });
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      setStatus('connecting', 'connecting to relay');
      connect();
    },
    async stop() {
      stopped = true;
      clearTimeout(reconnectTimer);
      const ws = socket;
      if (ws) {
        flushAcks();
        ws.close(1000, 'bridge stopping');
        const forced = setTimeout(() => ws.terminate(), 1_000);
        await closed;
        clearTimeout(forced);
      }
      clearLinkTimers();
      setStatus('stopped', 'stopped');
    },
    status: () => status,
    suspect(reason) {
      if (socket && socket.readyState === WebSocket.OPEN) suspectLink(socket, reason);
    },
  };
}
