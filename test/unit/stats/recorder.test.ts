import { describe, expect, it } from 'vitest';
import { createDayStatsRecorder, isHeld } from '../../../main/stats/recorder.js';
import { tempDbPerTest } from '../store/temp-db.js';

const db = tempDbPerTest();
const holds = () => db().prepare('SELECT printer_id AS printer, reason, started_at AS started, ended_at AS ended FROM printer_holds ORDER BY id').all();
const t = (mm: string) => `2026-06-24T12:${mm}:00.000Z`;

describe('the day stats recorder', () => {
  it('calls a printer held while its queue holds or it reports a state it cannot print in', () => {
    expect(isHeld({ printerId: 'p', status: { state: 'ready' }, depth: 0 })).toBe(false);
    expect(isHeld({ printerId: 'p', status: { state: 'unknown' }, depth: 0 })).toBe(false);
    expect(isHeld({ printerId: 'p', status: { state: 'unknown' }, heldReason: 'status query failed', depth: 2 })).toBe(true);
    for (const state of ['paper-out', 'cover-open'] as const) expect(isHeld({ printerId: 'p', status: { state }, depth: 0 })).toBe(true);
    expect(isHeld({ printerId: 'p', status: { state: 'unreachable', reason: 'ECONNREFUSED' }, depth: 0 })).toBe(true);
  });

  it('keeps one hold per printer from its first held state to ready, and ends holds left open by a crash at the next start', () => {
    const now = { value: Date.parse(t('00')) };
    const recorder = createDayStatsRecorder(db(), { now: () => now.value });
    recorder.printerChanged({ printerId: 'wok', status: { state: 'paper-out' }, depth: 1 });
    now.value = Date.parse(t('01'));
    recorder.printerChanged({ printerId: 'wok', status: { state: 'cover-open' }, depth: 2 });
    recorder.printerChanged({ printerId: 'bar', status: { state: 'ready' }, depth: 0 });
    now.value = Date.parse(t('05'));
    recorder.printerChanged({ printerId: 'wok', status: { state: 'ready' }, depth: 0 });
    now.value = Date.parse(t('06'));
    recorder.printerChanged({ printerId: 'bar', status: { state: 'offline', reason: 'power' }, depth: 0 });
    expect(holds()).toEqual([
      { printer: 'wok', reason: 'paper-out', started: t('00'), ended: t('05') },
      { printer: 'bar', reason: 'offline', started: t('06'), ended: null },
    ]);
    // The process dies here; the next start closes the hold at its own time.
    now.value = Date.parse(t('09'));
    createDayStatsRecorder(db(), { now: () => now.value });
    expect(holds()).toEqual([
      { printer: 'wok', reason: 'paper-out', started: t('00'), ended: t('05') },
      { printer: 'bar', reason: 'offline', started: t('06'), ended: t('09') },
    ]);
  });

  it('counts a backup print once per job however often it is reported', () => {
    const recorder = createDayStatsRecorder(db(), { now: () => Date.parse(t('00')) });
    recorder.backupUsed(7, 'wok', 'bar');
    recorder.backupUsed(7, 'wok', 'bar');
    recorder.backupUsed(8, 'wok', 'bar');
    expect(db().prepare('SELECT job_id, printer_id, backup_printer_id FROM backup_prints ORDER BY job_id').all()).toEqual([
      { job_id: 7, printer_id: 'wok', backup_printer_id: 'bar' },
      { job_id: 8, printer_id: 'wok', backup_printer_id: 'bar' },
    ]);
  });
});
