import type { BridgeResult } from '../../common/bridge-api.js';
import type { Clock } from '../../ground/clock.js';

// After an `orders` push every screen re-reads the board at once: ten screens asking the same
// listOrders within a few milliseconds get one answer computed once. An answer lives at most
// `ttlMs` (time-dependent fields such as what staff may do now stay fresh) and is dropped the moment
// the core pushes a change, so no screen ever reads a board older than the push it reacts to.

const SHARED = new Set(['listOrders', 'pickupBoard']);
/** Far more than the kinds of screen times the pages a board asks for: a screen sending junk arguments cannot grow it. */
const MAX_ANSWERS = 64;

export function createReadCache(clock: Clock, ttlMs = 250) {
  const answers = new Map<string, { at: number; result: Promise<BridgeResult<unknown>> }>();
  return {
    /** `scope`: whose answer it is (the screen's grant and language): screens of different kinds or languages never share one. */
    read(scope: string, method: string, args: unknown, compute: () => Promise<BridgeResult<unknown>>): Promise<BridgeResult<unknown>> {
      if (!SHARED.has(method)) return compute();
      const key = `${scope}|${method}:${JSON.stringify(args ?? null)}`;
      const now = clock.now();
      const hit = answers.get(key);
      if (hit && now - hit.at < ttlMs) return hit.result;
      const result = compute();
      if (answers.size >= MAX_ANSWERS) answers.clear();
      answers.set(key, { at: now, result });
      // A failed answer is not shared beyond the requests already waiting for it.
      result.then(
        (r) => {
          if (!r.ok && answers.get(key)?.result === result) answers.delete(key);
        },
        () => answers.delete(key),
      );
      return result;
    },
    /** The core pushed a change: every cached answer is older than it. */
    invalidate(): void {
      answers.clear();
    },
  };
}
