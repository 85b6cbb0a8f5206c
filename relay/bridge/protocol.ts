import * as z from 'zod';
import type { StoredEvent } from '../store/events.js';

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
