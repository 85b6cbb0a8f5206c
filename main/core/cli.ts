import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import pino, { type Logger } from 'pino';
import { systemClock, systemRandom } from './clock.js';
import { loadConfig, redactConfig, SECRET_LOG_PATHS } from './config.js';
import { startBridge, type Bridge } from './bridge.js';

// The headless bridge: `npm run bridge -- --config FILE [--health-port P] [--health-log-ms MS]`.
// Structured logs on stdout; SIGTERM/SIGINT finish the job in flight, close the socket and the DB.

const USAGE = 'usage: npm run bridge -- --config FILE [--health-port PORT] [--health-log-ms MS]';

function parseCli(argv: string[]): { config: string; healthPort?: number; healthLogMs: number } | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        config: { type: 'string' },
        'health-port': { type: 'string' },
        'health-log-ms': { type: 'string', default: '60000' },
      },
    }));
  } catch (err) {
    return { error: (err as Error).message };
  }
  const config = values.config ?? process.env.BRIDGE_CONFIG;
  if (!config) return { error: 'missing --config FILE (or BRIDGE_CONFIG)' };
  const healthPort = values['health-port'] === undefined ? undefined : Number(values['health-port']);
  if (healthPort !== undefined && !(Number.isInteger(healthPort) && healthPort >= 0 && healthPort <= 65_535)) {
    return { error: `--health-port: expected a port number, got "${values['health-port']}"` };
  }
  const healthLogMs = Number(values['health-log-ms']);
  if (!(Number.isInteger(healthLogMs) && healthLogMs > 0)) return { error: '--health-log-ms: expected a positive integer' };
  return { config, healthPort, healthLogMs };
}

function serveHealth(bridge: Bridge, port: number, logger: Logger): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/health') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const health = bridge.health();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(health));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the health endpoint is for the machine's own supervisor, not the shop's network.
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      logger.info({ url: `http://127.0.0.1:${bound}/health` }, 'health endpoint listening');
      resolve(server);
    });
  });
}

async function main(): Promise<number> {
  const logger = pino({ redact: SECRET_LOG_PATHS, base: { pid: process.pid } });
  const args = parseCli(process.argv.slice(2));
  if ('error' in args) {
    logger.error(`${args.error}\n${USAGE}`);
    return 2;
  }
  const loaded = loadConfig(args.config);
  if (!loaded.ok) {
    logger.error({ config: args.config }, loaded.error);
    return 2;
  }
  const config = loaded.config;
  logger.info({ config: redactConfig(config) }, 'starting bridge');

  let bridge: Bridge;
  try {
    bridge = await startBridge(config, { clock: systemClock, random: systemRandom, logger });
  } catch (err) {
    logger.error({ err }, 'bridge could not start');
    return 3;
  }
  const port = args.healthPort ?? config.healthPort;
  const server = port === undefined ? undefined : await serveHealth(bridge, port, logger);
  const healthLog = setInterval(() => {
    const h = bridge.health();
    logger.info({ mode: h.connection.mode, queue: h.queueDepth, lastOrder: h.lastOrder?.id ?? null, printers: h.printers.map((p) => `${p.printerId}:${p.status.state}`) }, 'health');
  }, args.healthLogMs);
  healthLog.unref();

  return new Promise<number>((resolve) => {
    const shutdown = (signal: NodeJS.Signals): void => {
      logger.info({ signal }, 'shutting down');
      clearInterval(healthLog);
      server?.close();
      bridge.stop().then(
        () => resolve(0),
        (err: unknown) => {
          logger.error({ err }, 'unclean shutdown');
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  });
}

process.exitCode = await main();
