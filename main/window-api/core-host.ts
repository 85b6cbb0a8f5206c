import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { BridgeResult, BridgeUpdate } from '../../common/bridge-api.js';
import { routesGiven, usableSecret, type RouteSettings, type Settings } from '../../common/settings.js';
import { DATABASE_FILE, startBridge, type Bridge } from '../core/bridge.js';
import type { Clock, Random } from '../../ground/clock.js';
import { parseConfig, statusTableOf, type BridgeConfig } from '../core/config.js';
import { createCandidateTester } from '../printing/candidate-test.js';
import { discoverPrinters, type DiscoverySources } from '../printing/discovery.js';
import { printerAddressProblem } from '../printing/transports/device-file.js';
import { openDatabase, type Db } from '../store/connection.js';
import { createActionOutbox, type ActionOutbox } from '../actions/outbox.js';
import { createStockOutbox, type StockOutbox } from '../availability/stock-outbox.js';
import { startAutoAccept } from './auto-accept-runner.js';
import { createOrderRefresh } from '../actions/refresh-order.js';
import { stationsWithLines } from '../actions/station-lines.js';
import { createKlikitApi } from '../klikit/api-client.js';
import { bridgePrinterControl, connectionSnapshot } from './bridge-deps.js';
import { appServices } from './app-services.js';
import type { ConnectionSnapshot, PrinterControl, SecretStore } from './deps.js';
import { createRequestHandler, type RequestHandler } from './dispatcher.js';
import { fileSettingsStore, SETTINGS_FILE } from './settings-file.js';
import { systemLocale } from '../tickets/ticket-language.js';
import { createTicketPreviewer } from './ticket-preview.js';
import { BOARD_WRITES, startUpdateFeed, type UpdateFeed } from './update-feed.js';
import { createWindowApi } from './window-api.js';
import { createScreenService, type ScreenService } from '../screens/screen-service.js';
import type { LaunchOption } from '../screens/http-server.js';
import { errorText } from '../../common/error-text.js';
import { createDayStats, type DayStats } from '../stats/day-stats-service.js';
import { dayStatsForWindow } from './day-stats-window.js';
import { createCoreLanguage } from '../core/core-language.js';
import type { Translator } from '../../common/i18n/translator.js';
import type { UiLocale } from '../../common/i18n/locales.js';

// The core process as the window sees it: the bridge built from the saved settings and secrets,
// the window API over it, and the push feed. Saving settings that change the bridge's config
// restarts the bridge (the database and its queues survive; nothing is lost in between). Until the
// bridge can start (first run, rejected config) the window still works over the database alone.

export type CoreHostOptions = {
  dataDir: string;
  clock: Clock;
  random: Random;
  logger: Logger;
  secrets: SecretStore;
  publish(update: BridgeUpdate): void;
  /** Merged into the bridge config, each top-level key replacing the settings' (tests shorten `timing`). */
  configOverrides?: Record<string, unknown>;
  feedIntervalMs?: number;
  /** better_sqlite3.node built for Electron's ABI (scripts/start-electron.mjs); default: the package's own. */
  nativeBinding?: string;
  /** Replaces some of this computer's printer discovery sources (the test core's fake ports). */
  discovery?: Partial<DiscoverySources>;
  /** Whether an order has a line marked out of stock ("86"): auto-accept leaves such an order to a person. Default: none is. */
  isOutOfStock?: (order: unknown) => boolean;
  /** How often the auto-accept rule looks for orders to accept (when it is on). */
  autoAcceptCheckMs?: number;
  /** The renderer build LAN screens are served (dist/renderer); without it Settings → Screens cannot turn them on. */
  rendererDir?: string;
  /** A per-run token for a browser on this computer to open the board with this grant (the test transport, browser mode). */
  launch?: LaunchOption;
  /** LAN screens' heartbeat (tests shorten it). */
  screensHeartbeatMs?: number;
  /** The computer's locale, for the settings' language '' (default: the OS's, main/core/core-language.ts). */
  systemLocale?: string;
};

export type CoreHost = { handle: RequestHandler; stop(): Promise<void>; screens: ScreenService };

