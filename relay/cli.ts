import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { addDevice, listDevices, revokeDevice } from './admin.js';
import { parseStoreLocation } from './store/open-store.js';
import { TrustedProxies } from './http/client-address.js';
import { DEFAULT_INTAKE_LIMITS, type IntakeLimits } from './http/limits.js';
import {
  CURSOR_EXPIRY_RETENTIONS,
  DAY_MS,
  DEFAULT_FAILED_UPGRADES_PER_MINUTE,
  DEFAULT_MAX_BUFFERED_BYTES,
  DEFAULT_MAX_SOCKETS_PER_DEVICE,
  DEFAULT_QUARANTINE_MAX_ROWS,
  DEFAULT_TOMBSTONE_RETENTION_MS,
  RelayLockedError,
  startRelay,
  type RelayOptions,
} from './server.js';
import { loadWebhookSecrets } from './webhook/secrets.js';
import { errorText } from '../common/error-text.js';

class UsageError extends Error {}

/** `serve` flags for the intake bounds, each a positive integer overriding its default. */
const LIMIT_FLAGS: Record<string, keyof IntakeLimits> = {
  'request-timeout-ms': 'requestTimeoutMs',
  'max-connections': 'maxConnections',
  'max-connections-per-address': 'maxConnectionsPerAddress',
  'max-body-bytes': 'maxBodyBytes',
  'small-body-bytes': 'smallBodyBytes',
  'body-budget-bytes': 'bodyBudgetBytes',
};

/** `serve` flags for the fan-out and store bounds. */
const OPTION_FLAGS = {
  'max-buffered-bytes': 'maxBufferedBytes',
  'max-sockets-per-device': 'maxSocketsPerDevice',
  'quarantine-max-rows': 'quarantineMaxRows',
  'failed-upgrades-per-minute': 'failedUpgradesPerMinute',
} as const satisfies Record<string, keyof RelayOptions>;
const OPTION_DEFAULTS = {
  maxBufferedBytes: DEFAULT_MAX_BUFFERED_BYTES,
  maxSocketsPerDevice: DEFAULT_MAX_SOCKETS_PER_DEVICE,
  quarantineMaxRows: DEFAULT_QUARANTINE_MAX_ROWS,
  failedUpgradesPerMinute: DEFAULT_FAILED_UPGRADES_PER_MINUTE,
};
/** `info` logs each refused or duplicate webhook; `debug` also each stored one (a line per order). */
const LOG_LEVELS = ['error', 'warn', 'info', 'debug'];

const USAGE = `usage:
  relay serve --port P (--data DIR | --store postgres://USER@HOST:PORT/DB) [--pool-size N (10)] [--host 127.0.0.1|0.0.0.0] [--retention-days N] [--tombstone-days N (${DEFAULT_TOMBSTONE_RETENTION_MS / DAY_MS}, or the cursor expiry if longer)]
              [--cursor-expiry-days N (${CURSOR_EXPIRY_RETENTIONS} × retention)]
              [--tls-cert F --tls-key F] [--metrics-port P] [--trusted-proxy ADDRESS|CIDR ...] [--log-level error|warn|info|debug (info)]
              ${Object.entries(LIMIT_FLAGS).map(([flag, key]) => `[--${flag} N (${DEFAULT_INTAKE_LIMITS[key]})]`).join(' ')}
              ${Object.entries(OPTION_FLAGS).map(([flag, key]) => `[--${flag} N (${OPTION_DEFAULTS[key]})]`).join(' ')}
  relay device add STORE --name NAME --branch ID [--branch ID...]
  relay device list STORE
  relay device revoke STORE (--name NAME | --id ID)
  relay store copy --data DIR --store postgres://USER@HOST:PORT/DB
              copies a stopped SQLite relay into an empty PostgreSQL database (bridges keep their tokens and cursors)
STORE is --data DIR (SQLite: one relay) or --store postgres://… (PostgreSQL: any number of relay nodes);
without either, RELAY_STORE is read (a directory or a postgres:// URL). A PostgreSQL password goes in PGPASSWORD,
a file named by RELAY_STORE_PASSWORD_FILE, or RELAY_STORE; never in --store (the process list shows every user the arguments). The webhook secret(s) come from KLIKIT_WEBHOOK_SECRET (comma-separated during a rotation). GET /metrics needs
the bearer token in RELAY_METRICS_TOKEN, or is served without one on 127.0.0.1:P with --metrics-port P.`;

