import type { NewEvent } from '../../relay/store/events.js';

/** Relay event number `n` of a branch: its own body and body hash, so each `n` dedupes only with itself. */
export const relayEvent = (n: number, branchId: number, receivedMs = 1000): NewEvent => ({
  eventId: `e${n}`,
  eventType: 'klikit.order.created.v2',
  brandId: 1,
  branchId,
  receivedAt: new Date(receivedMs).toISOString(),
  receivedMs,
  body: Buffer.from(`{"n":${n}}`),
  bodySha256: Buffer.from(`sha-${n}`),
  bodySecond: 0,
});
