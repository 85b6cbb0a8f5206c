import { fmt } from './i18n.js';

// How the day in numbers writes a duration, in the window's language (the words are in common/i18n/views).

type DurationParts = { hours?: number; minutes?: number; seconds?: number };
type DurationFormatter = { format(duration: DurationParts): string };
// Intl.DurationFormat is in every Chromium the window runs in (Electron's and the screens'), not yet in our TypeScript lib.
const DurationFormat = (Intl as unknown as { DurationFormat: new (tag: string, options: { style: 'short' }) => DurationFormatter }).DurationFormat;

const formatDuration = (parts: DurationParts): string => new DurationFormat(fmt().tag, { style: 'short' }).format(parts);

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
