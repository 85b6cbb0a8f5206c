import type { Random } from './clock.js';

export type Backoff = { baseMs: number; capMs: number };

/**
 * Exponential backoff with FULL jitter: a uniformly random delay in [0, min(cap, base * 2^attempt)).
 * Full jitter spreads the retries of many clients (every counter PC of a city after a relay restart,
 * every queue after a printer comes back) instead of synchronising them. The exponent is clamped so
 * a huge attempt count cannot turn the ceiling into Infinity (or NaN with a zero base).
 */
export function fullJitterDelay(attempt: number, backoff: Backoff, random: Random): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
