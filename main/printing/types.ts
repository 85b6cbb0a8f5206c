// The seam between the per-printer queue and whatever carries bytes to a printer (TCP today; device
// files and the OS spooler later). Outcomes are values: a dead printer is an expected state.

/** What `DLE EOT 1..4` told us. `unknown` when the printer did not answer in time. */
export type PrinterStatus =
  | { state: 'ready'; paperNearEnd?: boolean }
  | { state: 'paper-out' }
  | { state: 'cover-open' }
  | { state: 'offline'; reason: string }
  | { state: 'unreachable'; reason: string }
  | { state: 'unknown' };

export type SendOutcome =
  | { ok: true }
  /** Nothing reached the printer: safe to retry as is. */
  | { ok: false; delivered: 'none'; error: string }
  /** Some bytes may have reached the printer: a retry must carry the POSSIBLE DUPLICATE banner. */
  | { ok: false; delivered: 'unknown'; error: string };

export interface PrinterLink {
  probe(): Promise<PrinterStatus>;
  send(bytes: Buffer): Promise<SendOutcome>;
  close(): Promise<void>;
}

export type PrinterType = 'epson' | 'star';
export type PaperWidth = 48 | 32;

export type PrinterConfig = {
  id: string;
  name: string;
  type: PrinterType;
  /** `tcp://host:port` */
  interface: string;
  width: PaperWidth;
  /** Some clones never answer DLE EOT: print anyway instead of holding the queue. */
  statusProbe: 'required' | 'best-effort' | 'off';
  /** Under best-effort, how long a printer found silent is not asked again (default 5). */
  silentReprobeMinutes?: number;
  copies: number;
};