/** The config takes only the route keys that select something: an empty key would constrain nothing anyway. */
const givenRoutes = (routes: RouteSettings): Partial<RouteSettings> =>
  Object.fromEntries(Object.entries(routes).filter(([, values]) => values.length > 0));

export function bridgeConfigFrom(settings: Settings, secrets: CoreHostOptions['secrets'], dataDir: string, overrides: Record<string, unknown> = {}) {
  // A secret goes only to the origin it was entered for: after a host change it is not used at all.
  const token = usableSecret(settings, 'relayToken', secrets.get('relayToken'));
  const secretKey = usableSecret(settings, 'klikitSecretKey', secrets.get('klikitSecretKey'));
  if (!settings.relayUrl || !token) return { ok: false as const, error: 'relay URL and device token are not set' };
  const klikit =
    settings.klikitPartnerKey && secretKey && settings.branchIds.length > 0
      ? { baseUrl: settings.klikitBaseUrl, partnerKey: settings.klikitPartnerKey, secretKey, branchIds: settings.branchIds }
      : undefined;
  return parseConfig({
    relay: { url: settings.relayUrl, token },
    ...(klikit ? { klikit } : {}),
    printers: settings.printers.map(({ routes, ...p }) => ({ ...p, statusProbe: 'best-effort', ...(routesGiven(routes) ? { routes: givenRoutes(routes) } : {}) })),
    dataDir,
    // The owner's kitchen choices; the retry windows keep the config's defaults (integrators' to change).
    actions: { undoSeconds: settings.kitchen.undoSeconds, readyWhen: settings.kitchen.readyWhen },
    staleOrderHours: settings.kitchen.staleOrderHours,
    acceptance: settings.kitchen.acceptance,
    stats: { retentionDays: settings.kitchen.statsRetentionDays },
    // Tickets speak the window's language where a printer has none of its own ('' : the OS's).
    ...(settings.language ? { ticket: { language: settings.language } } : {}),
    ...overrides,
  });
}

type Generation = { handle: RequestHandler; feed: UpdateFeed; bridge: Bridge | null; outbox: ActionOutbox | null; stock: StockOutbox | null; db: Db; configKey: string; stopAutoAccept: () => void; dayStats: DayStats };

/**
 * The order-action outbox of a running bridge: it sends to klikit when the bridge has klikit API
 * credentials (and drains again when the relay link comes back), else it keeps bumps local.
 */
export function startOutbox(bridge: Bridge, config: BridgeConfig, options: Pick<CoreHostOptions, 'clock' | 'random' | 'logger'> & { words?: () => Translator }): ActionOutbox {
  const { clock, random, logger } = options;
  const { timing, actions } = config;
  const policy = { baseDelayMs: timing.apiBackoffBaseMs, minDelayMs: timing.apiBackoffFloorMs, maxDelayMs: timing.apiBackoffCapMs };
  const api = config.klikit
    ? createKlikitApi({ baseUrl: config.klikit.baseUrl, partnerKey: config.klikit.partnerKey, secretKey: config.klikit.secretKey, clock, random, timeoutMs: timing.apiTimeoutMs, maxRetries: 0, retry: policy })
    : undefined;
  const outbox = createActionOutbox({
    db: bridge.db,
    clock,
    random,
    logger,
    api,
    policy,
    options: {
      undoMs: actions.undoSeconds * 1000,
      acceptWindowMs: actions.acceptWindowMinutes * 60_000,
      bumpWindowMs: actions.bumpWindowMinutes * 60_000,
      readyWhen: actions.readyWhen,
    },
    stationsOf: (body) => stationsWithLines(body, config.printers),
    refresh: createOrderRefresh(bridge.db, clock, bridge.ingest),
    words: options.words,
  });
  bridge.subscribe((state) => {
    if (state.mode === 'live') outbox.networkBack();
  });
  outbox.start();
  return outbox;
}

