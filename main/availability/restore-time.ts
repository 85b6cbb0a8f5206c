import type { StockDuration } from './stock-store.js';

// When an item marked out of stock comes back by itself. "Until tomorrow" ends at the kitchen's next
// day: 04:00 local time, after the latest closing of a late-night kitchen and before any breakfast
// service (the bridge knows no opening hours). Local means the kitchen's zone (`ticket.timeZone`),
// the machine's when it is not set.

/** The hour (local) at which "until tomorrow" ends. */
export const NEXT_DAY_HOUR = 4;

const HOUR_MS = 3_600_000;

/** The zone's offset from UTC at `at` (ms), read from Intl: what the wall clock shows minus UTC. */
function offsetAt(at: number, timeZone: string | undefined): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(at);
  const n = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(at / 1000) * 1000;
}

/** The instant the zone's wall clock shows `hour`:00 on the local day of `wall` (a UTC-shaped wall time). */
function instantOfWall(wallMs: number, timeZone: string | undefined): number {
  // Twice: the offset at the guess may differ from the offset at the answer across a DST change.
  let guess = wallMs - offsetAt(wallMs, timeZone);
  guess = wallMs - offsetAt(guess, timeZone);
  return guess;
}

/** The next NEXT_DAY_HOUR:00 local time strictly after `now`. */
export function nextDayStart(now: number, timeZone: string | undefined): number {
  const wallNow = now + offsetAt(now, timeZone);
  const day = new Date(wallNow);
  const today = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), NEXT_DAY_HOUR);
  const candidate = instantOfWall(today, timeZone);
  return candidate > now ? candidate : instantOfWall(today + 24 * HOUR_MS, timeZone);
}

/** When the mark ends by itself (ms since the epoch), or null for "until I turn it back". */
export function restoreAt(duration: StockDuration, now: number, timeZone: string | undefined): number | null {
  if (duration === 'hour') return now + HOUR_MS;
  if (duration === 'tomorrow') return nextDayStart(now, timeZone);
  return null;
}
