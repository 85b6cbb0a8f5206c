import type { Clock } from '../../ground/clock.js';

// Failed pairing attempts per address: a code has a million values and lives a few minutes, so a LAN
// device guessing must be slowed to a handful of wrong tries a minute. A global cap covers many
// addresses. A right code is not counted: the kitchen pairing its screens one after another is never
// told to wait, while a guesser is.

export type RateLimit = {
  /** Whether another attempt from `key` may be checked now. */
  allows(key: string): boolean;
  /** Counts a wrong or expired code from `key`. */
  failed(key: string): void;
};

export function createRateLimit(clock: Clock, { perKey, global, windowMs }: { perKey: number; global: number; windowMs: number }): RateLimit {
  const hits = new Map<string, number[]>();
  let all: number[] = [];
  const recent = (list: number[], now: number) => list.filter((at) => now - at < windowMs);
  return {
    allows(key) {
      const now = clock.now();
      all = recent(all, now);
      const mine = recent(hits.get(key) ?? [], now);
      hits.set(key, mine);
      return mine.length < perKey && all.length < global;
    },
    failed(key) {
      const now = clock.now();
      hits.set(key, [...recent(hits.get(key) ?? [], now), now]);
      all.push(now);
      // Addresses that stopped trying are forgotten, so the map cannot grow without end.
      if (hits.size > 1000) for (const [k, list] of hits) if (recent(list, now).length === 0) hits.delete(k);
    },
  };
}
