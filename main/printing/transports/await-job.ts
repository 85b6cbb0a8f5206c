import { setTimeout as delay } from 'node:timers/promises';
import type { SendOutcome } from '../types.js';

/**
 * Polls a spooled job until `settle` gives its outcome or `confirmTimeoutMs` runs out. A job still on its
 * way then is reported only as sent: the spooler has it and prints it when it can.
 */
export async function awaitSpooledJob(settle: () => Promise<SendOutcome | undefined> | SendOutcome | undefined, confirmTimeoutMs: number, pollMs: number): Promise<SendOutcome> {
  const deadline = Date.now() + confirmTimeoutMs;
  for (;;) {
    const outcome = await settle();
    if (outcome !== undefined) return outcome;
    if (Date.now() >= deadline) return { ok: true };
    await delay(pollMs);
  }
}
