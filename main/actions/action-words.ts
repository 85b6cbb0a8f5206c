import { ACTION_LABELS, type OrderAction } from '../../common/order-actions.js';
import type { ApiFailure } from '../klikit/api-client.js';

// What staff read about an action that has not gone through: what happened and what to do, in words.
// HTTP statuses, error codes and request ids go to `detail` (the order's history, the log), never here.

export type Words = { words: string; detail: string };

const ACCEPTANCE: ReadonlySet<OrderAction> = new Set(['accepted', 'rejected']);

/** The codes and request id of a failure, for the order's history and support. */
export function failureDetail(f: ApiFailure): string {
  return f.message;
}

export function isUnreachable(f: ApiFailure): boolean {
  return f.kind === 'network' || f.kind === 'timeout';
}

/** klikit will get another try by itself. */
export function retryWords(f: ApiFailure): string {
  if (isUnreachable(f)) return 'klikit cannot be reached right now. The bridge keeps trying by itself; check the internet connection if this lasts.';
  if (f.kind === 'rate-limited') return 'klikit asked the bridge to slow down. It tries again by itself in a moment.';
  if (f.kind === 'server') return 'klikit is having trouble right now. The bridge keeps trying by itself.';
  return 'klikit gave an answer the bridge cannot use. It keeps trying by itself; if this lasts, tell a manager (details are in the order history).';
}

/** klikit said no: its own sentence when it gave one. */
export function refusedWords(action: OrderAction, f: ApiFailure): string {
  const said = f.detail ? ` klikit says: ${f.detail.replace(/[.\s]+$/, '')}.` : '';
  if (f.kind === 'not-found') return `klikit does not know this order, so "${ACTION_LABELS[action]}" was not applied.${said} Check the order on the klikit tablet.`;
  return `klikit did not allow "${ACTION_LABELS[action]}" for this order now.${said} Check the order on the klikit tablet.`;
}

/** The bridge stopped trying: the action can no longer matter. */
export function gaveUpWords(action: OrderAction, f: ApiFailure): string {
  const why = isUnreachable(f) ? 'klikit could not be reached' : 'klikit kept failing';
  if (ACCEPTANCE.has(action)) {
    return `Not sent: ${why} before the time to accept this order ran out. ${ACTION_LABELS[action]} it on the klikit tablet if it is still there.`;
  }
  return `Not sent: ${why} for hours, so the bridge stopped trying. Mark it "${ACTION_LABELS[action]}" on the klikit tablet if needed.`;
}

export const CREDENTIALS_WORDS = 'klikit refused the bridge’s API keys, so nothing is being sent. Ask a manager to check the partner key and secret key in Settings.';

export const FIRST_SEND_WORDS = 'Sending to klikit…';

export function heldWords(undoSeconds: number): string {
  return `Ready goes to klikit in ${undoSeconds} s: tap Undo if this was a mistake.`;
}
