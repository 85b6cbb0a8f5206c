import { constants, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { parsePrinterUri } from '../../../common/printer-uri.js';
import { setTimeout as delay } from 'node:timers/promises';
import type { PrinterLink } from '../types.js';
import { createChannelLink, type ByteChannel, type Opened } from './channel-link.js';
import { errorText } from '../../../common/error-text.js';

// file:///dev/usb/lp0 and any other printer device file. Opened non-blocking: a read of a silent
// printer or a write to a busy one returns EAGAIN at once instead of pinning one of libuv's four pool
// threads, so one stuck printer never starves another's file I/O; we poll with short pauses instead.
// Only a character device is ever written: the path is opened without O_CREAT or O_TRUNC and the
// opened descriptor checked with fstat, so a file:// naming a regular file (~/.profile), a directory
// or a FIFO is refused with nothing written. Symlinks are followed (udev's /dev/serial/by-id names,
// a pty's link): what counts is what the descriptor is, checked after the open, not the name.

export type DeviceFileOptions = { statusTimeoutMs?: number; writeTimeoutMs?: number };

const POLL_MS = 5;

const codeOf = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;

export const notADevice = (path: string): string =>
  `${path} is not a printer device: a file:// or serial:// address must name a device such as /dev/usb/lp0 or /dev/ttyUSB0 (a network printer is tcp://, a system one cups:// or windows://)`;

/** What the person at the counter should do about a device that cannot be opened or written. */
export function describeDeviceError(code: string | undefined, path: string, fallback: string): string {
  switch (code) {
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
      return `printer unplugged: ${path} does not exist (plug the printer in and switch it on)`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied on ${path}: add the bridge's user to the lp group (sudo usermod -aG lp $USER, then log in again) or add a udev rule giving it access to the printer`;
    case 'EBUSY':
      return `${path} is held by another program (often CUPS or another print app): close it, or print through cups://`;
    case 'EIO':
      return `printer unplugged or switched off while in use (${path})`;
    case 'EISDIR':
      return notADevice(path);
    default:
      return `${path}: ${fallback}`;
  }
}

const isEagain = (err: unknown): boolean => codeOf(err) === 'EAGAIN' || codeOf(err) === 'EWOULDBLOCK';

function deviceChannel(handle: FileHandle, path: string, readable: boolean): ByteChannel {
  const fail = (err: unknown): Error => new Error(describeDeviceError(codeOf(err), path, errorText(err)));

  async function readAvailable(into: Buffer, offset: number): Promise<number> {
    try {
      return (await handle.read(into, offset, into.length - offset)).bytesRead;
    } catch (err) {
      // usblp answers EINVAL on a unidirectional printer and EIO on a failed read it then restarts:
      // neither means the printer is gone, only that no status came back.
      if (isEagain(err) || codeOf(err) === 'EINVAL' || codeOf(err) === 'EIO') return 0;
      throw fail(err);
    }
  }

  return {
    readable,
    async write(bytes) {
      let offset = 0;
      while (offset < bytes.length) {
        try {
          offset += (await handle.write(bytes, offset)).bytesWritten;
        } catch (err) {
          if (!isEagain(err)) throw fail(err);
          await delay(POLL_MS);
        }
      }
    },
    async read(count, timeoutMs) {
      const answer = Buffer.alloc(count);
      const deadline = Date.now() + timeoutMs;
      let got = 0;
      while (got < count) {
        const n = await readAvailable(answer, got);
        got += n;
        if (got >= count || Date.now() >= deadline) break;
        if (n === 0) await delay(POLL_MS);
      }
      return answer.subarray(0, got);
    },
    async discardInput() {
      const scratch = Buffer.alloc(256);
      while ((await readAvailable(scratch, 0)) > 0);
    },
    close: () => handle.close(),
  };
}

/** The opened descriptor as a printer channel, or closed again when it is not a character device. */
async function deviceOnly(handle: FileHandle, path: string, readable: boolean): Promise<Opened> {
  try {
    if ((await handle.stat()).isCharacterDevice()) return { ok: true, channel: deviceChannel(handle, path, readable) };
  } catch (err) {
    await handle.close();
    return { ok: false, error: describeDeviceError(codeOf(err), path, errorText(err)) };
  }
  await handle.close();
  return { ok: false, error: notADevice(path) };
}

async function openDevice(path: string): Promise<Opened> {
  const flags = constants.O_NONBLOCK | constants.O_NOCTTY;
  try {
    return await deviceOnly(await open(path, constants.O_RDWR | flags), path, true);
  } catch (err) {
    const code = codeOf(err);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      // Some device nodes are write-only for us: print without status rather than not at all.
      try {
        return await deviceOnly(await open(path, constants.O_WRONLY | flags), path, false);
      } catch {
        // The write-only attempt fails for the same reason: report the first error.
      }
    }
    return { ok: false, error: describeDeviceError(code, path, errorText(err)) };
  }
}

/**
 * Why this printer address may not be saved or test-printed, or null: a file:// (or serial:// device
 * path) that exists but is no character device. A missing path passes when saving (`mustExist` false:
 * a USB printer not plugged in yet) and is refused for a test print that would need it now; the
 * file:// transport checks the opened descriptor again before every job, and serial:// fails on
 * anything that is not a terminal before it writes.
 */
export function printerAddressProblem(uri: string, { mustExist = false }: { mustExist?: boolean } = {}): string | null {
  const address = parsePrinterUri(uri);
  if ('error' in address) return null;
  if (address.scheme !== 'file' && !(address.scheme === 'serial' && address.path.startsWith('/'))) return null;
  try {
    return statSync(address.path).isCharacterDevice() ? null : notADevice(address.path);
  } catch (err) {
    return codeOf(err) === 'ENOENT' && !mustExist ? null : describeDeviceError(codeOf(err), address.path, errorText(err));
  }
}

export function createDeviceFileLink(path: string, options: DeviceFileOptions = {}): PrinterLink {
  return createChannelLink({
    open: () => openDevice(path),
    capabilities: { readsStatus: true, confirms: false, receiptProof: false },
    statusTimeoutMs: options.statusTimeoutMs ?? 500,
    // A long raster ticket takes a slow printer seconds to swallow: allow 10 s plus 10 KB a second.
    writeTimeoutMs: (byteCount) => options.writeTimeoutMs ?? 10_000 + byteCount / 10,
  });
}
