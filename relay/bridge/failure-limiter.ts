import type { Clock } from '../../ground/clock.js';

type Window = { startedMs: number; failures: number };

/**
 * Counts failed bridge upgrades per source network in fixed windows. A bad token from a network past
 * the limit is answered 429 until its window ends, so guessing tokens costs the guesser time; a valid
 * token is never asked about it.
 */
export class FailureLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  blocked(address: string): boolean {
    return (this.current(address)?.failures ?? 0) >= this.maxFailures;
  }

  recordFailure(address: string): void {
    const window = this.current(address);
    if (window) window.failures++;
    else this.windows.set(address, { startedMs: this.clock.now(), failures: 1 });
  }

  /** Forgets ended windows, so the map holds only recent offenders. */
  sweep(): void {
    const now = this.clock.now();
    for (const [address, window] of this.windows) if (now - window.startedMs >= this.windowMs) this.windows.delete(address);
  }

  /** Addresses with a window held in memory. */
  get trackedAddresses(): number {
    return this.windows.size;
  }

  private current(address: string): Window | undefined {
    const window = this.windows.get(address);
    if (window && this.clock.now() - window.startedMs >= this.windowMs) {
      this.windows.delete(address);
      return undefined;
    }
    return window;
  }
}
