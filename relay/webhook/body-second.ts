/**
 * The second a webhook body says its first order was last updated (klikit's `updated_at`), in seconds
 * since 1970, or 0 when the body names none the relay can read.
 *
 * It leads the key a body is deduped by (store/events.ts): klikit stamps `updated_at` as it sends, so
 * the keys of webhooks sent together fall on the last few pages of the index instead of a random page
 * each, as a key of the hash alone did. The second, not the minute: at thousands of webhooks a second, a
 * minute's keys span thousands of pages and are as random as the hash. It is read from the body's own
 * bytes, so a repeat of a body, whenever it comes, has the same key. Only the digits are read, by
 * Date.UTC, whose answer the language fixes: Date.parse of a loosely formed stamp may change between
 * Node versions, which would let a repeat across an upgrade through.
 */
export function bodySecond(updatedAt: unknown): number {
  if (typeof updatedAt !== 'string') return 0;
  const stamp = STAMP.exec(updatedAt);
  if (!stamp) return 0;
  const [, year, month, day, hour, minute, second] = stamp.map(Number) as [number, number, number, number, number, number, number];
  // A stamp without seconds leaves the last group unmatched: Number(undefined) is NaN, read as 0.
  const seconds = Date.UTC(year, month - 1, day, hour, minute, second || 0) / 1000;
  return seconds > 0 && seconds < 2 ** 32 ? seconds : 0;
}

const STAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/;
