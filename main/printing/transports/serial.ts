import type { SerialPort } from 'serialport';
import type { PrinterLink } from '../types.js';
import { createChannelLink, type ByteChannel, type Opened } from './channel-link.js';
import type { PrinterAddress } from '../../../common/printer-uri.js';
import { errorText } from '../../../common/error-text.js';

// serial:///dev/ttyUSB0?baud=115200 (USB-serial adapters, RS-232, Bluetooth SPP as /dev/rfcomm0 or
// COMn) through `serialport`, whose prebuilt binaries need no compiler. Full DLE EOT status both ways.

export type SerialAddress = Extract<PrinterAddress, { scheme: 'serial' }>;
export type SerialOptions = { openTimeoutMs?: number; statusTimeoutMs?: number };

/** The fix for a port that cannot be opened, from serialport's error text (it carries no code). */
export function describeSerialError(message: string, path: string): string {
  if (/no such file|ENOENT|cannot find|file not found/i.test(message)) return `printer unplugged: no serial port ${path}`;
  if (/permission denied|EACCES|access is denied/i.test(message)) {
    return `permission denied on ${path}: add the bridge's user to the dialout group (sudo usermod -aG dialout $USER, then log in again) or add a udev rule giving it access`;
  }
  if (/busy|EBUSY|lock/i.test(message)) return `${path} is held by another program: close it and try again`;
  return `${path}: ${message}`;
}

/** Seconds on the wire, doubled: a printer with hardware flow control pauses us while it prints. */
export const serialWriteTimeoutMs = (byteCount: number, address: SerialAddress): number => {
  const bitsPerByte = 1 + address.dataBits + (address.parity === 'none' ? 0 : 1) + address.stopBits;
  return 2_000 + Math.ceil(((byteCount * bitsPerByte) / address.baudRate) * 1_000 * 2);
};

function portChannel(port: SerialPort, path: string): ByteChannel {
  let input = Buffer.alloc(0);
  let waiter: (() => void) | undefined;
  port.on('data', (chunk: Buffer) => {
    input = Buffer.concat([input, chunk]);
    waiter?.();
  });
  const fail = (err: Error): Error => new Error(describeSerialError(err.message, path));
  // A port that vanishes mid-job does not always fail the pending write or drain: its close or error
  // event fails the write instead of leaving it to the (size-long) write timeout.
  let failWrite: ((err: Error) => void) | undefined;
  port.on('error', (err: Error) => failWrite?.(fail(err)));
  port.on('close', () => failWrite?.(new Error(`the serial line to ${path} closed during the job`)));
  return {
    readable: true,
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        failWrite = reject;
        port.write(bytes, (err) => {
          if (err) return reject(fail(err));
          port.drain((drainErr) => (drainErr ? reject(fail(drainErr)) : resolve()));
        });
      }).finally(() => {
        failWrite = undefined;
      }),
    read: (count, timeoutMs) =>
      new Promise((resolve) => {
        const finish = (): void => {
          clearTimeout(timer);
          waiter = undefined;
          const answer = input.subarray(0, count);
          input = input.subarray(answer.length);
          resolve(answer);
        };
        const timer = setTimeout(finish, timeoutMs);
        waiter = () => {
          if (input.length >= count) finish();
        };
        waiter();
      }),
    discardInput: async () => {
      input = Buffer.alloc(0);
    },
    close: () =>
      new Promise((resolve) => {
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
  };
}

/** serialport's native binding is loaded on first use: a TCP-only bridge never depends on it. */
const loadSerialPort = async (): Promise<typeof SerialPort> => (await import('serialport')).SerialPort;

async function openPort(address: SerialAddress, timeoutMs: number): Promise<Opened> {
  let Port: typeof SerialPort;
  try {
    Port = await loadSerialPort();
  } catch (err) {
    return { ok: false, error: `serial ports are not available on this computer: ${errorText(err)}` };
  }
  return new Promise((resolve) => {
    const port = new Port({
      path: address.path,
      baudRate: address.baudRate,
      parity: address.parity,
      rtscts: address.rtscts,
      dataBits: address.dataBits,
      stopBits: address.stopBits,
      autoOpen: false,
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      resolve({ ok: false, error: `${address.path} did not open within ${timeoutMs} ms` });
    }, timeoutMs);
    port.open((err) => {
      clearTimeout(timer);
      // A port that opens after we gave up on it must not stay open and locked.
      if (timedOut) port.close(() => undefined);
      else if (err) resolve({ ok: false, error: describeSerialError(err.message, address.path) });
      else resolve({ ok: true, channel: portChannel(port, address.path) });
    });
  });
}

export function createSerialLink(address: SerialAddress, options: SerialOptions = {}): PrinterLink {
  return createChannelLink({
    // Bluetooth ports connect on open, which takes a moment longer than a wire.
    open: () => openPort(address, options.openTimeoutMs ?? 5_000),
    capabilities: { readsStatus: true, confirms: false, receiptProof: false },
    statusTimeoutMs: options.statusTimeoutMs ?? 500,
    writeTimeoutMs: (byteCount) => serialWriteTimeoutMs(byteCount, address),
    keepOpen: true,
  });
}
