import { isoAt, type Clock } from '../../ground/clock.js';
import type { QueueState } from '../printing/queue.js';
import type { Db } from '../store/connection.js';
import { endHold, recordBackupPrint, startHold } from '../store/day-stats.js';

// What the day in numbers cannot read from the order history, recorded as it happens: when a
// printer's queue is held, and which jobs printed on a backup printer.

/** The printer holds its tickets: the queue says so, or the printer reports a state it cannot print in. */
const HOLDING_STATES = new Set(['paper-out', 'cover-open', 'offline', 'unreachable']);
export const isHeld = (q: QueueState): boolean => q.heldReason !== undefined || HOLDING_STATES.has(q.status.state);

export type DayStatsRecorder = {
  /** Feed every printer queue change (PrinterManagerOptions.onChange). */
  printerChanged(state: QueueState): void;
  /** A job meant for `printerId` printed on `backupPrinterId` (counted once per job). */
  backupUsed(jobId: number, printerId: string, backupPrinterId: string): void;
  /** The bridge stops: no hold stays open across the time nobody watched. */
  close(): void;
};

export function createDayStatsRecorder(db: Db, clock: Clock): DayStatsRecorder {
  // A hold left open by a crash ends when the bridge starts again.
  endHold(db, null, isoAt(clock));
  return {
    printerChanged(state) {
      if (isHeld(state)) startHold(db, state.printerId, state.heldReason ?? state.status.state, isoAt(clock));
      else endHold(db, state.printerId, isoAt(clock));
    },
    backupUsed: (jobId, printerId, backupPrinterId) => recordBackupPrint(db, jobId, printerId, backupPrinterId, isoAt(clock)),
    close: () => endHold(db, null, isoAt(clock)),
  };
}
