import { decodeStatus, STATUS_ANSWER_LENGTH, STATUS_REQUEST } from '../status.js';
import type { PrinterLink, PrinterStatus, SendOutcome, TransportCapabilities } from '../types.js';

// The link over a byte channel (a device file, a serial port): open, write, read the DLE EOT answer
// when the channel can read, close. The channel is opened per probe and per job, as TCP connects per
// job: a printer unplugged and plugged back in between two tickets is simply opened again.

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
};

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createChannelLink(options: ChannelLinkOptions): PrinterLink {
  const open = new Set<ByteChannel>();

  async function withChannel<T>(onError: (error: string) => T, use: (channel: ByteChannel) => Promise<T>): Promise<T> {
    const opened = await options.open();
    if (!opened.ok) return onError(opened.error);
    const { channel } = opened;
    open.add(channel);
    try {
      return await use(channel);
    } finally {
      open.delete(channel);
      await channel.close().catch(() => undefined);
    }
  }

  const probe = (): Promise<PrinterStatus> =>
    withChannel<PrinterStatus>(
      (reason) => ({ state: 'unreachable', reason }),
      async (channel) => {
        if (!channel.readable) return { state: 'unknown' };
        try {
          await channel.discardInput();
          await withTimeout(channel.write(STATUS_REQUEST), options.statusTimeoutMs, 'status request not taken');
          return decodeStatus(await channel.read(STATUS_ANSWER_LENGTH, options.statusTimeoutMs));
        } catch (err) {
          return { state: 'unreachable', reason: errorText(err) };
        }
      },
    );

  const send = (bytes: Buffer): Promise<SendOutcome> =>
    withChannel<SendOutcome>(
      (error) => ({ ok: false, delivered: 'none', error }),
      async (channel) => {
        const limitMs = options.writeTimeoutMs(bytes.length);
        try {
          await withTimeout(channel.write(bytes), limitMs, `printer did not take the job within ${limitMs} ms`);
          return { ok: true };
        } catch (err) {
          return { ok: false, delivered: 'unknown', error: errorText(err) };
        }
      },
    );

  async function close(): Promise<void> {
    await Promise.all([...open].map((channel) => channel.close().catch(() => undefined)));
    open.clear();
  }

  return { capabilities: options.capabilities, probe, send, close };
}
