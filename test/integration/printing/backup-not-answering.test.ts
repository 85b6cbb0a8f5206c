import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../ground/clock.js';
import { createPrinterManager, type PrinterManager } from '../../../main/printing/printer-manager.js';
import type { PrinterConfig } from '../../../main/printing/types.js';
import type { Db } from '../../../main/store/connection.js';
import { waitFor } from '../../helpers/wait.js';
import { closedPort, enqueue, jobStates, printedJobs, printerConfig, printingTestScope, renderStandIn } from './helpers.js';

// A printer whose status is never asked (statusProbe off) is only known to be gone by its failed
// sends: past the grace they count as held too, so its tickets go to the backup, or the alarm sounds.

const scope = printingTestScope();

function manager(db: Db, printers: PrinterConfig[]): PrinterManager {
  const m = createPrinterManager({ db, printers, clock: systemClock, random: () => 0.5, render: renderStandIn, backoff: { baseMs: 50, capMs: 200 }, recheckMs: 50 });
  scope.defer(() => m.stop());
  m.start();
  return m;
}

describe('a printer that takes no job', () => {
  it('hands its tickets to the backup after the grace, and a new one goes there after one more try', async () => {
    const bar = await scope.virtualPrinter();
    const db = scope.database();
    const gone = `tcp://127.0.0.1:${await closedPort()}`;
    const m = manager(db, [printerConfig('kitchen', gone, { statusProbe: 'off', backup: 'bar', backupAfterSeconds: 0.3 }), printerConfig('bar', bar.url)]);
    const first = enqueue(db, 'kitchen', 2, undefined, 'a');
    m.wakeAll();
    await waitFor('both on the bar', () => bar.tickets().length === 2, { timeoutMs: 10_000 });
    expect(m.states().find((s) => s.printerId === 'kitchen')).toMatchObject({ backupTo: 'bar', heldSince: expect.any(String) });

    const second = enqueue(db, 'kitchen', 1, undefined, 'b');
    m.wake('kitchen');
    await waitFor('the new one on the bar', () => bar.tickets().length === 3, { timeoutMs: 10_000 });
    await waitFor('every job printed', () => Object.values(jobStates(db)).every((s) => s === 'sent' || s === 'confirmed'));
    expect(printedJobs(bar.tickets().map((t) => t.text))).toEqual([...first, ...second].map((id) => ({ id, duplicate: false })));
  });

  it('without a backup raises its alarm after the grace', async () => {
    const db = scope.database();
    const gone = `tcp://127.0.0.1:${await closedPort()}`;
    const m = manager(db, [printerConfig('kitchen', gone, { statusProbe: 'off', backupAfterSeconds: 0.3 })]);
    enqueue(db, 'kitchen', 1);
    m.wakeAll();
    const state = await waitFor('the alarm', () => m.states()[0]?.alarm !== undefined && m.states()[0]!);
    expect(Date.parse(state.alarm!.since) - Date.parse(state.heldSince!)).toBeGreaterThanOrEqual(300);
    expect(state.alarm!.reason).toMatch(/ECONNREFUSED|refused/i);
  });
});
