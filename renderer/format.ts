import { fmt, t } from './i18n.js';

// How times read on a kitchen screen: short, relative, and one clock format everywhere (24-hour in
// the window's language, like the tickets), never seconds beyond the first minute.

export function age(fromIso: string | null, now: number): string {
  if (!fromIso) return '';
  const seconds = Math.max(0, Math.round((now - Date.parse(fromIso)) / 1000));
  if (seconds < 60) return t('board.age.seconds', { count: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return fmt().minutes(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('board.age.hoursMinutes', { hours, minutes: minutes % 60 });
  return t('board.age.days', { count: Math.floor(hours / 24) });
}

/** A wait that must be felt: minutes and seconds, "2:05". */
export function waited(fromIso: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function clockTime(iso: string | null): string {
  if (!iso) return '—';
  return fmt().time(new Date(iso));
}

const sameDay = (d: Date, now: number): boolean => d.toDateString() === new Date(now).toDateString();

/** A time of day to act by: the day too when it is not today (a scheduled order's due time). */
export function dueTime(iso: string, now = Date.now()): string {
  const d = new Date(iso);
  return sameDay(d, now) ? fmt().time(d) : fmt().dateTime(d);
}

let withSeconds: Intl.DateTimeFormat | null = null;

/** Time of day with seconds; the date only when it is not today. */
export function dateTime(iso: string, now = Date.now()): string {
  const d = new Date(iso);
  // The page's language is set once at start (a change reloads it), so the format is made once.
  withSeconds ??= new Intl.DateTimeFormat(fmt().tag, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return sameDay(d, now) ? withSeconds.format(d) : `${fmt().day(d)} ${withSeconds.format(d)}`;
}
