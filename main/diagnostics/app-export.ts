import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../../common/settings.js';
import { isoAt, type Clock } from '../../ground/clock.js';
import type { Db } from '../store/connection.js';
import { diagnosticsEntries, problemsSinceIso, writeArchive } from './archive.js';
import { redactSettings } from './redact.js';
import { DEFAULT_LOG_ROTATION, LOG_DIR, rotatedPaths } from './rotating-file.js';
import { runtimeVersions } from './versions.js';

// "Export diagnostics" in the window: the same archive as the headless CLI, from the desktop
// core's own state (its open database, the settings staff edit, the secrets it holds in memory).
// It is written into <dataDir>/diagnostics under a fixed name pattern: the window never chooses a
// path, so a compromised page cannot make the core write a file anywhere.

export const CORE_LOG_FILE = 'core.log';
/** Written by the Electron main process (main/app/main.ts) in the same folder. */
export const MAIN_LOG_FILE = 'main.log';

export type AppDiagnosticsInput = {
  dataDir: string;
  clock: Clock;
  db: Db;
  settings: Settings;
  /** Which secrets are set (never their values) and the values to cut from every file. */
  secrets: { set: Record<string, boolean>; values: ReadonlyArray<string | undefined> };
  health: unknown;
};

const stamp = (iso: string): string => iso.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** How many archives stay in <dataDir>/diagnostics: support asks for the latest, not a history. */
export const KEEP_ARCHIVES = 5;
const ARCHIVE_NAME = /^kitchen-bridge-diagnostics-\d{8}-\d{6}\.zip$/;

/** Deletes all but the newest `keep` archives (their names sort by time). */
function pruneArchives(dir: string, keep: number): void {
  const archives = readdirSync(dir).filter((name) => ARCHIVE_NAME.test(name)).sort();
  for (const name of archives.slice(0, Math.max(0, archives.length - keep))) rmSync(join(dir, name), { force: true });
}

export async function exportAppDiagnostics(input: AppDiagnosticsInput): Promise<{ path: string; bytes: number }> {
  const now = isoAt(input.clock);
  const dir = join(input.dataDir, 'diagnostics');
  mkdirSync(dir, { recursive: true });
  const entries = diagnosticsEntries({
    generatedAt: now,
    versions: runtimeVersions(),
    config: { settings: redactSettings(input.settings), secretsSet: input.secrets.set },
    secrets: [...input.secrets.values.filter((v): v is string => typeof v === 'string'), input.settings.klikitPartnerKey],
    database: { db: input.db },
    problemsSince: problemsSinceIso(input.clock.now()),
    printers: input.health,
    logFiles: [CORE_LOG_FILE, MAIN_LOG_FILE].flatMap((name) => rotatedPaths(join(input.dataDir, LOG_DIR, name), DEFAULT_LOG_ROTATION.keep)),
  });
  const written = await writeArchive(join(dir, `kitchen-bridge-diagnostics-${stamp(now)}.zip`), entries, new Date(input.clock.now()));
  pruneArchives(dir, KEEP_ARCHIVES);
  return written;
}