/** "86" of a running bridge: its own outbox (each SKU a lane), drained again when the relay link comes back. */
export function startStockOutbox(bridge: Bridge, config: BridgeConfig, options: Pick<CoreHostOptions, 'clock' | 'random' | 'logger'> & { words?: () => Translator }): StockOutbox {
  const { clock, random, logger } = options;
  const { timing } = config;
  const policy = { baseDelayMs: timing.apiBackoffBaseMs, minDelayMs: timing.apiBackoffFloorMs, maxDelayMs: timing.apiBackoffCapMs };
  const api = config.klikit
    ? createKlikitApi({ baseUrl: config.klikit.baseUrl, partnerKey: config.klikit.partnerKey, secretKey: config.klikit.secretKey, clock, random, timeoutMs: timing.apiTimeoutMs, maxRetries: 0, retry: policy })
    : undefined;
  const stock = createStockOutbox({ db: bridge.db, clock, random, logger, api, policy, timeZone: config.ticket.timeZone, words: options.words });
  bridge.subscribe((state) => {
    if (state.mode === 'live') stock.networkBack();
  });
  stock.start();
  return stock;
}

/** Browser mode with LAN screens off: the board for this computer only, on a free port. */
const LOOPBACK_SCREENS = { enabled: true, port: 0, bind: '127.0.0.1', hostNames: [] };

/** Printers while the bridge cannot run: each answer says to finish the settings, in the window's language. */
const noPrinters = (words: () => Translator): PrinterControl => ({
  states: () => [],
  testPrint: async () => ({ ok: false, message: words().t('core.notRunning') }),
  reprint: () => ({ ok: false, message: words().t('core.notRunning') }),
});

