import type { MissedCount } from '../../common/acceptance.js';
import { providerLabel } from '../klikit/enums.js';
import type { Db } from '../store/connection.js';
import { missedSince, type MissedOrder } from '../store/missed-orders.js';

// The missed orders of the last days, counted on the kitchen's own calendar (its time zone), so
// "today" turns over at the restaurant's midnight, not UTC's.

export const MISSED_DAYS = 7;

const formats = new Map<string | undefined, Intl.DateTimeFormat>();

/** A time zone Intl does not know counts in the system's zone rather than failing the health answer. */
function dayFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    const options = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;
    try {
      format = new Intl.DateTimeFormat('en-CA', { ...options, timeZone });
    } catch {
      format = new Intl.DateTimeFormat('en-CA', options);
    }
    formats.set(timeZone, format);
  }
  return format;
}

/** YYYY-MM-DD of an instant in the time zone (the system's when none is given). */
export function localDay(ms: number, timeZone: string | undefined): string {
  const parts = dayFormat(timeZone).formatToParts(ms);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The first instant worth reading: a day more than asked, so the oldest local day is whole in any time zone. */
export const missedWindowStart = (now: number, days = MISSED_DAYS): string => new Date(now - (days + 1) * 86_400_000).toISOString();

export function countMissed(rows: readonly MissedOrder[], now: number, providerName: (id: number | null) => string, timeZone?: string, days = MISSED_DAYS): MissedCount {
  const keep = new Set(Array.from({ length: days }, (_, i) => localDay(now - i * 86_400_000, timeZone)));
  const byDay = new Map<string, Map<number | null, number>>();
  for (const row of rows) {
    const day = localDay(Date.parse(row.missedAt), timeZone);
    if (!keep.has(day)) continue;
    const providers = byDay.get(day) ?? new Map<number | null, number>();
    providers.set(row.providerId, (providers.get(row.providerId) ?? 0) + 1);
    byDay.set(day, providers);
  }
  const list = [...byDay.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([day, providers]) => {
      const byProvider = [...providers.entries()]
        .map(([providerId, count]) => ({ providerId, provider: providerName(providerId), count }))
        .sort((a, b) => b.count - a.count || a.provider.localeCompare(b.provider));
      return { day, total: byProvider.reduce((sum, p) => sum + p.count, 0), byProvider };
    });
  const today = localDay(now, timeZone);
  return { today: list.find((d) => d.day === today)?.total ?? 0, days: list };
}

/** The stored missed orders of the last MISSED_DAYS local days, counted. */
export function missedCount(db: Db, now: number, timeZone?: string): MissedCount {
  return countMissed(missedSince(db, missedWindowStart(now)), now, providerLabel, timeZone);
}
