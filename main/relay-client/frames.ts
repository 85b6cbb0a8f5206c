import * as z from 'zod';
import { PROTOCOL_VERSION } from '../../common/relay-protocol.js';

// The relay protocol v1 frames (DESIGN.md, "Relay protocol"), as seen from the bridge.

export const eventFrameSchema = z.looseObject({
  type: z.literal('event'),
  seq: z.number().int().positive(),
  event_id: z.string().min(1),
  event_type: z.string().min(1),
  received_at: z.string().min(1),
  body: z.unknown(),
});
export type EventFrame = z.infer<typeof eventFrameSchema>;

const seqOnlySchema = z.looseObject({ seq: z.number().int().positive() });

export type ParsedFrame =
  | { kind: 'event'; frame: EventFrame }
  /** Not an event we can use; `seq` is set when the frame still says which stream position it held. */
  | { kind: 'bad'; reason: string; seq: number | undefined; eventId: string | undefined; eventType: string | undefined }
  | { kind: 'other'; type: string };

export function parseFrame(raw: string): ParsedFrame {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return { kind: 'bad', reason: `not JSON: ${(err as Error).message}`, seq: undefined, eventId: undefined, eventType: undefined };
  }
  const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
  if (type !== 'event') {
    if (typeof type === 'string') return { kind: 'other', type };
    return { kind: 'bad', reason: 'frame has no type', seq: undefined, eventId: undefined, eventType: undefined };
  }
  const parsed = eventFrameSchema.safeParse(json);
  if (parsed.success) return { kind: 'event', frame: parsed.data };
  const loose = json as { event_id?: unknown; event_type?: unknown };
  const seq = seqOnlySchema.safeParse(json);
  return {
    kind: 'bad',
    reason: parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(frame)'}: ${i.message}`).join('; '),
    seq: seq.success ? seq.data.seq : undefined,
    eventId: typeof loose.event_id === 'string' ? loose.event_id : undefined,
    eventType: typeof loose.event_type === 'string' ? loose.event_type : undefined,
  };
}

export const helloFrame = (after: number): string => JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, after });
export const ackFrame = (seq: number): string => JSON.stringify({ type: 'ack', seq });
