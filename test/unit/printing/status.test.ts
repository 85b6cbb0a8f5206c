import { describe, expect, it } from 'vitest';
import { decodeStatus, decodeStatusBytes, describeStatus, isStatusByte } from '../../../main/printing/status.js';

// Byte values from the Epson ESC/POS manual's DLE EOT tables: 0x12 is "all clear" (fixed bits 1 and 4).
const OK = { printer: 0x12, offline: 0x12, error: 0x12, paper: 0x12 };

describe('decodeStatusBytes', () => {
  it('reads an all-clear answer as ready', () => {
    expect(decodeStatusBytes(OK)).toEqual({ state: 'ready' });
  });

  it('n=1 bit 3: offline', () => {
    expect(decodeStatusBytes({ ...OK, printer: 0x1a })).toEqual({ state: 'offline', reason: 'printer is offline' });
  });

  it('n=1 bit 2 (drawer pin 3) is not a fault', () => {
    expect(decodeStatusBytes({ ...OK, printer: 0x16 })).toEqual({ state: 'ready' });
  });

  it('n=2 bit 2: cover open', () => {
    expect(decodeStatusBytes({ ...OK, offline: 0x16 })).toEqual({ state: 'cover-open' });
  });

  it('n=2 bit 3: paper fed by the feed button', () => {
    expect(decodeStatusBytes({ ...OK, offline: 0x1a })).toMatchObject({ state: 'offline', reason: expect.stringContaining('feed button') });
  });

  it('n=2 bit 5: printing stopped at paper end', () => {
    expect(decodeStatusBytes({ ...OK, offline: 0x32 })).toEqual({ state: 'paper-out' });
  });

  it('n=2 bit 6: error occurred', () => {
    expect(decodeStatusBytes({ ...OK, offline: 0x52 })).toEqual({ state: 'offline', reason: 'printer reports an error' });
  });

  it.each([
    [0x16, 'mechanical error'],
    [0x1a, 'auto-cutter error'],
    [0x32, 'unrecoverable error'],
    [0x52, 'print head too hot or voltage out of range'],
  ])('n=3 error byte 0x%s', (error, reason) => {
    expect(decodeStatusBytes({ ...OK, error })).toEqual({ state: 'offline', reason });
  });

  it('n=4 bits 2-3: paper near end is still ready', () => {
    expect(decodeStatusBytes({ ...OK, paper: 0x1e })).toEqual({ state: 'ready', paperNearEnd: true });
  });

  it('n=4 bits 5-6: paper end sensor says no paper', () => {
    expect(decodeStatusBytes({ ...OK, paper: 0x72 })).toEqual({ state: 'paper-out' });
    expect(decodeStatusBytes({ ...OK, paper: 0x32 })).toEqual({ state: 'paper-out' });
  });

  it('cover open wins over paper out (the end sensor is unreliable with the cover up)', () => {
    expect(decodeStatusBytes({ printer: 0x1a, offline: 0x36, error: 0x12, paper: 0x7e })).toEqual({ state: 'cover-open' });
  });

  it('a byte with the fixed bits wrong is not a status answer', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x00)).toBe(false);
    expect(isStatusByte(0x93)).toBe(false);
    expect(decodeStatusBytes({ ...OK, paper: 0x41 })).toEqual({ state: 'unknown' });
  });
});

describe('decodeStatus', () => {
  it('needs all four answers', () => {
    expect(decodeStatus(Buffer.from([0x12, 0x12, 0x12]))).toEqual({ state: 'unknown' });
    expect(decodeStatus(Buffer.from([0x12, 0x12, 0x12, 0x12]))).toEqual({ state: 'ready' });
  });

  it('a stray byte before, after or among the answers is never read as a status', () => {
    const paperOut = [0x12, 0x12, 0x12, 0x7e];
    expect(decodeStatus(Buffer.from([0x00, ...paperOut]))).toEqual({ state: 'paper-out' });
    expect(decodeStatus(Buffer.from([...paperOut, 0x0a]))).toEqual({ state: 'paper-out' });
    expect(decodeStatus(Buffer.from([0xff, 0x41, ...paperOut, 0x00]))).toEqual({ state: 'paper-out' });
    // Image bytes or an echo in the middle: no four answers in a row, so nothing is known.
    expect(decodeStatus(Buffer.from([0x12, 0x12, 0x00, 0x12, 0x7e]))).toEqual({ state: 'unknown' });
    expect(decodeStatus(Buffer.from([0x00, 0x12, 0x12, 0x12]))).toEqual({ state: 'unknown' });
  });

  it('describes every state for people', () => {
    expect(describeStatus({ state: 'paper-out' })).toBe('out of paper');
    expect(describeStatus({ state: 'unknown' })).toBe('not answering status requests');
    expect(describeStatus({ state: 'unreachable', reason: 'ECONNREFUSED' })).toBe('unreachable: ECONNREFUSED');
  });
});
