import type { PrinterLink, SendOutcome } from '../types.js';
import { awaitSpooledJob } from './await-job.js';
import type { Winspool } from './winspool.js';
import { errorText } from '../../../common/error-text.js';

// windows://Printer Name: a RAW job through the Windows spooler (the printer's own driver passes RAW
// bytes through untouched), job completion read back with GetJob. The spooler does not relay DLE EOT,
// so the printer's paper state is not known here: statusProbe best-effort or off.

export type WindowsOptions = {
  platform?: NodeJS.Platform;
  /** The spooler binding; the real one (koffi + winspool.drv) by default, a fake in tests. */
  loadWinspool?: () => Promise<Winspool>;
  confirmTimeoutMs?: number;
  pollMs?: number;
};

const JOB_STATUS_ERROR = 0x2;
const JOB_STATUS_DELETING = 0x4;
const JOB_STATUS_OFFLINE = 0x20;
const JOB_STATUS_PAPEROUT = 0x40;
const JOB_STATUS_PRINTED = 0x80;
const JOB_STATUS_DELETED = 0x100;
const JOB_STATUS_USER_INTERVENTION = 0x400;
const JOB_STATUS_COMPLETE = 0x1000;
const ERROR_INVALID_PARAMETER = 87;

/** A Win32 error code from the spooler, in words the person at the counter can act on. */
export function describeWinspoolError(code: number, printerName: string): string {
  switch (code) {
    case 1801:
      return `no Windows printer named "${printerName}" (check the exact name under Settings › Printers & scanners)`;
    case 5:
      return `Windows refused access to "${printerName}" (ask an administrator to allow printing to it)`;
    case 1722:
    case 1753:
      return 'the Windows print spooler is not running (start the "Print Spooler" service)';
    case 1804:
      return `the driver of "${printerName}" refuses RAW jobs: install the maker's ESC/POS driver or "Generic / Text Only"`;
    case 1802:
    case 1797:
      return `the driver of "${printerName}" is missing or broken: reinstall the printer`;
    default:
      return `Windows spooler error ${code} on "${printerName}"`;
  }
}

/** What a job's spooler status says; undefined while it is still on its way. */
export function jobOutcome(status: number | null, lastError: number): 'confirmed' | 'problem' | undefined {
  if (status === null) return lastError === ERROR_INVALID_PARAMETER ? 'confirmed' : undefined;
  if (status & (JOB_STATUS_PRINTED | JOB_STATUS_COMPLETE)) return 'confirmed';
  if (status & (JOB_STATUS_ERROR | JOB_STATUS_OFFLINE | JOB_STATUS_PAPEROUT | JOB_STATUS_USER_INTERVENTION | JOB_STATUS_DELETING | JOB_STATUS_DELETED)) {
    return 'problem';
  }
  return undefined;
}

export function createWindowsLink(printerName: string, options: WindowsOptions = {}): PrinterLink {
  const platform = options.platform ?? process.platform;
  const confirmTimeoutMs = options.confirmTimeoutMs ?? 3_000;
  const pollMs = options.pollMs ?? 100;
  const load = options.loadWinspool ?? (async () => (await import('./winspool.js')).bindWinspool());
  let spooler: Promise<Winspool> | undefined;

  async function send(bytes: Buffer): Promise<SendOutcome> {
    if (platform !== 'win32') {
      return { ok: false, delivered: 'none', error: `windows:// printers work only on Windows (this computer runs ${platform}): use cups://, file:// or serial://` };
    }
    let api: Winspool;
    try {
      api = await (spooler ??= load());
    } catch (err) {
      spooler = undefined;
      return { ok: false, delivered: 'none', error: `cannot load the Windows spooler API: ${errorText(err)}` };
    }
    const failed = (delivered: 'none' | 'unknown'): SendOutcome => ({ ok: false, delivered, error: describeWinspoolError(api.lastError(), printerName) });
    const handle = api.openPrinter(printerName);
    if (handle === null) return failed('none');
    try {
      const jobId = api.startDocPrinter(handle, 'kitchen ticket', 'RAW');
      if (jobId === 0) return failed('none');
      if (!api.startPagePrinter(handle)) {
        const outcome = failed('none');
        api.endDocPrinter(handle);
        return outcome;
      }
      const written = api.writePrinter(handle, bytes);
      if (written !== bytes.length) {
        // Part of the job may be spooled, and ending the document prints that part.
        const outcome = written === null ? failed('unknown') : { ok: false as const, delivered: 'unknown' as const, error: `the spooler took ${written} of ${bytes.length} bytes` };
        api.endPagePrinter(handle);
        api.endDocPrinter(handle);
        return outcome;
      }
      if (!api.endPagePrinter(handle) || !api.endDocPrinter(handle)) return failed('unknown');
      return await awaitSpooledJob(() => {
        const outcome = jobOutcome(api.jobStatus(handle, jobId), api.lastError());
        if (outcome === 'confirmed') return { ok: true, confirmed: true };
        // The spooler has the job and will print it when the printer is back: it is sent, not lost.
        return outcome === 'problem' ? { ok: true } : undefined;
      }, confirmTimeoutMs, pollMs);
    } finally {
      api.closePrinter(handle);
    }
  }

  return {
    capabilities: { readsStatus: false, confirms: true, receiptProof: true },
    probe: async () => (platform === 'win32' ? { state: 'unknown' } : { state: 'unreachable', reason: `windows:// printers work only on Windows (this computer runs ${platform})` }),
    send,
    close: async () => undefined,
  };
}
