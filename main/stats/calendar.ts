// Calendar days in the bridge's time zone (the ticket's `timeZone`, else the computer's): a day is the
// kitchen's day, not UTC's.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(key, f);
  }
  return f;
}

function wallClock(ms: number, timeZone: string | undefined): { day: string; asUtcMs: number } {
  // The computer's own zone is Date's local time: a first Intl.DateTimeFormat costs a Node process
  // some 8 MB of ICU data for good, which an idle bridge that has printed nothing yet need not pay.
  if (timeZone === undefined) {
    const local = new Date(ms);
    const asUtcMs = Date.UTC(local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(), local.getMinutes(), local.getSeconds());
    return { day: new Date(asUtcMs).toISOString().slice(0, 10), asUtcMs };
  }
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  const asUtcMs = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return { day, asUtcMs };
}

/** YYYY-MM-DD of an instant in the time zone. */
export const dayOf = (ms: number, timeZone?: string): string => wallClock(ms, timeZone).day;

/** The instant the day starts in the time zone (its local midnight). */
export function dayStartMs(day: string, timeZone?: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const midnightAsUtc = Date.UTC(y, m - 1, d);
  let guess = midnightAsUtc;
  // Two corrections settle the offset, also on a day the clocks change.
  for (let i = 0; i < 2; i += 1) guess = midnightAsUtc - (wallClock(guess, timeZone).asUtcMs - guess);
  return guess;
}

/** The day after (calendar arithmetic, no time zone involved). */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = nextDay(day)) days.push(day);
  return days;
}

/** The first day of a period of `days` days ending with the day of `nowMs`. */
export function periodStart(nowMs: number, days: number, timeZone?: string): string {
  let day = dayOf(nowMs, timeZone);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  day = new Date(Date.UTC(y, m - 1, d - (days - 1))).toISOString().slice(0, 10);
  return day;
}
