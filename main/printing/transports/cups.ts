import type { PrinterLink, PrinterStatus, SendOutcome } from '../types.js';
import { awaitSpooledJob } from './await-job.js';
import { queryJobState } from './ipp-job-state.js';
import { runCommand } from './run-command.js';
import type { PrinterAddress } from '../../../common/printer-uri.js';

// cups://QUEUE: a raw job through CUPS (`lp -o raw`: the bytes reach the printer untouched by any
// filter), its completion read back over IPP, the printer's state as CUPS sees it (`lpstat -p`). No
// DLE EOT: CUPS owns the device. `?server=host:port` names another CUPS server (the tests' private one).

export type CupsAddress = Extract<PrinterAddress, { scheme: 'cups' }>;
export type CupsOptions = {
  commandTimeoutMs?: number;
  /** How long a job may take to complete before it is reported only as sent. */
  confirmTimeoutMs?: number;
  pollMs?: number;
  /** The server when the URI names none (host:port); CUPS's own default otherwise. */
  defaultServer?: string;
};

const firstLine = (text: string): string => text.trim().split('\n')[0]?.replace(/^\w+: /, '') ?? '';

/** What `lpstat -p QUEUE` says, as a printer status. */
export function statusFromLpstat(stdout: string): PrinterStatus {
  if (/^printer \S+ disabled/m.test(stdout)) {
    const reason = stdout.split('\n')[1]?.trim();
    return { state: 'offline', reason: `CUPS queue stopped${reason ? `: ${reason}` : ''}` };
  }
  if (/^printer \S+ (is idle|now printing)/m.test(stdout)) return { state: 'ready' };
  return { state: 'unknown' };
}

export function createCupsLink(address: CupsAddress, options: CupsOptions = {}): PrinterLink {
  const commandTimeoutMs = options.commandTimeoutMs ?? 5_000;
  const confirmTimeoutMs = options.confirmTimeoutMs ?? 3_000;
  const pollMs = options.pollMs ?? 50;
  const serverArgs = address.server ? ['-h', address.server] : [];
  // lp and lpstat follow CUPS_SERVER by themselves; the IPP query must be told.
  const ippServer = address.server ?? options.defaultServer ?? 'localhost:631';
  const missing = 'CUPS is not installed on this computer (no lp / lpstat command)';

  async function probe(): Promise<PrinterStatus> {
    const ran = await runCommand('lpstat', [...serverArgs, '-p', address.queue], commandTimeoutMs);
    if (ran.missing) return { state: 'unreachable', reason: missing };
    if (ran.code !== 0) return { state: 'unreachable', reason: `no CUPS queue "${address.queue}" (${firstLine(ran.stderr) || `lpstat exit ${ran.code}`})` };
    return statusFromLpstat(ran.stdout);
  }

  async function send(bytes: Buffer): Promise<SendOutcome> {
    const ran = await runCommand('lp', [...serverArgs, '-d', address.queue, '-o', 'raw', '-t', 'kitchen ticket'], commandTimeoutMs, bytes);
    if (ran.missing) return { ok: false, delivered: 'none', error: missing };
    const jobId = /request id is \S+-(\d+)/.exec(ran.stdout)?.[1];
    if (ran.code !== 0 || jobId === undefined) {
      // lp killed by its timeout may already have handed the job to CUPS: then the outcome is unknown.
      const delivered = ran.code === null ? 'unknown' : 'none';
      return { ok: false, delivered, error: `CUPS refused the job: ${firstLine(ran.stderr) || `lp exit ${ran.code}`}` };
    }
    return awaitSpooledJob(async (): Promise<SendOutcome | undefined> => {
      const state = await queryJobState(ippServer, address.queue, Number(jobId), commandTimeoutMs);
      if (state === 'completed') return { ok: true, confirmed: true };
      // A job CUPS gave up on may have printed in part: it is re-sent with the banner.
      if (state === 'canceled' || state === 'aborted') return { ok: false, delivered: 'unknown', error: `CUPS ${state} job ${jobId}` };
      // CUPS cannot say: it has the job and prints it when it can.
      return state === undefined ? { ok: true } : undefined;
    }, confirmTimeoutMs, pollMs);
  }

  return { capabilities: { readsStatus: true, confirms: true, receiptProof: true }, probe, send, close: async () => undefined };
}
