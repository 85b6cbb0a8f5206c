import { storeWords } from '../../common/i18n/stored-words.js';
import type { OrderAction } from '../../common/order-actions.js';
import type { ApiFailure } from '../klikit/api-client.js';

// What staff read about an action that has not gone through: what happened and what to do. Each is
// kept with the action (order_actions.last_error) as a catalogue key and its values
// (common/i18n/stored-words.ts), so the window shows it in whatever language it speaks when it reads it.
// HTTP statuses, error codes and request ids go to `detail` (the order's history, the log), never here.

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
  if (isUnreachable(f)) return storeWords('core.action.retry.unreachable');
  if (f.kind === 'rate-limited') return storeWords('core.action.retry.slowDown');
  if (f.kind === 'server') return storeWords('core.action.retry.server');
  return storeWords('core.action.retry.unusable');
}

/** klikit said no: its own sentence when it gave one (without its closing full stop: the message has one). */
export function refusedWords(action: OrderAction, f: ApiFailure): string {
  const said = f.detail?.replace(/[.\s]+$/, '') ?? '';
  if (f.kind === 'not-found') return said ? storeWords('core.action.refused.unknownOrderSaid', { action, said }) : storeWords('core.action.refused.unknownOrder', { action });
  return said ? storeWords('core.action.refused.notAllowedSaid', { action, said }) : storeWords('core.action.refused.notAllowed', { action });
}

/** The bridge stopped trying: the action can no longer matter. */
export function gaveUpWords(action: OrderAction, f: ApiFailure): string {
  const why = isUnreachable(f) ? 'unreachable' : 'failing';
  return ACCEPTANCE.has(action) ? storeWords('core.action.gaveUp.acceptance', { why, action }) : storeWords('core.action.gaveUp.bump', { why, action });
}

export const CREDENTIALS_WORDS = storeWords('core.action.credentials');

export const FIRST_SEND_WORDS = storeWords('core.action.firstSend');

export function heldWords(undoSeconds: number): string {
  return storeWords('core.action.held', { seconds: undoSeconds });
}
