import { ACCEPTANCE_DEFAULTS, type AcceptanceSettings } from './acceptance.js';
import type { ReadyWhen } from './order-actions.js';

// How the kitchen works until someone chooses otherwise. The config file (main/core/config.ts) and
// the desktop app's Settings → Kitchen (common/settings.ts) both start from these, so a counter set
// up either way behaves the same.

export const KITCHEN_DEFAULTS: {
  readonly undoSeconds: number;
  readonly readyWhen: ReadyWhen;
  readonly staleOrderHours: number;
  readonly acceptance: AcceptanceSettings;
  readonly allDayStrip: boolean;
  readonly statsRetentionDays: number;
} = {
  /** A Ready bump can be undone this long before it goes to klikit. */
  undoSeconds: 10,
  /** With stations: READY goes to klikit once every station is done. */
  readyWhen: 'all-stations',
  /** An order first seen this long after klikit created it goes to Problems instead of the printer. */
  staleOrderHours: 24,
  /** Acceptance deadlines per provider, when the alarm escalates, auto-accept off (common/acceptance.ts). */
  acceptance: ACCEPTANCE_DEFAULTS,
  /** The board's strip of what is still to cook (the All day tab has it in full). */
  allDayStrip: false,
  /** The day in numbers keeps each day's figures this long. */
  statsRetentionDays: 90,
};

/** The longest range the day in numbers covers. Kept here, not with its schemas (common/day-numbers.ts),
 * so that the config and the CLI that check it do not build those schemas at start. */
export const DAY_NUMBERS_MAX_DAYS = 400;