function positiveIntegerFlags<K extends string>(values: Record<string, unknown>, flags: Record<string, K>): Partial<Record<K, number>> {
  const parsed: Partial<Record<K, number>> = {};
  for (const [flag, key] of Object.entries(flags)) {
    const raw = values[flag];
    if (typeof raw !== 'string') continue;
    const value = integer(raw, `--${flag}`);
    if (value <= 0) throw new UsageError(`--${flag} must be positive, got ${value}`);
    parsed[key] = value;
  }
  return parsed;
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

/**
 * Every user of the machine can read a process's arguments (ps): a password belongs in PGPASSWORD, a
 * file named by RELAY_STORE_PASSWORD_FILE, or RELAY_STORE, which this CLI and node-postgres read instead.
 */
function warnOfPasswordInArguments(url: string): void {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (parsed.password === '' && !parsed.searchParams.has('password'))) return;
  process.stderr.write(
    'relay: warning: the password in --store is visible to every user of this machine in the process list; ' +
      'give the URL without it and the password in PGPASSWORD or a file named by RELAY_STORE_PASSWORD_FILE\n',
  );
}

/**
 * RELAY_STORE_PASSWORD_FILE names a file holding only the PostgreSQL password (a systemd credential, a
 * mounted secret); its first line becomes PGPASSWORD, which node-postgres reads for every connection
 * it opens when the URL has no password. A PGPASSWORD already set wins.
 */
function loadStorePasswordFile(): void {
  const file = process.env.RELAY_STORE_PASSWORD_FILE;
  if (!file || process.env.PGPASSWORD !== undefined) return;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`RELAY_STORE_PASSWORD_FILE: cannot read ${file}: ${errorText(err)}`);
  }
  const password = text.split(/\r?\n/)[0]!;
  if (password === '') throw new UsageError(`RELAY_STORE_PASSWORD_FILE: ${file} is empty; it must hold the password on its first line`);
  process.env.PGPASSWORD = password;
}

/** Exactly one store: `--data`, `--store`, or else RELAY_STORE. */
function storeOf(values: { data?: string | undefined; store?: string | undefined }): string {
  if (values.data !== undefined && values.store !== undefined) throw new UsageError('give --data or --store, not both');
  if (values.store !== undefined && parseStoreLocation(values.store).kind !== 'postgres') {
    throw new UsageError(`--store must be a postgres:// URL, got ${JSON.stringify(values.store.replace(/:[^:@/]*@/, ':***@'))}; a data directory is --data`);
  }
  if (values.store !== undefined) warnOfPasswordInArguments(values.store);
  const store = values.data ?? values.store ?? process.env.RELAY_STORE;
  if (store === undefined || store === '') throw new UsageError('--data DIR or --store postgres://… is required (or RELAY_STORE)');
  return store;
}

function integer(value: string, flag: string): number {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`${flag} must be an integer, got ${JSON.stringify(value)}`);
  return Number(value);
}

/**
 * Resolves with the first SIGTERM or SIGINT. Listened for before anything else: until a listener
 * exists the signal's default action kills the process, so a stop sent while the relay starts (a deploy,
 * a supervisor that saw its first log line) would skip the orderly close and leave its exit unexplained.
 */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
}

async function serve(args: string[]): Promise<void> {
  const stopped = stopSignal();
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      store: { type: 'string' },
      'pool-size': { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'retention-days': { type: 'string', default: '7' },
      'tombstone-days': { type: 'string' },
      'cursor-expiry-days': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'metrics-port': { type: 'string' },
      'trusted-proxy': { type: 'string', multiple: true },
      'log-level': { type: 'string', default: 'info' },
      ...Object.fromEntries([...Object.keys(LIMIT_FLAGS), ...Object.keys(OPTION_FLAGS)].map((flag) => [flag, { type: 'string' as const }])),
    },
    strict: true,
  });
  const limits = positiveIntegerFlags(values, LIMIT_FLAGS);
  const port = integer(required(values.port, '--port'), '--port');
  const store = storeOf(values);
  const retentionDays = Number(values['retention-days']);
  if (!(retentionDays > 0)) throw new UsageError('--retention-days must be a positive number');
  const cursorExpiryDays = Number(values['cursor-expiry-days'] ?? CURSOR_EXPIRY_RETENTIONS * retentionDays);
  if (!(cursorExpiryDays >= retentionDays)) throw new UsageError('--cursor-expiry-days must be a number no smaller than --retention-days');
  // An event is kept up to the cursor expiry for a silent device, and on PostgreSQL its body dedupes by
  // its tombstone alone: a tombstone gone before its event would let a replay be stored a second time.
  const tombstoneDays = Number(values['tombstone-days'] ?? Math.max(DEFAULT_TOMBSTONE_RETENTION_MS / DAY_MS, cursorExpiryDays));
  if (!(tombstoneDays >= cursorExpiryDays)) throw new UsageError('--tombstone-days must be a number no smaller than --cursor-expiry-days (and so --retention-days)');
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new UsageError('--tls-cert and --tls-key go together');
  const trustedProxies = values['trusted-proxy'] ?? [];
  try {
    new TrustedProxies(trustedProxies);
  } catch (err) {
    throw new UsageError(`--trusted-proxy: ${errorText(err)}`);
  }
  const logLevel = values['log-level'];
  if (!LOG_LEVELS.includes(logLevel)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  const logger = pino({ level: logLevel });
  const { secrets, warnings } = loadWebhookSecrets(process.env.KLIKIT_WEBHOOK_SECRET);
  for (const warning of warnings) logger.warn(warning);
  const relay = await startRelay({
    port,
    host: values.host,
    store,
    secrets,
    ...positiveIntegerFlags(values, { 'pool-size': 'poolSize' }),
    retentionMs: retentionDays * DAY_MS,
    tombstoneRetentionMs: tombstoneDays * DAY_MS,
    cursorExpiryMs: cursorExpiryDays * DAY_MS,
    logger,
    limits,
    ...positiveIntegerFlags(values, OPTION_FLAGS),
    trustedProxies,
    ...(values['metrics-port'] === undefined ? {} : { metricsPort: integer(values['metrics-port'], '--metrics-port') }),
    ...(process.env.RELAY_METRICS_TOKEN ? { metricsToken: process.env.RELAY_METRICS_TOKEN } : {}),
    ...(values['tls-cert'] && values['tls-key']
      ? { tls: { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) } }
      : {}),
  });
  const signal = await stopped;
  logger.info({ signal }, 'shutting down');
  await relay.close().then(
    () => process.exit(0),
    (err: Error) => {
      logger.error({ err: err.message }, 'shutdown failed');
      process.exit(1);
    },
  );
}

