import { fullJitterDelay, type Backoff } from '../../ground/backoff.js';
import { isoAt, type Clock, type Random } from '../../ground/clock.js';
import type { Db } from '../store/connection.js';
import {
  headJobFor,
  markConfirmed,
  markFailed,
  markHeld,
  markSending,
  markSent,
  markUncertain,
  pendingCountByPrinter,
  releaseHeld,
  handOverWaiting,
  type PrintJob,
} from '../store/print-jobs.js';
import { deleteValue, getValue, setValue } from '../store/kv.js';
import { errorText } from '../../common/error-text.js';
import { DEFAULT_BACKUP_AFTER_SECONDS } from '../../common/backup-chain.js';
import { describeStatus } from './status.js';
import type { Delivery, PrinterConfig, PrinterLink, PrinterStatus } from './types.js';

// Drives one printer from the print_jobs table, one job in flight at a time, in ticket order: a job
// waiting out its retry holds back the ones behind it. Every transition, retry time included, is written
// before the next step, so a crash at any point leaves a row that says what may have happened and when
// to try again.

/** A ticket's bytes and, when the cook will not see every character (boxes or stand-ins), what is missing. */
export type RenderResult = { bytes: Buffer; warning?: string } | { error: string };

export type QueueState = {
  printerId: string;
  status: PrinterStatus;
  heldReason?: string;
  inFlightJobId?: number;
  lastError?: string;
  lastPrintedAt?: string;
  /** The last job handed over printed with characters the cook will not see. */
  lastWarning?: string;
  /** What is known of the last job handed over: confirmed by the printer or spooler, sent, or nothing. */
  delivery?: Delivery;
  depth: number;
  /** Since when the printer has not been printing: held (paper out, cover open, offline, not answering) or its sends failing. */
  heldSince?: string;
  /** Held longer than its grace: the printer whose queue takes its tickets now. */
  backupTo?: string;
  /** Held longer than its grace with no backup that can take its tickets: someone must go and look. */
  alarm?: { since: string; reason: string };
};

export type { Backoff };

export type PrintQueueOptions = {
  db: Db;
  printer: PrinterConfig;
  link: PrinterLink;
  clock: Clock;
  random: Random;
  /** The job's bytes; `job.possibleDuplicate` asks for the POSSIBLE DUPLICATE banner. */
  render: (job: PrintJob) => RenderResult | Promise<RenderResult>;
  onChange?: (state: QueueState) => void;
  backoff?: Backoff;
  /** How often a held queue probes the printer again, and an idle one looks at the table. */
  recheckMs?: number;
  /** The printer that takes this one's tickets now (its backup, or the next in the chain that is not held); none: the alarm. */
  backupTarget?: () => string | undefined;
  /** Jobs were handed to another printer's queue: wake it. */
  onHandedOver?: (toPrinterId: string, jobIds: readonly number[]) => void;
};

/** How long a printer found silent is taken at its word before it is asked again, unless a job fails. */
const DEFAULT_SILENT_REPROBE_MINUTES = 5;

export type PrintQueue = {
  start(): void;
  /** New jobs were enqueued: look now instead of at the next recheck. */
  wake(): void;
  /** Finishes the job in flight, then stops. */
  stop(): Promise<void>;
  state(): QueueState;
};

type Step = { again: true } | { again: false; waitMs: number };
const AGAIN: Step = { again: true };

