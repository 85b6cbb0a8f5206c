import type * as z from 'zod';
import { describeZodError } from '../../main/klikit/schemas.js';
import { relayEnvelopeSchema } from './envelope.js';

// The relay reads three things of a body, all numbers: its brand, its branch and its order ids. It
// stores and forwards the bytes, never the parsed strings, so it parses the body as Latin-1 (each byte
// one character) rather than UTF-8: V8 builds one-byte strings without decoding and parses them about a
// third faster, and a body naming one dish in Thai no longer turns the whole text into two-byte form.
// The same bytes are valid JSON, and the same envelope, either way: a byte past 0x7F is never a quote,
// a backslash, a control character or JSON whitespace, so it is allowed inside a string and refused
// outside one in both readings, and the keys the relay reads are ASCII. Refusals are worded from the
// UTF-8 reading, so a reason quotes the text as klikit sent it.

type Parsed = { ok: true; json: unknown } | { ok: false; reason: string };

function parseText(text: string): Parsed {
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reason: `malformed JSON: ${(err as Error).message}` };
  }
}

/** The body parsed for the numbers the relay routes by, or why it is not JSON (worded from its UTF-8 text). */
export function parseBodyJson(body: Buffer): Parsed {
  const parsed = parseText(body.toString('latin1'));
  if (parsed.ok) return parsed;
  // Both readings refuse the same bodies; were a Node ever to disagree, the UTF-8 one is klikit's text.
  return parseText(body.toString('utf8'));
}

/** Why `body`, whose Latin-1 reading failed relayEnvelopeSchema with `error`, is not a klikit envelope: worded from its UTF-8 text. */
export function envelopeRefusal(body: Buffer, error: z.ZodError): string {
  const utf8 = parseText(body.toString('utf8'));
  const worded = utf8.ok ? relayEnvelopeSchema.safeParse(utf8.json) : undefined;
  return `not a klikit envelope: ${describeZodError(worded && !worded.success ? worded.error : error)}`;
}
