import type { Random } from '../../ground/clock.js';

// Which faults a chaos run injects and when: a seeded plan, so that a failing run can be replayed
// with the same seed (the timing of processes still varies; the order of events does not).

export const INFRA_FAULTS = [
  'bridge SIGKILL + restart',
  'relay SIGKILL + restart',
  'relay link dropped',
  'relay link half-open',
  'relay link slow',
  'printer paper out',
  'printer cover open',
  'printer paper out mid-job',
  'printer link cut mid-job',
  'printer disconnected',
] as const;

export const TRAFFIC_FAULTS = [
  'duplicate webhook, same event id',
  'duplicate webhook, new event id',
  'out-of-order status updates',
  'stale status update',
  'cart edit after print',
  'cancel before print',
  'cancel after print',
  'bad signature',
  'missing klikit headers',
  'malformed body',
] as const;

export type FaultKind = (typeof INFRA_FAULTS)[number] | (typeof TRAFFIC_FAULTS)[number];
export const ALL_FAULTS: readonly FaultKind[] = [...INFRA_FAULTS, ...TRAFFIC_FAULTS];

/** A fault to inject right after order number `afterOrder` (1-based) was sent. */
export type PlannedFault = { afterOrder: number; kind: FaultKind; durationMs: number; size: number };

/**
 * `count` faults over `orders` orders. Every kind comes round once before any repeats (so a short run
 * still covers them all), in a seeded order, at seeded positions; durations and byte counts are seeded.
 */
export function planFaults(random: Random, orders: number, count: number): PlannedFault[] {
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const kinds: FaultKind[] = [];
  while (kinds.length < count) {
    const round = [...ALL_FAULTS];
    for (let i = round.length - 1; i > 0; i--) {
      const j = int(0, i);
      [round[i], round[j]] = [round[j]!, round[i]!];
    }
    kinds.push(...round.slice(0, count - kinds.length));
  }
  // Leave the first few orders fault-free so the chain is up before anything breaks.
  const first = Math.min(orders, 5);
  return kinds
    .map((kind) => ({ afterOrder: int(first, Math.max(first, orders - 1)), kind, durationMs: int(300, 2_500), size: int(8, 400) }))
    .sort((a, b) => a.afterOrder - b.afterOrder);
}
