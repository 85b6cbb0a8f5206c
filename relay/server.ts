import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { pino, type Logger } from 'pino';
import { acquireInstanceLock } from '../common/instance-lock.js';
import { BridgeHub } from './bridge/hub.js';
import { systemClock, type Clock } from '../ground/clock.js';
import { Pruner } from './housekeeping/pruner.js';
import { BodyBudget } from './http/body-budget.js';
import { TrustedProxies } from './http/client-address.js';
import { ConnectionGuard } from './http/connection-guard.js';
import { DEFAULT_INTAKE_LIMITS, type IntakeLimits } from './http/limits.js';
import { createMetricsServer, serveMetricsWithToken } from './http/metrics-endpoint.js';
import { sendJson } from './http/respond.js';
import { RelayMetrics } from './metrics.js';
import { openRelayStore, parseStoreLocation } from './store/open-store.js';
import type { RelayStore } from './store/relay-store.js';
import { handleWebhook } from './webhook/intake.js';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_SOCKETS_PER_DEVICE = 2;
export const DEFAULT_TOMBSTONE_RETENTION_MS = 90 * DAY_MS;
export const DEFAULT_QUARANTINE_MAX_ROWS = 1000;
export const DEFAULT_FAILED_UPGRADES_PER_MINUTE = 20;
export const CURSOR_EXPIRY_RETENTIONS = 4;

/** Another relay serves this data directory: its events would reach no bridge of this one. */
export class RelayLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RelayLockedError';
  }
}

export type RelayOptions = {
  /** 0 picks a free port; the chosen one is in the result. */
  port: number;
  host?: string;
  /** A data directory (SQLite, one relay) or a postgres:// URL (one of several relay nodes on one database). */
  store: string;
  /** Connections per node to a PostgreSQL store. */
  poolSize?: number;
  /** Webhook secrets; several during a rotation. */
  secrets: ReadonlyArray<string | Buffer>;
  clock?: Clock;
  retentionMs?: number;
  pingIntervalMs?: number;
  deadAfterMs?: number;
  logger?: Logger;
  tls?: { cert: string | Buffer; key: string | Buffer };
  maxBufferedBytes?: number;
  replayChunk?: number;
  maxSocketsPerDevice?: number;
  failedUpgradesPerMinute?: number;
  /** Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For names the client (`--trusted-proxy`). */
  trustedProxies?: readonly string[];
  lagRefreshMs?: number;
  lastSeenWriteMs?: number;
  /** Bearer token that opens GET /metrics on the public listener (RELAY_METRICS_TOKEN). */
  metricsToken?: string;
  /** Serves GET /metrics without a token on 127.0.0.1:metricsPort instead (0 picks a free port). */
  metricsPort?: number;
  housekeepingMs?: number;
  pruneIntervalMs?: number;
  /** How long a body's hash keeps deduping after its event was pruned. */
  tombstoneRetentionMs?: number;
  /** How long a device's unacked events are kept for it (default CURSOR_EXPIRY_RETENTIONS × the retention). */
  cursorExpiryMs?: number;
  quarantineMaxRows?: number;
  limits?: Partial<IntakeLimits>;
};

export type RunningRelay = {
  port: number;
  /** http(s)://host:port */
  url: string;
  /** ws(s)://host:port/v1/bridge */
  bridgeUrl: string;
  /** http://127.0.0.1:P/metrics when a metrics port was asked for. */
  metricsUrl: string | undefined;
  close(): Promise<void>;
};

