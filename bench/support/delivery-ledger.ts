import type { ReceivedFrame } from './bridge-fleet.js';

/**
 * What a relay load test sent and what its bridges received: each webhook's POST start and branch,
 * whether it was answered 200, and its first frame at that branch's bridge. A frame of an unknown
 * event or at another branch's bridge, and a repeat, is counted, never taken as the delivery.
 */
export class DeliveryLedger {
  private readonly posted = new Map<string, { atMs: number; branchId: number }>();
  private readonly answered = new Set<string>();
  /** Event id → POST start to first frame at its bridge, in ms. */
  private readonly delays = new Map<string, number>();
  duplicates = 0;
  misdelivered = 0;

  /** `atMs` on the clock the bridges note receipt with (performance.timeOrigin + performance.now()). */
  post(eventId: string, branchId: number, atMs: number): void {
    this.posted.set(eventId, { atMs, branchId });
  }

  answeredOk(eventId: string): void {
    this.answered.add(eventId);
  }

  receive(frames: readonly ReceivedFrame[]): void {
    for (const [branchId, , eventId, receivedAtMs] of frames) {
      const post = this.posted.get(eventId);
      if (post?.branchId !== branchId) this.misdelivered++;
      else if (this.delays.has(eventId)) this.duplicates++;
      else this.delays.set(eventId, receivedAtMs - post.atMs);
    }
  }

  get answeredCount(): number {
    return this.answered.size;
  }

  /** Webhooks answered 200 whose frame has not reached their bridge (yet). */
  undelivered(): number {
    let missing = 0;
    for (const id of this.answered) if (!this.delays.has(id)) missing++;
    return missing;
  }

  /** POST start → frame at the bridge of every delivered webhook, ascending. */
  sortedDelays(): number[] {
    return [...this.delays.values()].sort((a, b) => a - b);
  }
}
