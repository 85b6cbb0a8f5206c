// When a downloaded update may be installed. Installing restarts the app, and a restart while a
// ticket is queued or printing delays food (the job survives, but nobody wants to wait for an
// installer at the pass): so only when nothing is pending and no order has arrived for a while,
// or else at the next start (electron-updater installs on quit).

import type { Translator } from '../../common/i18n/translator.js';
import { ENGLISH } from '../core/core-language.js';

export type QuietInputs = {
  /** Print jobs queued, sending or held, over all printers. */
  pendingJobs: number;
  /** When the last order arrived (ms since epoch); null when there has never been one. */
  lastOrderAt: number | null;
  now: number;
};

export type QuietVerdict = { quiet: true } | { quiet: false; reason: string };

const DEFAULT_QUIET_AFTER_MS = 10 * 60_000;

/** `words`: the language of the reason, the window's (the app's status shows it). */
export function quietMoment(input: QuietInputs, quietAfterMs = DEFAULT_QUIET_AFTER_MS, { t }: Translator = ENGLISH()): QuietVerdict {
  if (input.pendingJobs > 0) return { quiet: false, reason: t('core.update.ticketsToPrint', { count: input.pendingJobs }) };
  if (input.lastOrderAt !== null) {
    const idleMs = input.now - input.lastOrderAt;
    if (idleMs < quietAfterMs) {
      return { quiet: false, reason: t('core.update.recentOrder', { minutes: Math.max(0, Math.floor(idleMs / 60_000)), quiet: Math.round(quietAfterMs / 60_000) }) };
    }
  }
  return { quiet: true };
}
