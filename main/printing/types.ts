// The seam between the per-printer queue and whatever carries bytes to a printer: one transport per
// URI scheme (transports/). Outcomes are values: a dead printer is an expected state.

/** What `DLE EOT 1..4` told us. `unknown` when the printer did not answer in time. */
export type PrinterStatus =
  | { state: 'ready'; paperNearEnd?: boolean }
  | { state: 'paper-out' }
  | { state: 'cover-open' }
  | { state: 'offline'; reason: string }
  | { state: 'unreachable'; reason: string }
  | { state: 'unknown' };

export type SendOutcome =
  /** The bytes were taken; `confirmed` when the spooler says the job completed. */
  | { ok: true; confirmed?: boolean }
  /** Nothing reached the printer: safe to retry as is. */
  | { ok: false; delivered: 'none'; error: string }
  /** Some bytes may have reached the printer: a retry must carry the POSSIBLE DUPLICATE banner. */
  | { ok: false; delivered: 'unknown'; error: string };

/**
 * What a transport can know: the printer's (or spooler's) status; a job's completion; and whether a
 * send that succeeded proves the receiver read every byte (TCP's close handshake, a spooler's accepted
 * job) or only that the operating system buffered them (a device file or serial port).
 */
export type TransportCapabilities = { readsStatus: boolean; confirms: boolean; receiptProof: boolean };

/**
 * One transport to one printer. `probe` opens, asks for the status, closes; `send` opens, writes the
 * whole job, closes, and gives one outcome, so that every job's fate is a value of its own.
 */
export interface PrinterLink {
  readonly capabilities: TransportCapabilities;
  /** `unknown` when the printer or device does not answer (or cannot: see capabilities). */
  probe(): Promise<PrinterStatus>;
  send(bytes: Buffer): Promise<SendOutcome>;
  close(): Promise<void>;
}

/** What the queue knows of the last job it handed over, shown per printer. */
export type Delivery = 'sent' | 'confirmed' | 'status unknown';

export type PrinterType = 'epson' | 'star';
export type PaperWidth = 48 | 42 | 32;

export type PrinterConfig = {
  id: string;
  name: string;
  type: PrinterType;
  /** A printer URI (transports/printer-uri.ts): tcp://, file://, serial://, cups://, windows:// */
  interface: string;
  width: PaperWidth;
  /** Some clones never answer DLE EOT: print anyway instead of holding the queue. */
  statusProbe: 'required' | 'best-effort' | 'off';
  /** Under best-effort, how long a printer found silent is not asked again (default 5). */
  silentReprobeMinutes?: number;
  copies: number;
  /** `auto` prints text unless a character needs the image path; `raster` always, `text` never. */
  render?: 'auto' | 'text' | 'raster';
  /** Dots across the print head; the paper width's default (576, 512 or 384) when absent. */
  dots?: number;
  /** The printer (by id) that takes this one's tickets while it is held longer than `backupAfterSeconds`. */
  backup?: string | undefined;
  /** Grace before the hand-over to the backup, or the alarm without one (default 30). */
  backupAfterSeconds?: number;
  /** The language of this printer's tickets (a BCP 47 tag); the window's (or the OS's) when absent. */
  language?: string | undefined;
};
