import { fullJitterDelay } from '../../ground/backoff.js';
import type { Clock, Random } from '../../ground/clock.js';

/** `minDelayMs` and `maxDelayMs` bound every wait, whatever the server's Retry-After says. */
export type RetryPolicy = { maxRetries: number; baseDelayMs: number; minDelayMs: number; maxDelayMs: number };

/**
 * klikit's advice: start at 500 ms, cap at 30 s; a poller calls again later, so few retries per call.
 * The floor keeps a `Retry-After: 0` (or a date in the past) from turning retries into a hot loop.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 500, minDelayMs: 250, maxDelayMs: 30_000 };

/** `ms` held within [min, max]; anything that is not a finite number (NaN, Infinity) counts as the maximum. */
export function boundedDelayMs(ms: number, bounds: Pick<RetryPolicy, 'minDelayMs' | 'maxDelayMs'>): number {
  const floor = Math.min(bounds.minDelayMs, bounds.maxDelayMs);
  if (!Number.isFinite(ms)) return bounds.maxDelayMs;
  return Math.min(Math.max(ms, floor), bounds.maxDelayMs);
}

/**
 * How long to wait before retry number `attempt` (0-based): the server's Retry-After when it gave one,
 * else exponential backoff with full jitter; always within the policy's floor and ceiling.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, policy: Pick<RetryPolicy, 'baseDelayMs' | 'minDelayMs' | 'maxDelayMs'>, random: Random): number {
  const wanted = retryAfterMs ?? fullJitterDelay(attempt, { baseMs: policy.baseDelayMs, capMs: policy.maxDelayMs }, random);
  return boundedDelayMs(wanted, policy);
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); anything else is ignored. */
export function parseRetryAfter(header: string | null, clock: Clock): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - clock.now());
}
