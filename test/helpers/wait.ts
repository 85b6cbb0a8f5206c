/**
 * Waits until `check` returns a truthy value, polling every `intervalMs`, and fails with `what`
 * after `timeoutMs`. Tests synchronise on conditions with a deadline, never on sleeps.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { timeoutMs = 10_000, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Waits until `check` returns a truthy value for as long as the work keeps moving: fails naming `what`
 * once `progress` (any comparable reading: a count, a tuple) has stood still for `idleMs`. A loaded
 * machine slows the work down without stopping it, so the deadline follows the work, not the clock.
 */
export async function waitWhileProgressing<T>(
  what: string,
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  progress: () => unknown,
  { idleMs = 10_000, intervalMs = 20 }: { idleMs?: number; intervalMs?: number } = {},
): Promise<T> {
  let last = JSON.stringify(progress());
  let deadline = Date.now() + idleMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    const now = JSON.stringify(progress());
    if (now !== last) {
      last = now;
      deadline = Date.now() + idleMs;
    } else if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`no progress for ${idleMs} ms (at ${now}) waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
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
