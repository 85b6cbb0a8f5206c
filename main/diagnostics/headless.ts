import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../core/bridge.js';
import { isoAt, type Clock } from '../../ground/clock.js';
import { redactConfig, type BridgeConfig } from '../core/config.js';
import { diagnosticsEntries, problemsSinceIso, writeArchive } from './archive.js';
import { redactUrl } from './redact.js';
import { DEFAULT_LOG_ROTATION, LOG_DIR, rotatedPaths } from './rotating-file.js';
import { runtimeVersions } from './versions.js';
import { errorText } from '../../common/error-text.js';

// `npm run bridge -- --config FILE --diagnostics OUT.zip`: the archive for a headless bridge,
// whether or not it is running. It reads the database through its own read-only connection (WAL
// lets it read beside a running bridge, and it must not take the bridge's lock or migrate), and
// asks a running bridge for its printer states over the loopback health endpoint when one is on.

export const BRIDGE_LOG_FILE = 'bridge.log';

export type HealthFetcher = (url: string) => Promise<unknown>;

async function printerStates(config: BridgeConfig, fetchHealth: HealthFetcher): Promise<unknown> {
  const configured = config.printers.map(({ id, name, type, interface: address, width }) => ({ id, name, type, interface: address, width }));
  if (config.healthPort === undefined) {
    return { configured, live: null, note: 'live states unknown: the health endpoint is off (set healthPort in the config to include them)' };
  }
  const url = `http://127.0.0.1:${config.healthPort}/health`;
  try {
    const health = (await fetchHealth(url)) as { printers?: unknown; connection?: unknown; queueDepth?: unknown };
    return { configured, live: { printers: health.printers, connection: health.connection, queueDepth: health.queueDepth } };
  } catch (err) {
    return { configured, live: null, note: `live states unknown: ${url} did not answer (${errorText(err)}); is the bridge running?` };
  }
}

const fetchJson: HealthFetcher = async (url) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
};

export async function exportHeadlessDiagnostics(input: {
  config: BridgeConfig;
  outPath: string;
  clock: Clock;
  fetchHealth?: HealthFetcher;
  nativeBinding?: string | undefined;
}): Promise<{ path: string; bytes: number }> {
  const { config, clock } = input;
  const dbPath = join(config.dataDir, DATABASE_FILE);
  let db: Database.Database | undefined;
  let database: { db: Database.Database } | { error: string };
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true, ...(input.nativeBinding ? { nativeBinding: input.nativeBinding } : {}) });
    database = { db };
  } catch (err) {
    database = { error: `cannot open ${dbPath}: ${errorText(err)}` };
  }
  try {
    const redacted = redactConfig(config);
    const entries = diagnosticsEntries({
      generatedAt: isoAt(clock),
      versions: runtimeVersions(),
      config: { ...redacted, relay: { ...redacted.relay, url: redacted.relay.url && redactUrl(redacted.relay.url), urls: redacted.relay.urls?.map(redactUrl) } },
      secrets: [config.relay.token, config.klikit?.partnerKey ?? '', config.klikit?.secretKey ?? ''],
      database,
      problemsSince: problemsSinceIso(clock.now()),
      printers: await printerStates(config, input.fetchHealth ?? fetchJson),
      logFiles: rotatedPaths(join(config.dataDir, LOG_DIR, BRIDGE_LOG_FILE), DEFAULT_LOG_ROTATION.keep),
    });
    return await writeArchive(input.outPath, entries, new Date(clock.now()));
  } finally {
    db?.close();
  }
}