/** Starts the relay in this process: webhook intake, bridge sockets, health and metrics. */
export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? pino();
  const retentionMs = options.retentionMs ?? 7 * DAY_MS;
  const cursorExpiryMs = options.cursorExpiryMs ?? CURSOR_EXPIRY_RETENTIONS * retentionMs;
  const location = parseStoreLocation(options.store);
  const proxies = new TrustedProxies(options.trustedProxies ?? []);
  // One SQLite relay per data directory: a second one's events would reach no bridge of the first.
  // PostgreSQL stores are shared by design: every node sees every commit.
  let releaseLock = (): void => undefined;
  if (location.kind === 'sqlite') {
    mkdirSync(location.dataDir, { recursive: true });
    const locked = acquireInstanceLock(location.dataDir, 'relay');
    if (!locked.ok) throw new RelayLockedError(locked.message);
    releaseLock = () => locked.lock.release();
  }
  let store: RelayStore;
  try {
    store = await openRelayStore(location, { logger, ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }) });
  } catch (err) {
    releaseLock();
    throw err;
  }
  const metrics: RelayMetrics = new RelayMetrics({
    connectedDevices: (): number => hub.connectedCount,
    httpConnections: (): number => guard.connections,
    storeBytes: () => store.sizeBytes(),
  });
  const limits: IntakeLimits = { ...DEFAULT_INTAKE_LIMITS, ...options.limits };
  const budget = new BodyBudget(limits.bodyBudgetBytes, limits.smallBodyBytes);
  const guard: ConnectionGuard = new ConnectionGuard({
    maxConnections: limits.maxConnections,
    maxPerGroup: limits.maxConnectionsPerAddress,
    isTrustedProxy: (address) => proxies.includes(address),
    onEvict: () => metrics.countEvictedConnection(),
  });
  const secrets = options.secrets.map((s) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s));
  const abandon = async (err: unknown): Promise<never> => {
    await store.close();
    releaseLock();
    throw err;
  };
  const hub: BridgeHub = await BridgeHub.start({
    store,
    clock,
    metrics,
    logger,
    pingIntervalMs: options.pingIntervalMs ?? 5000,
    deadAfterMs: options.deadAfterMs ?? 15_000,
    maxBufferedBytes: options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
    replayChunk: options.replayChunk ?? 200,
    maxSocketsPerDevice: options.maxSocketsPerDevice ?? DEFAULT_MAX_SOCKETS_PER_DEVICE,
    housekeepingMs: options.housekeepingMs ?? 1000,
    failedUpgradesPerMinute: options.failedUpgradesPerMinute ?? DEFAULT_FAILED_UPGRADES_PER_MINUTE,
    clientAddress: (req) => proxies.clientOf(req),
    lagRefreshMs: options.lagRefreshMs ?? 30_000,
    lastSeenWriteMs: options.lastSeenWriteMs ?? 5 * 60_000,
  }).catch(abandon);
  const stopWatching = await store
    .watchAppends({ appended: (notice) => hub.publish(notice), resync: () => hub.resync() })
    .catch(async (err: unknown) => {
      await hub.close();
      return abandon(err);
    });
  const pruner = new Pruner({
    store,
    clock,
    logger,
    retentionMs,
    tombstoneRetentionMs: options.tombstoneRetentionMs ?? Math.max(DEFAULT_TOMBSTONE_RETENTION_MS, cursorExpiryMs),
    cursorExpiryMs,
    quarantineMaxRows: options.quarantineMaxRows ?? DEFAULT_QUARANTINE_MAX_ROWS,
    batchRows: 500,
    intervalMs: options.pruneIntervalMs ?? 60 * 60 * 1000,
  });

  const route = (req: IncomingMessage, res: ServerResponse): void => {
    guard.requestStarted(req, res);
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/webhooks/klikit') {
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'use POST' }, { allow: 'POST' });
      res.once('finish', metrics.startAnswerTimer());
      handleWebhook(req, res, {
        secrets,
        maxBodyBytes: limits.maxBodyBytes,
        budget,
        commit: (event) => store.appendEvent(event),
        quarantine: (entry) => store.addToQuarantine(entry),
        clock,
        metrics,
        logger,
        onStored: (notice) => {
          if (!store.announcesOwnAppends) hub.publish(notice);
        },
        onDuplicate: (branchId) => hub.wakeBranch(branchId),
      }).catch((err: Error) => {
        logger.error({ path, err: err.message }, 'webhook intake failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      });
      return;
    }
    if (path === '/healthz' && req.method === 'GET') return sendJson(res, 200, { status: 'ok' });
    if (path === '/metrics' && req.method === 'GET') {
      void serveMetricsWithToken(req, res, metrics, { token: options.metricsToken });
      return;
    }
    sendJson(res, 404, { error: 'not found' });
  };

  // Node's own request timeout is checked only every 30 s by default: a stalled body would be held that long.
  const timeouts = {
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, limits.requestTimeoutMs / 4),
  };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key, handshakeTimeout: limits.requestTimeoutMs, ...timeouts }, route)
    : createHttpServer(timeouts, route);
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    if (!guard.admit(socket)) socket.destroy();
  });
  server.on('upgrade', (req, socket, head) => {
    guard.release(req.socket);
    if ((req.url ?? '').split('?')[0] !== '/v1/bridge') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    hub.handleUpgrade(req, socket, head);
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`, () => socket.destroy());
    else socket.destroy();
  });

  const host = options.host ?? '127.0.0.1';
  const metricsServer = options.metricsPort === undefined ? undefined : createMetricsServer(metrics);
  try {
    await listen(server, options.port, host);
    if (metricsServer) await listen(metricsServer, options.metricsPort!, '127.0.0.1');
  } catch (err) {
    await pruner.stop();
    server.close();
    await hub.close();
    await stopWatching();
    return abandon(err);
  }
  const port = (server.address() as AddressInfo).port;
  const scheme = options.tls ? 'https' : 'http';
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `${scheme}://${urlHost}:${port}`;
  const metricsUrl = metricsServer ? `http://127.0.0.1:${(metricsServer.address() as AddressInfo).port}/metrics` : undefined;
  logger.info({ port, host, url, metricsUrl, store: store.description }, 'listening');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await pruner.stop();
      // Stop accepting first; the server reports closed only once in-flight webhooks were committed and answered.
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      metricsServer?.close();
      metricsServer?.closeAllConnections();
      await hub.close();
      await stopped;
      await stopWatching();
      await store.close();
      releaseLock();
      logger.info('relay stopped');
    })();
    return closing;
  };
  return { port, url, bridgeUrl: `${scheme === 'https' ? 'wss' : 'ws'}://${urlHost}:${port}/v1/bridge`, metricsUrl, close };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