export function createPrintQueue(options: PrintQueueOptions): PrintQueue {
  const { db, printer, link, clock, random, render } = options;
  const backoff = options.backoff ?? { baseMs: 1_000, capMs: 60_000 };
  const recheckMs = options.recheckMs ?? 1_000;
  let current: QueueState = { printerId: printer.id, status: { state: 'unknown' }, depth: 0 };
  let stopping = false;
  let running: Promise<void> | undefined;
  let woken = false;
  let interruptSleep: (() => void) | undefined;
  // A printer that never answers DLE EOT costs the whole status timeout at every probe: under
  // best-effort it is asked again only after silentReprobeMs or a failed job, not around every ticket.
  const silentReprobeMs = (printer.silentReprobeMinutes ?? DEFAULT_SILENT_REPROBE_MINUTES) * 60_000;
  const graceMs = (printer.backupAfterSeconds ?? DEFAULT_BACKUP_AFTER_SECONDS) * 1_000;
  let heldSince: number | undefined;
  // Remembered across restarts (kv): a printer silent before the bridge stopped is taken as silent for
  // its first burst after the start, instead of costing a status timeout first.
  const silentKey = `printer.silent.${printer.id}`;
  let foundSilentAt: number | undefined = getValue(db, silentKey) === undefined ? undefined : clock.now();
  const noteSilence = (silent: boolean): void => {
    const was = foundSilentAt !== undefined;
    foundSilentAt = silent ? clock.now() : undefined;
    if (silent && !was) setValue(db, silentKey, isoAt(clock));
    if (!silent && was) deleteValue(db, silentKey);
  };

  const now = (): string => isoAt(clock);

  function update(patch: Partial<QueueState>): void {
    const next: QueueState = { ...current, ...patch };
    for (const key of Object.keys(next) as (keyof QueueState)[]) if (next[key] === undefined) delete next[key];
    if (JSON.stringify(next) === JSON.stringify(current)) return;
    current = next;
    options.onChange?.(current);
  }

  const refreshDepth = (): void => update({ depth: pendingCountByPrinter(db)[printer.id] ?? 0 });

  const retryAt = (job: PrintJob): string => new Date(clock.now() + fullJitterDelay(job.attempts, backoff, random)).toISOString();

  async function renderSafely(job: PrintJob): Promise<RenderResult> {
    try {
      return await render(job);
    } catch (err) {
      return { error: errorText(err) };
    }
  }

  const knownSilent = (): boolean =>
    printer.statusProbe === 'best-effort' && foundSilentAt !== undefined && clock.now() - foundSilentAt < silentReprobeMs;

  async function probe(): Promise<PrinterStatus> {
    const status = await link.probe();
    noteSilence(status.state === 'unknown');
    update({ status });
    return status;
  }

  /**
   * Whether the printer may take a job now (`known`: it said it is ready, rather than not being asked
   * or not answering); the reason to hold when it may not.
   */
  async function readiness(): Promise<{ ok: true; known: boolean } | { ok: false; reason: string }> {
    if (printer.statusProbe === 'off' || knownSilent()) return { ok: true, known: false };
    const status = await probe();
    if (status.state === 'ready') return { ok: true, known: true };
    if (status.state === 'unknown' && printer.statusProbe === 'best-effort') return { ok: true, known: false };
    if (status.state === 'unknown' && !link.capabilities.readsStatus) {
      return { ok: false, reason: `${describeStatus(status)}: this transport cannot read the printer's status (use statusProbe best-effort or off)` };
    }
    return { ok: false, reason: describeStatus(status) };
  }

  /** What is known once the printer took a job: how far it is confirmed, or why it may not have printed. */
  async function afterJob(confirmed: boolean): Promise<{ delivery: Delivery } | { doubt: string }> {
    if (printer.statusProbe === 'off') return { delivery: confirmed ? 'confirmed' : 'sent' };
    if (knownSilent()) return { delivery: confirmed ? 'confirmed' : 'status unknown' };
    // The bytes were taken, which says nothing about paper: a printer that ran out mid-job took them too.
    const status = await probe();
    // Bytes a device file or serial port buffered never reached a printer that is gone right after.
    const vanished = status.state === 'unreachable' && !link.capabilities.receiptProof;
    if (status.state === 'paper-out' || status.state === 'cover-open' || vanished) {
      return { doubt: `${describeStatus(status)} right after the job: it may not have printed in full` };
    }
    // A spooler's "ready" is about its queue, not this job: only its own confirmation counts.
    if (confirmed || (status.state === 'ready' && !link.capabilities.confirms)) return { delivery: 'confirmed' };
    return { delivery: status.state === 'unknown' ? 'status unknown' : 'sent' };
  }

  function backOnline(): void {
    heldSince = undefined;
    update({ heldReason: undefined, heldSince: undefined, backupTo: undefined, alarm: undefined });
  }

  /**
   * Held longer than the grace: the waiting jobs go to the backup's queue (one statement, see
   * handOverWaiting), or the alarm sounds when no printer can take them. True when jobs moved.
   */
  function failOver(reason: string): boolean {
    const to = options.backupTarget?.();
    if (to === undefined) {
      update({ backupTo: undefined, alarm: current.alarm ?? { since: now(), reason } });
      return false;
    }
    const moved = handOverWaiting(db, printer.id, to, now());
    update({ backupTo: to, alarm: undefined });
    if (moved.length > 0) options.onHandedOver?.(to, moved);
    return moved.length > 0;
  }

  /** Notes the hold; past the grace, fails over. How long to wait before looking again, or AGAIN when jobs moved. */
  function held(reason: string): Step {
    heldSince ??= clock.now();
    update({ heldReason: reason, heldSince: new Date(heldSince).toISOString() });
    const graceLeft = heldSince + graceMs - clock.now();
    if (graceLeft <= 0 && failOver(reason)) return AGAIN;
    refreshDepth();
    return { again: false, waitMs: graceLeft > 0 ? Math.min(recheckMs, graceLeft) : recheckMs };
  }

  async function step(): Promise<Step> {
    const job = headJobFor(db, printer.id);
    refreshDepth();
    if (!job) {
      // A held printer is watched while it has nothing to print, so its return is seen and new tickets come back to it.
      if (heldSince === undefined) return { again: false, waitMs: recheckMs };
      const ready = await readiness();
      if (!ready.ok) return held(ready.reason);
      // Only a printer that says it is ready is back; one that cannot say is tried with the next ticket.
      if (ready.known) backOnline();
      return { again: false, waitMs: recheckMs };
    }
    const untilDue = job.nextAttemptAt === null ? 0 : Date.parse(job.nextAttemptAt) - clock.now();
    if (untilDue > 0) {
      // A printer whose sends keep failing is not printing either: past the grace its tickets go elsewhere.
      if (heldSince !== undefined && clock.now() - heldSince >= graceMs && failOver(job.lastError)) return AGAIN;
      // Capped by the recheck so that a head job cancelled or replaced meanwhile is noticed.
      return { again: false, waitMs: Math.min(recheckMs, untilDue) };
    }
    const ready = await readiness();
    if (!ready.ok) {
      if (job.state !== 'held' || job.lastError !== ready.reason) markHeld(db, job.id, ready.reason, now());
      return held(ready.reason);
    }
    if (ready.known && heldSince !== undefined) backOnline();
    if (current.heldReason !== undefined || job.state === 'held') {
      releaseHeld(db, printer.id, now());
      update({ heldReason: undefined });
      if (job.state === 'held') return AGAIN;
    }

    const rendered = await renderSafely(job);
    if ('error' in rendered) {
      // The same payload renders the same way every time: retrying would only block the tickets behind it.
      const error = `cannot render the ticket: ${rendered.error}`;
      markFailed(db, job.id, error, null, now());
      update({ lastError: error });
      return AGAIN;
    }

    markSending(db, job.id, now(), rendered.warning);
    update({ inFlightJobId: job.id });
    const sent = await link.send(rendered.bytes);
    if (!sent.ok) {
      noteSilence(false);
      if (sent.delivered === 'none') markFailed(db, job.id, sent.error, retryAt(job), now());
      else markUncertain(db, job.id, sent.error, retryAt(job), now());
      heldSince ??= clock.now();
      update({ inFlightJobId: undefined, lastError: sent.error, heldSince: new Date(heldSince).toISOString() });
      return AGAIN;
    }

    const after = await afterJob(sent.confirmed === true);
    if ('doubt' in after) {
      markUncertain(db, job.id, after.doubt, null, now());
      update({ inFlightJobId: undefined, lastError: after.doubt, delivery: 'sent', lastWarning: rendered.warning });
      return AGAIN;
    }
    const { delivery } = after;
    const at = now();
    if (delivery === 'confirmed') markConfirmed(db, job.id, at);
    else markSent(db, job.id, at);
    if (heldSince !== undefined) backOnline();
    update({ inFlightJobId: undefined, lastPrintedAt: at, lastError: undefined, delivery, lastWarning: rendered.warning });
    return AGAIN;
  }

  function sleep(ms: number): Promise<void> {
    if (woken || stopping) {
      woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        interruptSleep = undefined;
        woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      interruptSleep = done;
    });
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      let next: Step;
      try {
        next = await step();
      } catch (err) {
        // A busy or failing database must not end the printer's loop: show it and look again later.
        update({ lastError: `print queue: ${errorText(err)}`, inFlightJobId: undefined });
        next = { again: false, waitMs: recheckMs };
      }
      if (!next.again) await sleep(next.waitMs);
    }
  }

  return {
    start() {
      if (running) return;
      stopping = false;
      running = loop();
    },
    wake() {
      woken = true;
      interruptSleep?.();
    },
    async stop() {
      stopping = true;
      interruptSleep?.();
      await running;
      running = undefined;
    },
    state: () => current,
  };
}
