import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { ActionOutcome, BridgeUpdate } from '../../common/bridge-api.js';
import type { PairedScreen, PairingCodeResult, PairKind, ScreensSettings } from '../../common/screens.js';
import type { Clock } from '../../ground/clock.js';
import type { Db } from '../store/connection.js';
import { createCredentialStore, PAIRING_CODE_MINUTES, type CredentialStore, type ScreenRow } from './credentials.js';
import { ownHostNames } from './host-check.js';
import { startHttpServer, type LaunchOption } from './http-server.js';
import { createSocketEndpoint, type Handle } from './socket-endpoint.js';
import { loadAssets } from './static-assets.js';
import { resolveLocale, type UiLocale } from '../../common/i18n/locales.js';
import { screenWordsByLocale, type ScreenWords } from './words.js';

// LAN screens for one bridge process: the server (started, moved or stopped as the `screens`
// settings say), the pairing and screen list the desktop window and the CLI use, and the core's
// pushes forwarded to every screen. The database is read through a getter: the desktop core reopens
// it when a settings change restarts the bridge.

export type ScreenServiceOptions = {
  db: () => Db;
  clock: Clock;
  logger: Logger;
  handle: Handle;
  /** The directory of the renderer build (index.html, app.js, screen-link.js). */
  rendererDir: string;
  /** Printer ids a station screen may be paired for. */
  stations: () => readonly string[];
  launch?: LaunchOption;
  heartbeatMs?: number;
  /** Tests: this computer's addresses instead of the real interfaces. */
  hostNames?: (configured: readonly string[]) => Set<string>;
  pairLimit?: { perKey: number; global: number; windowMs: number };
  /** The desktop window's language (its settings), for what pairing and removing a screen say there; empty or absent: the OS's. */
  language?: () => string;
};

/** Writing last-seen once a minute is enough for "last seen" and keeps idle screens off the disk. */
const SEEN_WRITE_MS = 60_000;

export type ScreenAdmin = {
  pair(kind: PairKind): PairingCodeResult;
  list(): PairedScreen[];
  revoke(id: number): ActionOutcome;
};

/** The addresses a LAN screen can open: the configured names, then this computer's LAN addresses. */
function screenUrls(settings: ScreensSettings, port: number): string[] {
  const lan = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((nic) => nic.family === 'IPv4' && !nic.internal).map((nic) => nic.address));
  const hosts = settings.bind === '0.0.0.0' ? [...settings.hostNames, ...lan] : [...settings.hostNames, settings.bind];
  return [...new Set(hosts.length > 0 ? hosts : ['127.0.0.1'])].map((host) => `http://${host}:${port}/`);
}

export function screenView(row: ScreenRow, online: boolean): PairedScreen {
  return { id: row.id, kind: row.kind, station: row.station, address: row.address, pairedAt: row.paired_at, lastSeenAt: row.last_seen_at, online };
}

export function createScreenService(options: ScreenServiceOptions) {
  const { clock, logger } = options;
  // One set of prepared statements per database connection (the desktop core reopens it on a restart).
  let cached: { db: Db; store: CredentialStore } | null = null;
  const credentials = (): CredentialStore => {
    const db = options.db();
    if (cached?.db !== db) cached = { db, store: createCredentialStore(db, clock) };
    return cached.store;
  };
  const lastWritten = new Map<number, number>();
  const wordsIn = screenWordsByLocale();
  /** Read at each answer: the window's language may have changed in Settings since the service started. */
  const windowLocale = (): UiLocale => resolveLocale(options.language?.() || new Intl.PluralRules().resolvedOptions().locale);
  const words = (): ScreenWords => wordsIn(windowLocale());
  const endpoint = createSocketEndpoint({
    handle: options.handle,
    clock,
    logger,
    ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    wordsFor: (language) => wordsIn(language ?? windowLocale()),
    revoked(ids) {
      if (ids.length === 0) return [];
      // Inside the heartbeat's timer: a database that cannot answer now (busy, closing for a restart)
      // revokes nothing this beat instead of throwing out of the timer.
      try {
        const store = credentials();
        return ids.filter((id) => {
          const row = store.byId(id);
          return !row || row.revoked_at !== null;
        });
      } catch (err) {
        logger.warn({ err }, 'screen credentials could not be re-checked: trying again at the next heartbeat');
        return [];
      }
    },
    seen(conn) {
      if (conn.screenId === null) return;
      const now = clock.now();
      if (now - (lastWritten.get(conn.screenId) ?? 0) < SEEN_WRITE_MS) return;
      lastWritten.set(conn.screenId, now);
      try {
        credentials().touch(conn.screenId, conn.address);
      } catch (err) {
        logger.warn({ err }, 'screen last-seen not written');
      }
    },
  });
  let running: { server: Server; port: number; key: string } | null = null;
  let settings: ScreensSettings | null = null;

  async function stopServer(): Promise<void> {
    if (!running) return;
    const { server } = running;
    running = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  const admin: ScreenAdmin = {
    pair(kind) {
      const W = words();
      if (!settings?.enabled) return { ok: false, message: W.screensOff };
      if (kind.kind === 'station' && !options.stations().includes(kind.station)) return { ok: false, message: W.unknownStation(kind.station) };
      const { code, expiresAt } = credentials().createPairing(kind);
      logger.info({ kind }, 'screen pairing code made');
      return { ok: true, code, expiresAt, message: W.codeMade(PAIRING_CODE_MINUTES), urls: screenUrls(settings, running?.port ?? settings.port) };
    },
    list() {
      const online = endpoint.online();
      return credentials().list().map((row) => screenView(row, online.has(row.id)));
    },
    revoke(id) {
      const W = words();
      const done = credentials().revoke(id);
      endpoint.close(id);
      if (!done) return { ok: false, message: W.noSuchScreen };
      logger.info({ screen: id }, 'screen revoked');
      return { ok: true, message: W.revoked };
    },
  };

  return {
    admin,
    /** Starts, moves or stops the server to match the settings (a no-op when nothing changed). */
    async configure(next: ScreensSettings): Promise<void> {
      settings = next;
      const key = JSON.stringify(next);
      if (running?.key === key) return;
      await stopServer();
      if (!next.enabled) return;
      const names = options.hostNames ?? ((configured) => ownHostNames(configured));
      const started = await startHttpServer({
        port: next.port,
        bind: next.bind,
        hostNames: () => names(next.hostNames),
        assets: loadAssets(options.rendererDir),
        credentials,
        endpoint,
        clock,
        logger,
        newSessionId: () => `s.${randomBytes(32).toString('base64url')}`,
        ...(options.launch ? { launch: options.launch } : {}),
        ...(options.pairLimit ? { pairLimit: options.pairLimit } : {}),
      });
      running = { ...started, key };
      logger.info({ port: started.port, bind: next.bind }, 'screens: serving the board on the local network');
    },
    port: (): number | null => running?.port ?? null,
    publish: (update: BridgeUpdate): void => endpoint.publish(update),
    connected: (): number => endpoint.count(),
    async stop(): Promise<void> {
      endpoint.stop();
      await stopServer();
    },
  };
}
export type ScreenService = ReturnType<typeof createScreenService>;
