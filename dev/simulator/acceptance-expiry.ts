import { PUBLISHED_DEADLINE_MINUTES } from '../../common/acceptance.js';
import type { Clock } from '../../ground/clock.js';
import type { SimOrder } from './order-generator.js';

// What the platforms do to an order nobody accepts: once its provider's deadline has passed since it
// was placed, klikit moves it to CANCELLED and says so with klikit.order.status.updated, like any
// other status change. Off unless the simulator is given `acceptanceExpiry`.

const PLACED = 1;

export type AcceptanceExpiryOptions = {
  /** Minutes per klikit provider id; others get the published figure, else `otherMinutes`. */
  deadlineMinutes?: Readonly<Record<number, number>>;
  /** Default 10, as the bridge assumes. */
  otherMinutes?: number;
  /** How often to look for expired orders; without it only `expireUnaccepted()` does (tests). */
  checkMs?: number;
};

export type AcceptanceExpiry = {
  /** Cancels every order past its deadline that still waits for acceptance; resolves with the cancelled versions. */
  expireUnaccepted(): Promise<SimOrder[]>;
  stop(): void;
};

export function createAcceptanceExpiry(deps: {
  clock: Clock;
  orders: () => SimOrder[];
  cancel: (order: SimOrder) => Promise<{ order: SimOrder }>;
  options: AcceptanceExpiryOptions;
}): AcceptanceExpiry {
  const { clock, options } = deps;
  const minutesFor = (providerId: number): number =>
    options.deadlineMinutes?.[providerId] ?? PUBLISHED_DEADLINE_MINUTES[providerId] ?? options.otherMinutes ?? 10;
  const waiting = (o: SimOrder): boolean => {
    const flags = o as SimOrder & { auto_accept?: boolean | null; can_accept?: boolean | null };
    return o.status === PLACED && flags.auto_accept !== true && flags.can_accept !== false;
  };
  let running: Promise<SimOrder[]> | null = null;

  async function expireUnaccepted(): Promise<SimOrder[]> {
    // One sweep at a time: an order is cancelled once even when the timer and a test ask together.
    running ??= (async () => {
      const now = clock.now();
      const due = deps.orders().filter((o) => waiting(o) && now >= Date.parse(o.created_at) + minutesFor(o.provider_id) * 60_000);
      const cancelled: SimOrder[] = [];
      for (const order of due) cancelled.push((await deps.cancel(order)).order);
      return cancelled;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const timer = options.checkMs === undefined ? undefined : setInterval(() => void expireUnaccepted(), options.checkMs);
  timer?.unref();
  return { expireUnaccepted, stop: () => clearInterval(timer) };
}
