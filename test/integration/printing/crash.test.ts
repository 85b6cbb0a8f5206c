import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../ground/clock.js';
import { createPrinterManager } from '../../../main/printing/printer-manager.js';
import { createVirtualPrinter } from '../../../dev/virtual-printer/virtual-printer.js';
import { waitFor } from '../../helpers/wait.js';
import { enqueue, jobStates, printedJobs, printerConfig, renderJob, tempDatabase } from './helpers.js';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('crash safety', () => {
  it('a queue killed mid-printing loses nothing and re-sends the job in flight with POSSIBLE DUPLICATE', async () => {
    const printer = await createVirtualPrinter();
    const { db, path, dir } = tempDatabase();
    cleanups.push(async () => {
      await printer.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const ids = enqueue(db, 'p1', 12);
    printer.setSlow(40);

    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD, path, printer.url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.push(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    await waitFor(
      'a job in flight after a few were sent',
      () => {
        const states = Object.values(jobStates(db));
        return states.filter((s) => s === 'sent').length >= 3 && states.includes('sending');
      },
      { timeoutMs: 20_000, intervalMs: 5 },
    );
    child.kill('SIGKILL');
    await once(child, 'exit');

    const afterKill = jobStates(db);
    const inFlight = ids.filter((id) => afterKill[id] === 'sending');
    const sentBefore = ids.filter((id) => afterKill[id] === 'sent');
    expect(inFlight).toHaveLength(1);

    printer.setSlow(0);
    const manager = createPrinterManager({
      db,
      printers: [printerConfig('p1', printer.url)],
      clock: systemClock,
      random: () => 0.5,
      render: (job) => ({ bytes: renderJob(job) }),
      recheckMs: 50,
    });
    cleanups.push(() => manager.stop());
    expect(manager.start()).toEqual({ recovered: 1 });
    await waitFor('every job sent', () => Object.values(jobStates(db)).every((s) => s === 'sent' || s === 'confirmed'), { timeoutMs: 10_000 });
    await manager.stop();

    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(Object.values(jobStates(db))).not.toContain('sending');

    const printed = printedJobs(printer.tickets().map((t) => t.text));
    for (const id of ids) {
      const copies = printed.filter((p) => p.id === id);
      if (id === inFlight[0]) {
        // It may or may not have reached the paper before the kill; the re-send says so on paper.
        expect(copies.filter((c) => !c.duplicate).length).toBeLessThanOrEqual(1);
        expect(copies.filter((c) => c.duplicate)).toHaveLength(1);
      } else {
        expect(copies).toEqual([{ id, duplicate: false }]);
      }
    }
    expect(sentBefore.length).toBeGreaterThanOrEqual(3);
  });
});
