import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envelopeRefusal, parseBodyJson } from '../../../relay/webhook/body-json.js';
import { relayEnvelopeSchema } from '../../../relay/webhook/envelope.js';
import { KLIKIT_FIXTURES_DIR } from '../../helpers/fixtures.js';

const utf8Parse = (body: Buffer): { ok: true; json: unknown } | { ok: false } => {
  try {
    return { ok: true, json: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
};

describe('the relay parses a body as Latin-1 for its numbers', () => {
  const names = ['ข้าวผัดกุ้ง', '鸡饭', 'Nasi Goreng Spesial', 'phở bò', 'كبسة', '🍜 ramen'];
  const bodies = [
    ...names.map((name, i) => Buffer.from(JSON.stringify({ brand_id: 7, branch_id: 1000 + i, orders: [{ id: 55 + i, cart_v2: [{ name, quantity: 1 }] }] }))),
    Buffer.from('{"brand_id":1,"branch_id":2,"orders":[{"id":3,"note":"\\u0e02\\"quoted\\\\"}]}'),
    // A key that is not ASCII is neither of the keys the relay reads, in either reading.
    Buffer.from('{"brand_id":1,"bränch_id":2,"orders":[{"id":3}]}'),
    // Not JSON in either reading: a byte past 0x7F outside a string, a byte-order mark, a raw control character in a string.
    Buffer.concat([Buffer.from('{"brand_id":1,'), Buffer.from([0xc3, 0xa9]), Buffer.from('"branch_id":2}')]),
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"brand_id":1}')]),
    Buffer.from('{"brand_id":1,"x":"a\u0001b"}'),
    // Invalid UTF-8 inside a string is still a string in both readings.
    Buffer.concat([Buffer.from('{"brand_id":1,"branch_id":2,"orders":[{"id":3,"n":"'), Buffer.from([0xc0, 0xa2, 0xff]), Buffer.from('"}]}')]),
  ];

  it('accepts and refuses exactly the bodies a UTF-8 parse would, with the same brand, branch and order ids', () => {
    for (const body of bodies) {
      const ours = parseBodyJson(body);
      const reference = utf8Parse(body);
      expect(ours.ok, body.toString('utf8')).toBe(reference.ok);
      if (!ours.ok || !reference.ok) continue;
      const a = relayEnvelopeSchema.safeParse(ours.json);
      const b = relayEnvelopeSchema.safeParse(reference.json);
      expect(a.success, body.toString('utf8')).toBe(b.success);
      if (a.success && b.success) expect(a.data).toEqual(b.data);
    }
  });

  it('words a refusal from the UTF-8 text, as klikit sent it', () => {
    // Past a Thai name, a character's position in the text is not its byte's.
    const text = '{"brand_id":1,"name":"ข้าว" oops}';
    let utf8Message = '';
    try {
      JSON.parse(text);
    } catch (err) {
      utf8Message = (err as Error).message;
    }
    expect(utf8Message).toMatch(/position 28\b/);
    expect(parseBodyJson(Buffer.from(text))).toEqual({ ok: false, reason: `malformed JSON: ${utf8Message}` });
    const body = Buffer.from('{"brand_id":1,"ข้าว":{"x":1},"orders":[]}');
    const parsed = parseBodyJson(body);
    const latin1Error = relayEnvelopeSchema.safeParse(parsed.ok ? parsed.json : undefined).error!;
    expect(envelopeRefusal(body, latin1Error)).toBe('not a klikit envelope: branch_id: Invalid input: expected number, received undefined; orders: orders is empty');
  });

  it('reads every klikit fixture as a UTF-8 parse does', () => {
    const files = readdirSync(KLIKIT_FIXTURES_DIR).filter((f) => f.endsWith('.envelope.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const body = readFileSync(join(KLIKIT_FIXTURES_DIR, file));
      const ours = parseBodyJson(body);
      expect(ours.ok).toBe(true);
      expect(ours.ok && relayEnvelopeSchema.safeParse(ours.json).data).toEqual(relayEnvelopeSchema.safeParse(JSON.parse(body.toString('utf8'))).data);
    }
  });
});
