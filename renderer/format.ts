// How times read on a kitchen screen: short, relative, and one clock format everywhere (24-hour in
// the locale's own style, like the tickets), never seconds beyond the first minute.

const TIME = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

export function age(fromIso: string | null, now: number): string {
  if (!fromIso) return '';
  const seconds = Math.max(0, Math.round((now - Date.parse(fromIso)) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d`;
}

/** A wait that must be felt: minutes and seconds, "2:05". */
export function waited(fromIso: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function clockTime(iso: string | null): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleTimeString([], TIME);
}

/** A time of day to act by: the day too when it is not today (a scheduled order's due time). */
export function dueTime(iso: string, now = Date.now()): string {
  const d = new Date(iso);
  const time = d.toLocaleTimeString([], TIME);
  return d.toDateString() === new Date(now).toDateString() ? time : `${d.toLocaleDateString([], { weekday: 'short' })} ${time}`;
}

/** Time of day with seconds; the date only when it is not today. */
export function dateTime(iso: string, now = Date.now()): string {
  const d = new Date(iso);
  const time = d.toLocaleTimeString([], { ...TIME, second: '2-digit' });
  return d.toDateString() === new Date(now).toDateString() ? time : `${d.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${time}`;
}
