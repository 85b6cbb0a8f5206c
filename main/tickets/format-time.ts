// Ticket times are wall-clock times of the kitchen, not of the server: the zone is an option so that
// tests and remote kitchens get the same digits.

type Formatters = { ticket: Intl.DateTimeFormat; clock: Intl.DateTimeFormat };

/** English tickets keep the day before the month (`Thu 25 Jun`), as the kitchens of klikit's markets write it. */
const ENGLISH = 'en';

/** A kitchen uses one or two zones and languages; the cap only guards against a caller passing many. */
const MAX_CACHED_ZONES = 32;
const formattersByZone = new Map<string, Formatters>();

/**
 * Building an `Intl.DateTimeFormat` costs far more than formatting with one, and they are immutable,
 * so they are kept per language and zone. The machine's zone is keyed by `TZ`, which Node re-reads when it changes.
 */
function formattersFor(timeZone: string | undefined, tag: string): Formatters {
  const key = `${tag}|${timeZone === undefined ? `local:${process.env.TZ ?? ''}` : `zone:${timeZone}`}`;
  const locale = tag === ENGLISH ? 'en-GB' : tag;
  const cached = formattersByZone.get(key);
  if (cached) return cached;
  const formatters: Formatters = {
    ticket: new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
    clock: new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  };
  if (formattersByZone.size >= MAX_CACHED_ZONES) formattersByZone.clear();
  formattersByZone.set(key, formatters);
  return formatters;
}

/**
 * `Thu 25 Jun 16:14` in `timeZone` (the machine's zone when undefined), or the same in the locale of
 * `tag` (a translator's tag: `th`, `ar-u-nu-latn`…) in its own order; `?` for an unreadable time.
 */
export function formatTicketTime(iso: string, timeZone: string | undefined, tag = ENGLISH): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '?';
  const formatters = formattersFor(timeZone, tag);
  if (tag !== ENGLISH) return formatters.ticket.format(date);
  const parts = formatters.ticket.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('hour')}:${part('minute')}`;
}

/** `16:14` in `timeZone`. */
export function formatClockTime(iso: string, timeZone: string | undefined, tag = ENGLISH): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '?';
  return formattersFor(timeZone, tag).clock.format(date);
}
