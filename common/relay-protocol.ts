// The relay protocol's constants both ends share (DESIGN.md, "Relay protocol"): the relay sends these
// close codes and the bridge decides by them whether to retry, back off or stop.

export const PROTOCOL_VERSION = 1;

/**
 * WebSocket close codes the relay uses. Authentication is checked before the upgrade completes, and every
 * refusal still reaches the bridge the same way, as a close code: 4001 for a missing or unknown token.
 */
export const RelayCloseCode = {
  goingAway: 1001,
  /** The relay could not read or write its store; the bridge reconnects, to another node if it has one. */
  storeFailed: 1011,
  badFrame: 4400,
  unauthorized: 4001,
  unsupportedProtocol: 4002,
  revoked: 4003,
  /** The device opened more sockets than the relay allows; this, its oldest, gives way. The bridge just reconnects. */
  replaced: 4009,
  /**
   * Events of the device's branches were pruned before it acked them (it was silent past the cursor
   * expiry): it must catch up from klikit's orders API. Said once; the bridge reconnects and resumes.
   */
  cursorExpired: 4010,
} as const;
