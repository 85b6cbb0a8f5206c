import type { Random } from '../core/clock.js';

/**
 * Exponential backoff with FULL jitter: a uniformly random delay in [0, min(cap, base * 2^attempt)].
 * Full jitter spreads the reconnects of every counter PC of a city after a relay restart.
 */
export function fullJitterDelay(attempt: number, baseMs: number, capMs: number, random: Random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
