import { orderFlags, waitsForAcceptance } from '../actions/allowed-actions.js';
import { isCancelled, type StatusTable } from '../klikit/enums.js';

// A missed order: the platform cancelled it while it still waited for someone to accept it (the
// version the bridge held was PLACED, acceptable and not auto-accepted, and the new one is
// cancelled). An order the bridge first sees already cancelled was never waiting here.

export function isMissedCancellation(storedBody: unknown, incomingStatus: number, statusTable?: StatusTable): boolean {
  if (!isCancelled(incomingStatus, statusTable)) return false;
  const before = orderFlags(storedBody);
  return before !== null && waitsForAcceptance(before);
}
