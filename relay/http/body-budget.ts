/**
 * The shared allowance of large webhook bodies in flight. Small bodies (every ordinary klikit
 * envelope) never wait on it, so a flood of large stalled bodies cannot starve genuine webhooks;
 * their total is bounded by the connection cap instead.
 */
export class BodyBudget {
  private inFlight = 0;

  constructor(
    private readonly budgetBytes: number,
    private readonly smallBodyBytes: number,
  ) {}

  /** Reserves room for a body of `bytes`; returns the release to call once it is read, or undefined when full. */
  reserve(bytes: number): (() => void) | undefined {
    if (bytes <= this.smallBodyBytes) return () => undefined;
    if (this.inFlight + bytes > this.budgetBytes) return undefined;
    this.inFlight += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= bytes;
    };
  }

  get bytesInFlight(): number {
    return this.inFlight;
  }
}
