import { decodeStatus, STATUS_ANSWER_LENGTH, STATUS_REQUEST } from '../status.js';
import type { PrinterLink, PrinterStatus, SendOutcome, TransportCapabilities } from '../types.js';
import { errorText } from '../../../common/error-text.js';

// The link over a byte channel (a device file, a serial port): open, write, read the DLE EOT answer
// when the channel can read, close. A device file is opened per probe and per job, as TCP connects
// per job: a printer unplugged and plugged back in between two tickets is simply opened again. A
// serial port stays open (`keepOpen`) until something fails: opening one flushes its output queue,
// which could drop the tail of the ticket before, and toggles DTR, which resets some printers.

export interface ByteChannel {
  /** False when the device was opened write-only: no status can be read. */
  readonly readable: boolean;
  /** Resolves once every byte was handed to the device (a serial port: transmitted). */
  write(bytes: Buffer): Promise<void>;
  /** What arrived, as soon as `count` bytes did or when `timeoutMs` ran out. */
  read(count: number, timeoutMs: number): Promise<Buffer>;
  /** Drops input left over from an earlier exchange, so an old answer is never read as the new one. */
  discardInput(): Promise<void>;
  close(): Promise<void>;
}

export type Opened = { ok: true; channel: ByteChannel } | { ok: false; error: string };

export type ChannelLinkOptions = {
  open: () => Promise<Opened>;
  capabilities: TransportCapabilities;
  statusTimeoutMs: number;
  /** How long writing these bytes may take before the job is given up as uncertain. */
  writeTimeoutMs: (byteCount: number) => number;
  keepOpen?: boolean;
};

/**
 * A printer answers every DLE EOT n it receives, also the ones that happen to lie inside a job's image
 * data, and a USB-serial adapter delivers those answers a latency timer (16 ms by default on FTDI) after
 * the job's last byte left. One of them read in front of the real answer would shift it by a byte.
 */
const QUIET_BEFORE_STATUS_MS = 50;

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createChannelLink(options: ChannelLinkOptions): PrinterLink {
  const open = new Set<ByteChannel>();
  let kept: ByteChannel | undefined;

  const release = async (channel: ByteChannel): Promise<void> => {
    if (kept === channel) kept = undefined;
    open.delete(channel);
    await channel.close().catch(() => undefined);
  };

  async function withChannel<T>(onError: (error: string) => T, use: (channel: ByteChannel) => Promise<T>): Promise<T> {
    let channel = kept;
    if (!channel) {
      const opened = await options.open();
      if (!opened.ok) return onError(opened.error);
      channel = opened.channel;
      open.add(channel);
      if (options.keepOpen) kept = channel;
    }
    let failed = true;
    try {
      const result = await use(channel);
      failed = false;
      return result;
    } finally {
      // After any failure the port is reopened from scratch: it may be half-closed or gone.
      if (failed || !options.keepOpen) await release(channel);
    }
  }

  /** Runs `use`, turning a thrown error into a value only after the channel was released. */
  const attempt = async <T>(onOpenError: (error: string) => T, onError: (error: string) => T, use: (channel: ByteChannel) => Promise<T>): Promise<T> => {
    try {
      return await withChannel(onOpenError, use);
    } catch (err) {
      return onError(errorText(err));
    }
  };

  // Only a job's bytes can draw late answers: the probe before the next job need not wait again.
  let sentSinceQuiet = false;

  /**
   * Drops old input; after a job, until none has arrived for QUIET_BEFORE_STATUS_MS. False when the line was still
   * busy when the status timeout ran out.
   */
  async function settle(channel: ByteChannel): Promise<boolean> {
    const deadline = Date.now() + options.statusTimeoutMs;
    await channel.discardInput();
    if (!sentSinceQuiet) return true;
    while ((await channel.read(1, QUIET_BEFORE_STATUS_MS)).length > 0) {
      if (Date.now() >= deadline) return false;
      await channel.discardInput();
    }
    sentSinceQuiet = false;
    return true;
  }

  async function ask(channel: ByteChannel): Promise<PrinterStatus> {
    await withTimeout(channel.write(STATUS_REQUEST), options.statusTimeoutMs, 'status request not taken');
    return decodeStatus(await channel.read(STATUS_ANSWER_LENGTH, options.statusTimeoutMs));
  }

  const probe = (): Promise<PrinterStatus> =>
    attempt<PrinterStatus>(
      (reason) => ({ state: 'unreachable', reason }),
      (reason) => ({ state: 'unreachable', reason }),
      async (channel) => {
        const afterJob = sentSinceQuiet;
        if (!channel.readable || !(await settle(channel))) return { state: 'unknown' };
        const status = await ask(channel);
        if (!afterJob || status.state === 'ready' || status.state === 'unknown') return status;
        // A late answer that outlasted the quiet (a busy machine, a slow adapter) shifts the answer by a
        // byte and reads as a fault: a fault right after a job counts only if it is read again once the
        // line has been quiet again. A real one (paper out, cover open) is still there a moment later.
        sentSinceQuiet = true;
        if (!(await settle(channel))) return { state: 'unknown' };
        return ask(channel);
      },
    );

  const send = (bytes: Buffer): Promise<SendOutcome> => {
    const limitMs = options.writeTimeoutMs(bytes.length);
    return attempt<SendOutcome>(
      (error) => ({ ok: false, delivered: 'none', error }),
      (error) => ({ ok: false, delivered: 'unknown', error }),
      async (channel) => {
        sentSinceQuiet = true;
        await withTimeout(channel.write(bytes), limitMs, `printer did not take the job within ${limitMs} ms`);
        return { ok: true };
      },
    );
  };

  async function close(): Promise<void> {
    await Promise.all([...open].map(release));
  }

  return { capabilities: options.capabilities, probe, send, close };
}
