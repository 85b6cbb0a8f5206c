/**
 * The minute a webhook body says its first order was last updated (klikit's `updated_at`), in minutes
 * since 1970, or 0 when the body names none the relay can read.
 *
 * It leads the key a body is deduped by (store/events.ts): klikit stamps `updated_at` as it sends, so
 * the keys of a busy hour fall on the last few pages of the index instead of a random page each, as a
 * key of the hash alone did. It is read from the body's own bytes, so a repeat of a body, whenever it
 * comes, has the same key. Only the date and minute digits are read, by Date.UTC, whose answer the
 * language fixes: Date.parse of a loosely formed stamp may change between Node versions, which would
 * let a repeat across an upgrade through.
 */
export function bodyMinute(updatedAt: unknown): number {
  if (typeof updatedAt !== 'string') return 0;
  const stamp = STAMP.exec(updatedAt);
  if (!stamp) return 0;
  const [, year, month, day, hour, minute] = stamp.map(Number) as [number, number, number, number, number, number];
  // Four digits of year, even rolled over by two-digit fields, stay below 2^32 minutes: four bytes of key.
  const minutes = Date.UTC(year, month - 1, day, hour, minute) / 60_000;
  return minutes > 0 ? minutes : 0;
}

const STAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/;