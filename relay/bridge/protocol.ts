import { z } from 'zod';
import type { StoredEvent } from '../store/events.js';

export const PROTOCOL_VERSION = 1;

/**
 * WebSocket close codes the relay uses. Authentication is checked after the upgrade so that every
 * refusal reaches the bridge the same way, as a close code: 4001 for a missing or unknown token.
 */
export const CloseCode = {
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

const seq = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const helloFrameSchema = z.object({ type: z.literal('hello'), protocol: z.number(), after: seq });
export const ackFrameSchema = z.object({ type: z.literal('ack'), seq });
export const clientFrameSchema = z.discriminatedUnion('type', [helloFrameSchema, ackFrameSchema]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; reason: string };

export function parseClientFrame(text: string): ParsedFrame {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'frame is not JSON' };
  }
  const result = clientFrameSchema.safeParse(json);
  if (!result.success) return { ok: false, reason: 'frame is not a hello or ack' };
  return { ok: true, frame: result.data };
}

/**
 * The event frame as text. The stored body was parsed as JSON at intake, so its exact text is
 * spliced in rather than parsed and re-serialised for every bridge.
 */
export function eventFrame(event: StoredEvent): string {
  return (
    `{"type":"event","seq":${event.seq},"event_id":${JSON.stringify(event.event_id)},` +
    `"event_type":${JSON.stringify(event.event_type)},"received_at":${JSON.stringify(event.received_at)},` +
    `"body":${event.body.toString('utf8')}}`
  );
}
