import { fullJitterDelay } from '../core/backoff.js';
import type { Clock, Random } from '../core/clock.js';

export type RetryPolicy = { maxRetries: number; baseDelayMs: number; maxDelayMs: number };

/** klikit's advice: start at 500 ms, cap at 30 s; a poller calls again later, so few retries per call. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * How long to wait before retry number `attempt` (0-based): the server's Retry-After when it gave one,
 * else exponential backoff with full jitter; never more than the cap either way.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, policy: RetryPolicy, random: Random): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  return fullJitterDelay(attempt, { baseMs: policy.baseDelayMs, capMs: policy.maxDelayMs }, random);
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); anything else is ignored. */
export function parseRetryAfter(header: string | null, clock: Clock): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - clock.now());
}
