import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { KLIKIT_ORDER_KEYS_V1 } from './order-body-dictionary.js';

// An order's body is kept packed (orders.packed_body, order_versions.packed_body): the JSON text
// deflated with a preset dictionary of klikit's keys, which keeps a 3 KB body in about 0.8 KB where
// plain deflate keeps 1.2 KB, for some 50 µs per order. The text unpacked is byte for byte the text
// packed, so digests and hashes of it are unchanged. The first byte names the packing: a later build
// may pack another way and still read every row written before.

/** The schema version that packed the stored bodies (main/store/migrations.ts). */
export const PACKED_BODY_VERSION = 15;

/** Raw deflate primed with KLIKIT_ORDER_KEYS_V1. */
const DEFLATE_KLIKIT_KEYS_V1 = 1;

const DICTIONARY_V1 = Buffer.from(KLIKIT_ORDER_KEYS_V1, 'utf8');

export function packOrderBody(text: string): Buffer {
  const deflated = deflateRawSync(text, { dictionary: DICTIONARY_V1 });
  const packed = Buffer.allocUnsafe(deflated.length + 1);
  packed[0] = DEFLATE_KLIKIT_KEYS_V1;
  deflated.copy(packed, 1);
  return packed;
}

export function unpackOrderBody(packed: Uint8Array): string {
  const bytes = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  if (bytes[0] !== DEFLATE_KLIKIT_KEYS_V1) {
    throw new Error(`a stored order body is packed in an unknown way (format ${bytes[0] ?? 'missing'}): it was written by a newer kitchen bridge`);
  }
  return inflateRawSync(bytes.subarray(1), { dictionary: DICTIONARY_V1 }).toString('utf8');
}

/** The stored body parsed. */
export const parsePackedBody = (packed: Uint8Array): unknown => JSON.parse(unpackOrderBody(packed)) as unknown;
