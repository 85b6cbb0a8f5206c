import type { PrinterStatus } from './types.js';

// Epson ESC/POS real-time status (DLE EOT n), the dialect most kitchen printers and their clones speak.
// Every answer byte has bit 1 and bit 4 set and bits 0 and 7 clear; a byte that does not is not a
// status answer (a clone echoing garbage), so the whole answer is treated as unknown.

/** DLE EOT 1 (printer), 2 (offline cause), 3 (error cause), 4 (roll paper sensor), in that order. */
export const STATUS_REQUEST = Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04]);
export const STATUS_ANSWER_LENGTH = 4;

export type StatusBytes = { printer: number; offline: number; error: number; paper: number };

const FIXED_MASK = 0b1001_0011;
const FIXED_VALUE = 0b0001_0010;

export const isStatusByte = (byte: number): boolean => (byte & FIXED_MASK) === FIXED_VALUE;

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;

/**
 * Decodes the four answers to STATUS_REQUEST: the last four consecutive bytes that have the
 * status-byte shape, so a stray byte before or after them (the tail of an earlier reply, a clone's
 * echo) is never read as a status. Without four such bytes the printer did not answer.
 */
export function decodeStatus(answer: Buffer | readonly number[]): PrinterStatus {
  for (let end = answer.length; end >= STATUS_ANSWER_LENGTH; end--) {
    const window = Array.from({ length: STATUS_ANSWER_LENGTH }, (_, k) => answer[end - STATUS_ANSWER_LENGTH + k]!);
    if (!window.every(isStatusByte)) continue;
    const [printer, offline, error, paper] = window as [number, number, number, number];
    return decodeStatusBytes({ printer, offline, error, paper });
  }
  return { state: 'unknown' };
}

export function decodeStatusBytes({ printer, offline, error, paper }: StatusBytes): PrinterStatus {
  if (![printer, offline, error, paper].every(isStatusByte)) return { state: 'unknown' };
  if (bit(offline, 2)) return { state: 'cover-open' };
  // The end sensor reports both bits 5 and 6; some clones set only one, so either counts.
  if (bit(paper, 5) || bit(paper, 6) || bit(offline, 5)) return { state: 'paper-out' };
  const errors = [
    bit(error, 2) && 'mechanical error',
    bit(error, 3) && 'auto-cutter error',
    bit(error, 5) && 'unrecoverable error',
    bit(error, 6) && 'print head too hot or voltage out of range',
  ].filter((e): e is string => typeof e === 'string');
  if (errors.length > 0) return { state: 'offline', reason: errors.join(', ') };
  if (bit(offline, 6)) return { state: 'offline', reason: 'printer reports an error' };
  if (bit(offline, 3)) return { state: 'offline', reason: 'paper is being fed with the feed button' };
  if (bit(printer, 3)) return { state: 'offline', reason: 'printer is offline' };
  const paperNearEnd = bit(paper, 2) || bit(paper, 3);
  return paperNearEnd ? { state: 'ready', paperNearEnd: true } : { state: 'ready' };
}

/** A short human text for the window, the tray and last_error. */
export function describeStatus(status: PrinterStatus): string {
  switch (status.state) {
    case 'ready':
      return status.paperNearEnd ? 'ready (paper running low)' : 'ready';
    case 'paper-out':
      return 'out of paper';
    case 'cover-open':
      return 'cover open';
    case 'offline':
      return `offline: ${status.reason}`;
    case 'unreachable':
      return `unreachable: ${status.reason}`;
    case 'unknown':
      return 'not answering status requests';
  }
}
