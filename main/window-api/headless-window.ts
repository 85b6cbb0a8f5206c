import type { Logger } from 'pino';
import type { BridgeResult, BridgeUpdate } from '../../common/bridge-api.js';
import { DEFAULT_SETTINGS } from '../../common/settings.js';
import type { Bridge } from '../core/bridge.js';
import type { Clock, Random } from '../../ground/clock.js';
import { statusTableOf, type BridgeConfig } from '../core/config.js';
import { APP_VERSION } from '../diagnostics/versions.js';
import { createCandidateTester } from '../printing/candidate-test.js';
import { bridgePrinterControl, connectionSnapshot } from './bridge-deps.js';
import { startAutoAccept, type AutoAcceptRunOptions } from './auto-accept-runner.js';
import { startOutbox, startStockOutbox } from './core-host.js';
import { dayStatsForWindow } from './day-stats-window.js';
import type { ScreenAdmin } from './deps.js';
import { createRequestHandler } from './dispatcher.js';
import { memorySecretStore } from './settings-file.js';
import { createTicketPreviewer } from './ticket-preview.js';
import { BOARD_WRITES, startUpdateFeed } from './update-feed.js';
import { createWindowApi } from './window-api.js';
import { createCoreLanguage, type CoreLanguage } from '../core/core-language.js';
import type { UiLocale } from '../../common/i18n/locales.js';

// The window API over a headless bridge (`npm run bridge` serving LAN screens or browser mode): the
// board's queries and actions as the desktop window has them, with the order-action outbox and the
// auto-accept rule. Its
// config file is its settings: nothing here writes settings or holds a secret a screen could ask for.

const HEADLESS = 'The headless bridge is set up by its config file, not from a screen.';

export type HeadlessWindowOptions = {
  bridge: Bridge;
  config: BridgeConfig;
  clock: Clock;
  random: Random;
  logger: Logger;
  publish(update: BridgeUpdate): void;
  screens?: ScreenAdmin;
  /** The language of the window's sentences; default: the settings' default, the computer's language. */
  language?: CoreLanguage;
} & Pick<AutoAcceptRunOptions, 'isOutOfStock' | 'autoAcceptCheckMs'>;

/** `reader`: the language a LAN screen reads, for the sentences in its answer (null or absent: the computer's). */
export type HeadlessHandler = (method: unknown, rawArgs: unknown, reader?: UiLocale | null) => Promise<BridgeResult<unknown>>;

export function startHeadlessWindow(options: HeadlessWindowOptions): { handle: HeadlessHandler; stop(): Promise<void> } {
  const { bridge, config, clock, logger } = options;
  const language = options.language ?? createCoreLanguage(DEFAULT_SETTINGS.language);
  const words = language.words;
  const outbox = startOutbox(bridge, config, { ...options, words });
  const stock = startStockOutbox(bridge, config, { ...options, words });
  const stopAutoAccept = startAutoAccept(bridge, outbox, config, options);
  const printers = (): BridgeConfig['printers'] => config.printers;
  const api = createWindowApi({
    db: bridge.db,
    clock,
    printers: bridgePrinterControl(bridge, printers, clock, words),
    connection: { current: () => connectionSnapshot(bridge.state()) },
    settings: {
      read: () => DEFAULT_SETTINGS,
      write: () => {
        throw new Error(HEADLESS);
      },
    },
    secrets: memorySecretStore(),
    checkPrinterAddress: () => HEADLESS,
    discoverPrinters: async () => [],
    testCandidate: createCandidateTester({ clock, words }),
    actions: outbox,
    preview: createTicketPreviewer({ db: bridge.db, printers, statusTable: statusTableOf(config) }),
    statusTable: statusTableOf(config),
    stations: printers,
    app: {
      status: () => ({ phase: 'disabled', currentVersion: APP_VERSION, version: null, percent: null, detail: words().t('core.update.byInstaller') }),
      exportDiagnostics: async () => ({ ok: false, message: words().t('core.diagnostics.headless') }),
    },
    ...(options.screens ? { screens: options.screens } : {}),
    stock,
    acceptance: () => config.acceptance,
    timeZone: config.ticket.timeZone,
    dayStats: dayStatsForWindow(bridge.dayStats, config.dataDir, logger),
    words,
  });
  const feed = startUpdateFeed(api, options.publish);
  const handle = createRequestHandler(api, (message) => logger.warn(message));
  return {
    async handle(method, args, reader = null) {
      const result = await language.answerIn(reader, () => handle(method, args));
      if (result.ok && BOARD_WRITES.has(String(method))) feed.nudge();
      return result;
    },
    async stop() {
      stopAutoAccept();
      feed.stop();
      await outbox.stop();
      await stock.stop();
    },
  };
}