export async function startCoreHost(options: CoreHostOptions): Promise<CoreHost> {
  const { dataDir, clock, logger } = options;
  mkdirSync(dataDir, { recursive: true });
  const settings = fileSettingsStore(join(dataDir, SETTINGS_FILE), (message) => logger.warn(message));
  // The one owner of the core's language: switched below whenever the settings are saved.
  const language = createCoreLanguage(settings.read().language, options.systemLocale === undefined ? {} : { systemLocale: options.systemLocale });
  // One tester across bridge restarts: its tests run one at a time whatever the window asks.
  const testCandidate = createCandidateTester({ clock, language: () => settings.read().language || systemLocale(), words: language.words });
  // LAN screens outlive bridge restarts: they reach the core through `handle` below, like the window.
  const screens = createScreenService({
    db: () => current.db,
    clock,
    logger,
    handle: (method, args, reader) => answer(method, args, reader),
    rendererDir: options.rendererDir ?? '',
    stations: () => settings.read().printers.map((p) => p.id),
    language: () => settings.read().language,
    ...(options.launch ? { launch: options.launch } : {}),
    ...(options.screensHeartbeatMs ? { heartbeatMs: options.screensHeartbeatMs } : {}),
  });
  const publish = (update: BridgeUpdate): void => {
    options.publish(update);
    screens.publish(update);
  };

  async function startGeneration(): Promise<Generation> {
    const config = bridgeConfigFrom(settings.read(), options.secrets, dataDir, options.configOverrides);
    const configKey = JSON.stringify(config);
    let bridge: Bridge | null = null;
    let notRunning = '';
    if (config.ok) {
      try {
        bridge = await startBridge(config.config, { clock, random: options.random, logger, nativeBinding: options.nativeBinding });
      } catch (err) {
        notRunning = `the bridge could not start: ${errorText(err)}`;
        logger.error({ err }, 'bridge start failed');
      }
    } else {
      notRunning = config.error;
    }
    const running = bridge;
    const outbox = running && config.ok ? startOutbox(running, config.config, { ...options, words: language.words }) : null;
    const stock = running && config.ok ? startStockOutbox(running, config.config, { ...options, words: language.words }) : null;
    const stopAutoAccept = running && outbox && config.ok ? startAutoAccept(running, outbox, config.config, options) : () => {};
    const db = running?.db ?? openDatabase(join(dataDir, DATABASE_FILE), { nativeBinding: options.nativeBinding });
    const printerConfigs = (): BridgeConfig['printers'] => (config.ok ? config.config.printers : []);
    const app = appServices({ dataDir, clock, logger, db: () => db, settings, secrets: options.secrets, health: () => api.getHealth(), words: language.words });
    const dayStats = running?.dayStats ?? createDayStats({ db, clock, stations: printerConfigs, retentionDays: settings.read().kitchen.statsRetentionDays });
    const api = createWindowApi({
      db,
      clock,
      printers: running ? bridgePrinterControl(running, printerConfigs, clock, language.words) : noPrinters(language.words),
      connection: {
        current: (): ConnectionSnapshot => (running ? connectionSnapshot(running.state()) : { mode: 'unconfigured', since: null, detail: notRunning, fallback: { state: 'none', detail: '' } }),
      },
      settings,
      secrets: options.secrets,
      checkPrinterAddress: printerAddressProblem,
      discoverPrinters: () => discoverPrinters(options.discovery),
      testCandidate,
      ...(outbox ? { actions: outbox } : {}),
      preview: createTicketPreviewer({
        db,
        printers: printerConfigs,
        language: () => (config.ok ? config.config.ticket.language : undefined) ?? systemLocale(),
        ...(config.ok ? { statusTable: statusTableOf(config.config) } : {}),
      }),
      ...(config.ok ? { statusTable: statusTableOf(config.config) } : {}),
      stations: printerConfigs,
      app,
      ...(stock ? { stock } : {}),
      acceptance: () => (config.ok ? config.config.acceptance : settings.read().kitchen.acceptance),
      timeZone: config.ok ? config.config.ticket.timeZone : undefined,
      screens: screens.admin,
      words: language.words,
      dayStats: dayStatsForWindow(dayStats, dataDir, logger),
    });
    const feed = startUpdateFeed(api, publish, options.feedIntervalMs);
    return { handle: createRequestHandler(api, (message) => logger.warn(message)), feed, bridge: running, outbox, stock, db, configKey, stopAutoAccept, dayStats };
  }

  async function stopGeneration(g: Generation): Promise<void> {
    g.stopAutoAccept();
    g.feed.stop();
    await g.outbox?.stop();
    await g.stock?.stop();
    if (g.bridge) await g.bridge.stop();
    else {
      // A run or an answer paused between two slices must end before the database closes under it.
      await g.dayStats.stop();
      g.db.close();
    }
  }

  let current = await startGeneration();
  let chain: Promise<unknown> = Promise.resolve();

  /** Restarts the bridge only when the config it would get has changed. */
  function reconfigure(): Promise<void> {
    const next = chain.then(async () => {
      const key = JSON.stringify(bridgeConfigFrom(settings.read(), options.secrets, dataDir, options.configOverrides));
      if (key === current.configKey) return;
      logger.info('settings changed: restarting the bridge');
      await stopGeneration(current);
      current = await startGeneration();
      publish({ type: 'health' });
      publish({ type: 'orders' });
    });
    chain = next.catch((err: unknown) => logger.error({ err }, 'reconfigure failed'));
    return next;
  }

  /** Serves screens as Settings say; a port already taken leaves them off, said in the log, the window unharmed. */
  async function configureScreens(): Promise<void> {
    const wanted = settings.read().screens;
    const serving = !options.rendererDir ? { ...wanted, enabled: false } : options.launch && !wanted.enabled ? LOOPBACK_SCREENS : wanted;
    await screens.configure(serving).catch((err: unknown) => logger.error({ err }, 'screens: could not serve the board on the local network'));
  }

  /** One request, the window's (`reader` null) or a LAN screen's: only the answer itself is worded in the reader's language. */
  async function answer(method: unknown, args: unknown, reader: UiLocale | null): Promise<BridgeResult<unknown>> {
    await chain;
    const result = await language.answerIn(reader, () => current.handle(method, args));
    // Outside the reader's scope: the feed compares what the window shows (worded) with what it showed.
    if (result.ok && BOARD_WRITES.has(String(method))) current.feed.nudge();
    const changed =
      result.ok &&
      ((method === 'saveSettings' && (result.value as { ok: boolean }).ok) || (method === 'setSecret' && (result.value as { ok: boolean }).ok));
    // The core's own words switch here at once; tickets follow the window's language through the bridge's
    // config (ticket.language), so a language change also restarts the bridge like any config change.
    if (changed && method === 'saveSettings') language.use(settings.read().language);
    if (changed) await reconfigure().catch(() => undefined);
    if (changed && method === 'saveSettings') await configureScreens();
    return result;
  }

  const host: CoreHost = {
    screens,
    handle: (method, args) => answer(method, args, null),
    async stop() {
      await chain;
      await screens.stop();
      await stopGeneration(current);
    },
  };
  await configureScreens();
  return host;
}
