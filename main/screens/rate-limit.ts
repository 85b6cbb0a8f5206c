import type { Clock } from '../core/clock.js';

// Pairing attempts per address: a code has a million values and lives a few minutes, so a LAN
// device guessing must be slowed to a handful of tries a minute. A global cap covers many addresses.

export type RateLimit = { take(key: string): boolean };

export function createRateLimit(clock: Clock, { perKey, global, windowMs }: { perKey: number; global: number; windowMs: number }): RateLimit {
  const hits = new Map<string, number[]>();
  let all: number[] = [];
  const recent = (list: number[], now: number) => list.filter((at) => now - at < windowMs);
  return {
    take(key) {
      const now = clock.now();
      all = recent(all, now);
      const mine = recent(hits.get(key) ?? [], now);
      if (mine.length >= perKey || all.length >= global) {
        hits.set(key, mine);
        return false;
      }
      mine.push(now);
      all.push(now);
      hits.set(key, mine);
      // Addresses that stopped trying are forgotten, so the map cannot grow without end.
      if (hits.size > 1000) for (const [k, list] of hits) if (recent(list, now).length === 0) hits.delete(k);
      return true;
    },
  };
}
