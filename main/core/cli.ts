import { join, resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { BRIDGE_LOG_FILE, exportHeadlessDiagnostics } from '../diagnostics/headless.js';
import { DEFAULT_LOG_ROTATION, LOG_DIR, openRotatingFile } from '../diagnostics/rotating-file.js';
import { scrubUrlCredentials } from '../diagnostics/redact.js';
import { systemClock, systemRandom } from '../../ground/clock.js';
import { loadConfig, redactConfig, SECRET_LOG_PATHS } from './config.js';
import { startBridge, type Bridge } from './bridge.js';
import { serveHealth } from './health-server.js';
import { serveScreens, type ServedScreens } from './serve-screens.js';
import { mkdirSync } from 'node:fs';
import { openDatabase, type Db } from '../store/connection.js';
import { DATABASE_FILE } from './bridge.js';
import type { BridgeConfig } from './config.js';
import { listFromCli, pairFromCli, revokeFromCli } from '../screens/admin-cli.js';
import { errorText } from '../../common/error-text.js';
import { DAY_NUMBERS_MAX_DAYS } from '../../common/kitchen-defaults.js';
import { exportHeadlessDayNumbers } from '../stats/headless-export.js';
import type { Translator } from '../../common/i18n/translator.js';
import { cliLanguage } from './cli-language.js';

// The headless bridge: `npm run bridge -- --config FILE [--health-port P] [--health-log-ms MS]`.
// Structured logs on stdout and in <dataDir>/logs/bridge.log (rotated, size-capped); SIGTERM/SIGINT
// finish the job in flight, close the socket and the DB. `--diagnostics OUT.zip` writes the support
// archive instead of starting a bridge (beside a running one is fine); `--day-numbers OUT.csv [--days N]`
// writes the day in numbers as CSV the same way. `--lang TAG` words the sentences for the person at the
// terminal (default: the computer's language); the JSON log lines keep their fields and English event
// names for log tools, only an argument error's text is in that language.

// Option names and placeholders, the same in every language.
const SYNOPSIS =
  'npm run bridge -- --config FILE [--health-port PORT] [--health-log-ms MS] [--diagnostics OUT.zip] [--day-numbers OUT.csv [--days N]] [--window] [--lang TAG]\n' +
  '       npm run bridge -- --config FILE (--pair counter|expo|pickup|station:PRINTER | --screens | --revoke-screen ID) [--lang TAG]';

type ScreensCommand = { pair: string } | { list: true } | { revoke: string };
type CliArgs = { config: string; healthPort?: number; healthLogMs: number; diagnostics?: string; dayNumbers?: string; days?: number; window: boolean; screens?: ScreensCommand };

function parseCli(argv: string[], { t }: Translator): CliArgs | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        config: { type: 'string' },
        'health-port': { type: 'string' },
        'health-log-ms': { type: 'string', default: '60000' },
        diagnostics: { type: 'string' },
        window: { type: 'boolean', default: false },
        pair: { type: 'string' },
        screens: { type: 'boolean', default: false },
        'revoke-screen': { type: 'string' },
        'day-numbers': { type: 'string' },
        days: { type: 'string' },
      },
    }));
  } catch (err) {
    return { error: t('cli.badArguments', { error: errorText(err) }) };
  }
  const config = values.config ?? process.env.BRIDGE_CONFIG;
  if (!config) return { error: t('cli.bridge.missingConfig') };
  const healthPort = values['health-port'] === undefined ? undefined : Number(values['health-port']);
  if (healthPort !== undefined && !(Number.isInteger(healthPort) && healthPort >= 0 && healthPort <= 65_535)) {
    return { error: t('cli.bridge.badPort', { value: values['health-port'] }) };
  }
  const healthLogMs = Number(values['health-log-ms']);
  if (!(Number.isInteger(healthLogMs) && healthLogMs > 0)) return { error: t('cli.bridge.badLogMs') };
  const diagnostics = values.diagnostics;
  if (diagnostics !== undefined && !diagnostics.endsWith('.zip')) return { error: t('cli.bridge.badDiagnostics', { value: diagnostics }) };
  const dayNumbers = values['day-numbers'];
  if (dayNumbers !== undefined && !dayNumbers.endsWith('.csv')) return { error: t('cli.bridge.badDayNumbers', { value: dayNumbers }) };
  const days = values.days === undefined ? undefined : Number(values.days);
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= DAY_NUMBERS_MAX_DAYS)) return { error: t('cli.bridge.badDays', { max: DAY_NUMBERS_MAX_DAYS }) };
  if (days !== undefined && dayNumbers === undefined) return { error: t('cli.bridge.daysAlone') };
  const commands: ScreensCommand[] = [
    ...(values.pair !== undefined ? [{ pair: values.pair }] : []),
    ...(values.screens ? [{ list: true as const }] : []),
    ...(values['revoke-screen'] !== undefined ? [{ revoke: values['revoke-screen'] }] : []),
  ];
  if (commands.length > 1) return { error: t('cli.bridge.oneScreensCommand') };
  return {
    config,
    healthPort,
    healthLogMs,
    window: values.window,
    ...(diagnostics ? { diagnostics: resolvePath(diagnostics) } : {}),
    ...(dayNumbers ? { dayNumbers: resolvePath(dayNumbers) } : {}),
    ...(days !== undefined ? { days } : {}),
    ...(commands[0] ? { screens: commands[0] } : {}),
  };
}

