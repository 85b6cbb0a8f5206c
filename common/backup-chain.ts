// Backup printers: each printer may name another (by id) that takes its tickets while it is held.
// One check for the config file and the window's settings, so both refuse the same mistakes in the
// same words: a backup that is no printer, a printer that backs itself up, and a loop.

import type { MessageKey } from './i18n/catalogue.js';
import { inEnglish } from './issue-text.js';

export type BackupLink = { id: string; backup?: string | undefined };

/** The default grace before a held printer's tickets go to its backup (or raise the alarm). */
export const DEFAULT_BACKUP_AFTER_SECONDS = 30;

/** A problem as a catalogue key and its values (the window words it in its language) and in English. */
export type BackupProblem = { index: number; key: MessageKey; values: Record<string, string>; message: string };

const problem = (index: number, key: MessageKey, values: Record<string, string>): BackupProblem => ({ index, key, values, message: inEnglish(key, values) });

export function backupProblems(printers: readonly BackupLink[]): BackupProblem[] {
  const byId = new Map(printers.map((p) => [p.id, p]));
  const problems: BackupProblem[] = [];
  const inReportedLoop = new Set<string>();
  for (const [index, printer] of printers.entries()) {
    const { backup } = printer;
    if (backup === undefined) continue;
    if (backup === printer.id) problems.push(problem(index, 'settings.error.ownBackup', { backup }));
    else if (!byId.has(backup)) problems.push(problem(index, 'settings.error.backupUnknown', { backup }));
    else {
      const loop = loopFrom(printer.id, byId);
      if (loop && !inReportedLoop.has(printer.id)) {
        for (const id of loop) inReportedLoop.add(id);
        problems.push(problem(index, 'settings.error.backupLoop', { loop: [...loop, loop[0]].join(' → ') }));
      }
    }
  }
  return problems;
}

/** The loop the chain starting at `id` runs into, starting at `id` when `id` is on it; null when the chain ends. */
function loopFrom(id: string, byId: ReadonlyMap<string, BackupLink>): string[] | null {
  const path: string[] = [];
  let at: string | undefined = id;
  while (at !== undefined && byId.has(at)) {
    const seen = path.indexOf(at);
    if (seen >= 0) return seen === 0 ? path : null;
    path.push(at);
    at = byId.get(at)?.backup;
    if (at === path.at(-1)) return null;
  }
  return null;
}

/** The printers that would take `id`'s tickets, nearest first (a valid configuration has no loop). */
export function backupChain(id: string, printers: readonly BackupLink[]): string[] {
  const byId = new Map(printers.map((p) => [p.id, p]));
  const chain: string[] = [];
  let next = byId.get(id)?.backup;
  while (next !== undefined && next !== id && byId.has(next) && !chain.includes(next)) {
    chain.push(next);
    next = byId.get(next)?.backup;
  }
  return chain;
}
