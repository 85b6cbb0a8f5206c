type Check<T> = () => T | undefined | null | false | Promise<T | undefined | null | false>;

/** Polls `check` until it returns a truthy value; `expired` (called after each miss) names the failure once the wait is over. */
async function pollUntil<T>(check: Check<T>, intervalMs: number, expired: () => string | null): Promise<T> {
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    const failure = expired();
    if (failure !== null) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`${failure}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Waits until `check` returns a truthy value, polling every `intervalMs`, and fails with `what`
 * after `timeoutMs`. Tests synchronise on conditions with a deadline, never on sleeps.
 */
export function waitFor<T>(what: string, check: Check<T>, { timeoutMs = 10_000, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return pollUntil(check, intervalMs, () => (Date.now() > deadline ? `timed out after ${timeoutMs} ms waiting for ${what}` : null));
}

/**
 * Waits until `check` returns a truthy value for as long as the work keeps moving: fails naming `what`
 * once `progress` (any comparable reading: a count, a tuple) has stood still for `idleMs`. A loaded
 * machine slows the work down without stopping it, so the deadline follows the work, not the clock.
 */
export function waitWhileProgressing<T>(
  what: string,
  check: Check<T>,
  progress: () => unknown,
  { idleMs = 10_000, intervalMs = 20 }: { idleMs?: number; intervalMs?: number } = {},
): Promise<T> {
  let last = JSON.stringify(progress());
  let deadline = Date.now() + idleMs;
  return pollUntil(check, intervalMs, () => {
    const now = JSON.stringify(progress());
    if (now !== last) {
      last = now;
      deadline = Date.now() + idleMs;
      return null;
    }
    return Date.now() > deadline ? `no progress for ${idleMs} ms (at ${now}) waiting for ${what}` : null;
  });
}

/** Waits for `count` tickets at the printer for as long as tickets keep coming (each one moves the deadline). */
export function waitForPrinted<T>(printer: { tickets(): T[] }, count: number, { idleMs = 10_000 }: { idleMs?: number } = {}): Promise<T[]> {
  return waitWhileProgressing(
    `${count} tickets at the printer`,
    () => {
      const tickets = printer.tickets();
      return tickets.length >= count && tickets;
    },
    () => printer.tickets().length,
    { idleMs },
  );
}
