import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../ground/clock.js';
import { createPrinterManager } from '../../../main/printing/printer-manager.js';
import type { Db } from '../../../main/store/connection.js';
import { waitFor } from '../../helpers/wait.js';
import { backupPrinters, enqueue, printedJobs, printingTestScope, renderStandIn, tempDatabase } from './helpers.js';

// Exactly once across a crash in the middle of a switch to the backup: a job belongs to one printer's
// queue at a time (print_jobs.backup_printer_id), so after a SIGKILL the restarted bridge prints every
// ticket once, on the printer that owned it, and only the one in flight again, marked.

const CHILD = fileURLToPath(new URL('./backup-crash-child.ts', import.meta.url));
const scope = printingTestScope();

type Row = { id: number; state: string; backup: string | null };
const rows = (db: Db): Row[] =>
  db.prepare('SELECT id, state, backup_printer_id AS backup FROM print_jobs ORDER BY id').all() as Row[];

describe('a crash while a held printer hands its tickets to the backup', () => {
  it('prints every ticket once on the backup, and the one in flight once more marked POSSIBLE DUPLICATE', async () => {
    const kitchen = await scope.virtualPrinter();
    const bar = await scope.virtualPrinter();
    const { db, path, dir } = tempDatabase();
    scope.defer(() => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    });
    kitchen.setState('paper-out');
    bar.setSlow(40);
    const ids = enqueue(db, 'kitchen', 12);

    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD, path, kitchen.url, bar.url], { stdio: ['ignore', 'pipe', 'inherit'] });
    scope.defer(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    await waitFor(
      'the backup printing the handed-over tickets',
      () => {
        const now = rows(db);
        return now.filter((r) => r.state === 'confirmed' || r.state === 'sent').length >= 3 && now.some((r) => r.state === 'sending');
      },
      { timeoutMs: 20_000, intervalMs: 5 },
    );
    child.kill('SIGKILL');
    await once(child, 'exit');
    const afterKill = rows(db);
    expect(afterKill.every((r) => r.backup === 'bar')).toBe(true);
    const inFlight = afterKill.filter((r) => r.state === 'sending').map((r) => r.id);
    expect(inFlight).toHaveLength(1);

    bar.setSlow(0);
    const manager = createPrinterManager({ db, printers: backupPrinters(kitchen.url, bar.url), clock: systemClock, random: () => 0.5, render: renderStandIn, recheckMs: 50 });
    scope.defer(() => manager.stop());
    expect(manager.start()).toEqual({ recovered: 1 });
    await waitFor('every ticket printed', () => rows(db).every((r) => r.state === 'confirmed' || r.state === 'sent'), { timeoutMs: 10_000 });
    await manager.stop();

    expect(kitchen.tickets()).toEqual([]);
    const printed = printedJobs(bar.tickets().map((t) => t.text));
    for (const id of ids) {
      const copies = printed.filter((p) => p.id === id);
      if (id === inFlight[0]) {
        expect(copies.filter((c) => !c.duplicate).length).toBeLessThanOrEqual(1);
        expect(copies.filter((c) => c.duplicate)).toHaveLength(1);
      } else {
        expect(copies).toEqual([{ id, duplicate: false }]);
      }
    }
  });
});
