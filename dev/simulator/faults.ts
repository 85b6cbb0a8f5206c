/** `lost-response`: a write is applied, then the connection drops before the answer (a retry must not apply it twice). */
export type FaultKind = 'unauthorized' | 'forbidden' | 'rate-limited' | 'bad-gateway' | 'hang' | 'lost-response';
export type Fault = { kind: FaultKind; retryAfterSeconds: number };

export type Faults = {
  /** Answer the next `times` requests (every request until cleared, without it) with this fault. */
  set(kind: FaultKind, options?: { times?: number; retryAfterSeconds?: number }): void;
  clear(): void;
  /** The fault for the request being answered, if any; consumes one of the `times`. */
  take(): Fault | undefined;
};

export function createFaults(): Faults {
  let current: (Fault & { remaining: number }) | undefined;
  return {
    set(kind, { times, retryAfterSeconds = 1 } = {}) {
      current = { kind, retryAfterSeconds, remaining: times ?? Number.POSITIVE_INFINITY };
    },
    clear() {
      current = undefined;
    },
    take() {
      if (!current || current.remaining <= 0) return undefined;
      current.remaining -= 1;
      return { kind: current.kind, retryAfterSeconds: current.retryAfterSeconds };
    },
  };
}