async function device(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      data: { type: 'string' },
      store: { type: 'string' },
      name: { type: 'string' },
      id: { type: 'string' },
      branch: { type: 'string', multiple: true },
    },
    strict: true,
  });
  const store = storeOf(values);
  if (action === 'add') {
    const name = required(values.name, '--name');
    const branches = (values.branch ?? []).map((b) => integer(b, '--branch'));
    if (branches.length === 0) throw new UsageError('at least one --branch is required');
    const { device: added, token } = await addDevice(store, name, branches);
    process.stdout.write(`added device ${added.id} "${added.name}" for branches ${added.branchIds.join(', ')}\n`);
    process.stdout.write('token (shown once; store it in the bridge config):\n');
    process.stdout.write(`${token}\n`);
    return;
  }
  if (action === 'list') {
    const rows = await listDevices(store);
    if (rows.length === 0) process.stdout.write('no devices\n');
    for (const d of rows) {
      process.stdout.write(
        `${d.id}\t${d.name}\tbranches=${d.branchIds.join(',')}\t${d.revoked ? 'REVOKED' : 'active'}\t` +
          `last_seen=${d.lastSeenAt ?? 'never'}\tcursor=${d.cursor}\tlag=${d.lag}\n`,
      );
    }
    return;
  }
  if (action === 'revoke') {
    if (Boolean(values.name) === Boolean(values.id)) throw new UsageError('give exactly one of --name or --id');
    const selector = values.name ? { name: values.name } : { id: integer(values.id!, '--id') };
    const revoked = await revokeDevice(store, selector);
    if (revoked === 0) throw new UsageError('no active device matches');
    process.stdout.write(`revoked ${revoked} device(s)\n`);
    return;
  }
  throw new UsageError(`unknown device action ${JSON.stringify(action ?? '')}`);
}

async function store(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action !== 'copy') throw new UsageError(`unknown store action ${JSON.stringify(action ?? '')}`);
  const { values } = parseArgs({ args: rest, options: { data: { type: 'string' }, store: { type: 'string' } }, strict: true });
  const dataDir = required(values.data, '--data');
  const url = required(values.store, '--store');
  if (parseStoreLocation(url).kind !== 'postgres') throw new UsageError('--store must be a postgres:// URL');
  warnOfPasswordInArguments(url);
  const { copySqliteToPostgres } = await import('./store/copy-to-postgres.js');
  const report = await copySqliteToPostgres(dataDir, url);
  process.stdout.write(
    `copied ${report.devices} devices (${report.deviceBranches} branch bindings), ${report.events} events, ` +
      `${report.bodyKeys} body keys, ${report.bodyTombstones} body tombstones, ${report.quarantine} quarantine rows; ` +
      `events counter ${report.eventsCounter}, revocations counter ${report.revocationsCounter}\n`,
  );
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  loadStorePasswordFile();
  if (command === 'serve') return serve(rest);
  if (command === 'device') return device(rest);
  if (command === 'store') return store(rest);
  throw new UsageError(command ? `unknown command ${JSON.stringify(command)}` : 'no command given');
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const message = errorText(err);
  process.stderr.write(`relay: ${message}\n`);
  if (err instanceof UsageError || (err instanceof TypeError && 'code' in err)) process.stderr.write(`${USAGE}\n`);
  process.exit(err instanceof UsageError ? 2 : err instanceof RelayLockedError ? 3 : 1);
});
