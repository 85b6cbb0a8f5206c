import { createWriteStream, existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { Db } from '../store/connection.js';
import { databaseReport, recentProblems } from './database-report.js';
import { scrubSecrets, scrubUrlCredentials } from './redact.js';
import { errorText } from '../../common/error-text.js';

// The support archive: one zip a restaurant can e-mail. Every file passes through scrubSecrets on
// the way in, whatever produced it, so a secret that slipped into a log line is still cut; so is
// the user and password of any URL in it.

export type DiagnosticsSources = {
  generatedAt: string;
  versions: Record<string, string>;
  /** Already redacted (redactConfig / redactSettings). */
  config: unknown;
  /** Every secret value this process knows; cut from every file. */
  secrets: readonly string[];
  database: { db: Db } | { error: string };
  /** Problems (print jobs, quarantine) since this instant are listed. */
  problemsSince: string;
  printers: unknown;
  logFiles: readonly string[];
};

export type ArchiveEntry = { name: string; text: string };

const MAX_LOG_PROBLEMS = 200;
const PROBLEM_WINDOW_MS = 7 * 24 * 3_600_000;

/** Problems of the last week go into the archive. */
export const problemsSinceIso = (nowMs: number): string => new Date(nowMs - PROBLEM_WINDOW_MS).toISOString();
const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Warnings and errors (pino level >= 40) from the log files, oldest first, the last few hundred. */
function logProblems(logs: ArchiveEntry[]): unknown[] {
  const found: unknown[] = [];
  for (const log of [...logs].reverse()) {
    for (const line of log.text.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const entry = JSON.parse(line) as { level?: unknown };
        if (typeof entry.level === 'number' && entry.level >= 40) found.push(entry);
      } catch {
        // A line cut by a crash mid-write is not a problem report.
      }
    }
  }
  return found.slice(-MAX_LOG_PROBLEMS);
}

export function diagnosticsEntries(sources: DiagnosticsSources): ArchiveEntry[] {
  const logs = sources.logFiles.filter((path) => existsSync(path)).map((path) => ({ name: `logs/${basename(path)}`, text: readFileSync(path, 'utf8') }));
  const database = 'db' in sources.database
    ? (() => {
        try {
          return { report: databaseReport(sources.database.db), problems: recentProblems(sources.database.db, sources.problemsSince) };
        } catch (err) {
          return { error: `the database could not be read: ${errorText(err)}` };
        }
      })()
    : { error: sources.database.error };
  const entries: ArchiveEntry[] = [
    { name: 'versions.json', text: json({ generatedAt: sources.generatedAt, ...sources.versions }) },
    { name: 'config.json', text: json(sources.config) },
    { name: 'database.json', text: json('report' in database ? database.report : database) },
    {
      name: 'problems.json',
      text: json({ since: sources.problemsSince, ...('problems' in database ? database.problems : {}), logWarningsAndErrors: logProblems(logs) }),
    },
    { name: 'printers.json', text: json(sources.printers) },
    ...logs,
  ];
  return entries.map((entry) => ({ name: entry.name, text: scrubUrlCredentials(scrubSecrets(entry.text, sources.secrets)) }));
}

/** Writes the entries as a zip at `outPath` (through a temp file: never a half archive). */
export async function writeArchive(outPath: string, entries: readonly ArchiveEntry[], mtime: Date): Promise<{ path: string; bytes: number }> {
  const zip = new ZipFile();
  for (const entry of entries) zip.addBuffer(Buffer.from(entry.text, 'utf8'), entry.name, { mtime });
  zip.end();
  const temp = `${outPath}.partial`;
  try {
    await pipeline(zip.outputStream, createWriteStream(temp, { mode: 0o600 }));
    renameSync(temp, outPath);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  return { path: outPath, bytes: statSync(outPath).size };
}
