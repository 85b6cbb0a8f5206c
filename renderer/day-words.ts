import { fmt } from './i18n.js';

// How the day in numbers writes a duration, in the window's language (the words are in common/i18n/views).

type DurationParts = { hours?: number; minutes?: number; seconds?: number };
type DurationFormatter = { format(duration: DurationParts): string };
// Intl.DurationFormat is in Electron's Chromium but not in every browser a LAN screen may run (Chrome
// before 129, Firefox before 136), and not yet in our TypeScript lib: without it, each unit is written
// on its own and the parts joined as the language joins a list of units.
const DurationFormat = (Intl as unknown as { DurationFormat?: new (tag: string, options: { style: 'short' }) => DurationFormatter }).DurationFormat;
const UNITS = [['hours', 'hour'], ['minutes', 'minute'], ['seconds', 'second']] as const;

function formatDuration(parts: DurationParts): string {
  const tag = fmt().tag;
  if (DurationFormat) return new DurationFormat(tag, { style: 'short' }).format(parts);
  const given = UNITS.filter(([part]) => (parts[part] ?? 0) > 0);
  const shown = given.length > 0 ? given : UNITS.filter(([part]) => parts[part] !== undefined);
  const written = shown.map(([part, unit]) => new Intl.NumberFormat(tag, { style: 'unit', unit, unitDisplay: 'short' }).format(parts[part] ?? 0));
  return new Intl.ListFormat(tag, { type: 'unit', style: 'short' }).format(written);
}

/** "7 min", "1 hr, 5 min", "45 sec": a ticket time as a cook says it. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 60) return formatDuration({ seconds: Math.round(seconds) });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return fmt().minutes(minutes);
  return formatDuration({ hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** Whole minutes on a scale or a tile; under a minute (but not none) reads "<1 min". */
export const minutesText = (m: number): string => (m > 0 && m < 1 ? `<${fmt().minutes(1)}` : fmt().minutes(Math.round(m)));
