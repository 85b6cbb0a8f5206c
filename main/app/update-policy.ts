// When a downloaded update may be installed. Installing restarts the app, and a restart while a
// ticket is queued or printing delays food (the job survives, but nobody wants to wait for an
// installer at the pass): so only when nothing is pending and no order has arrived for a while,
// or else at the next start (electron-updater installs on quit).

export type QuietInputs = {
  /** Print jobs queued, sending or held, over all printers. */
  pendingJobs: number;
  /** When the last order arrived (ms since epoch); null when there has never been one. */
  lastOrderAt: number | null;
  now: number;
};

export type QuietVerdict = { quiet: true } | { quiet: false; reason: string };

const DEFAULT_QUIET_AFTER_MS = 10 * 60_000;

export function quietMoment(input: QuietInputs, quietAfterMs = DEFAULT_QUIET_AFTER_MS): QuietVerdict {
  if (input.pendingJobs > 0) {
    return { quiet: false, reason: `${input.pendingJobs} ticket${input.pendingJobs === 1 ? '' : 's'} still to print` };
  }
  if (input.lastOrderAt !== null) {
    const idleMs = input.now - input.lastOrderAt;
    if (idleMs < quietAfterMs) {
      return { quiet: false, reason: `an order came in ${Math.max(0, Math.floor(idleMs / 60_000))} min ago; waiting for ${Math.round(quietAfterMs / 60_000)} quiet minutes` };
    }
  }
  return { quiet: true };
}