/** --pair, --screens, --revoke-screen: through the database beside a running bridge (main/screens/admin-cli.ts). */
function screensCommand(config: BridgeConfig, command: ScreensCommand, { t }: Translator): number {
  let db: Db;
  try {
    mkdirSync(config.dataDir, { recursive: true });
    db = openDatabase(join(config.dataDir, DATABASE_FILE));
  } catch (err) {
    process.stderr.write(`${t('cli.bridge.databaseUnopened', { error: errorText(err) })}\n`);
    return 1;
  }
  try {
    const result =
      'pair' in command
        ? pairFromCli(db, systemClock, config.screens, config.printers.map((p) => p.id), command.pair)
        : 'list' in command
          ? listFromCli(db, systemClock)
          : revokeFromCli(db, systemClock, command.revoke);
    if (!result.ok) {
      process.stderr.write(`${result.error}\n`);
      return 2;
    }
    process.stdout.write(`${result.lines.join('\n')}\n`);
    return 0;
  } finally {
    db.close();
  }
}

async function main(): Promise<number> {
  const streams = pino.multistream([{ stream: pino.destination(1) }]);
  const logger = pino({ redact: SECRET_LOG_PATHS, base: { pid: process.pid }, hooks: { streamWrite: scrubUrlCredentials } }, streams);
  const language = cliLanguage(process.argv.slice(2));
  const { words } = language;
  const args = 'error' in language ? language : parseCli(language.args, words);
  if ('error' in args) {
    logger.error(`${args.error}\n${words.t('cli.usage', { synopsis: SYNOPSIS })}`);
    return 2;
  }
  const loaded = loadConfig(args.config);
  if (!loaded.ok) {
    logger.error({ config: args.config }, loaded.error);
    return 2;
  }
  const config = loaded.config;
  if (args.screens) return screensCommand(config, args.screens, words);
  if (args.diagnostics) {
    try {
      const written = await exportHeadlessDiagnostics({ config, outPath: args.diagnostics, clock: systemClock });
      logger.info(written, 'diagnostics archive written');
      return 0;
    } catch (err) {
      logger.error({ err, path: args.diagnostics }, 'the diagnostics archive could not be written');
      return 1;
    }
  }
  if (args.dayNumbers) {
    try {
      const written = await exportHeadlessDayNumbers({ config, outPath: args.dayNumbers, days: args.days, clock: systemClock });
      logger.info(written, 'day in numbers written');
      return 0;
    } catch (err) {
      logger.error({ err, path: args.dayNumbers }, 'the day in numbers could not be written');
      return 1;
    }
  }
  const logFile = openRotatingFile({ path: join(config.dataDir, LOG_DIR, BRIDGE_LOG_FILE), ...DEFAULT_LOG_ROTATION });
  streams.add({ stream: logFile });
  logger.info({ config: redactConfig(config) }, 'starting bridge');

  // Listening before anything is announced: a supervisor that sends SIGTERM as soon as it reads
  // "health endpoint listening" must get a clean stop, not the default action of an unhandled signal.
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  let bridge: Bridge;
  try {
    bridge = await startBridge(config, { clock: systemClock, random: systemRandom, logger });
  } catch (err) {
    logger.error({ err }, 'bridge could not start');
    return 3;
  }
  let served: ServedScreens | undefined;
  try {
    served = await serveScreens(bridge, config, args.window, logger);
  } catch (err) {
    logger.error({ err }, 'screens: the board could not be served');
    await bridge.stop();
    return 1;
  }
  // Accepting goes through the board's outbox: with no board served, nothing would ever be accepted by the rule.
  if (!served && config.acceptance.autoAcceptBelowOpenOrders > 0) {
    logger.warn('acceptance.autoAcceptBelowOpenOrders is set but no board is served: nothing is accepted by itself. Turn on screens (screens.enabled) or run the desktop app.');
  }
  const port = args.healthPort ?? config.healthPort;
  const server = port === undefined ? undefined : await serveHealth(() => bridge.health(), port, logger);
  const healthLog = setInterval(() => {
    const h = bridge.health();
    logger.info({ mode: h.connection.mode, queue: h.queueDepth, lastOrder: h.lastOrder?.id ?? null, printers: h.printers.map((p) => `${p.printerId}:${p.status.state}`) }, 'health');
  }, args.healthLogMs);
  healthLog.unref();

  const signal = await signalled;
  logger.info({ signal }, 'shutting down');
  clearInterval(healthLog);
  server?.close();
  try {
    await served?.stop();
    await bridge.stop();
    return 0;
  } catch (err) {
    logger.error({ err }, 'unclean shutdown');
    return 1;
  }
}

process.exitCode = await main();
