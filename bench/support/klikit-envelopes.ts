import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Real klikit webhook envelopes for the relay benches: klikit's example payloads
// (../shared/fixtures/klikit) and the test fixtures' multilingual orders, 2-space indented as klikit
// sends them, 3–6 KB each. Each body is made unique (the relay dedupes by body hash) by its first
// order's id, spliced into a prepared text, so making one costs the load generator next to nothing.

const SHARED = fileURLToPath(new URL('../../../shared/fixtures/klikit/', import.meta.url));
const RASTER = fileURLToPath(new URL('../../test/fixtures/raster/', import.meta.url));
const MARK = 987_654_321_012_345;

type Envelope = { brand_id: number; branch_id: number; orders: Array<Record<string, unknown> & { id: number }> };

const read = (dir: string, name: string): Envelope => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Envelope;

function templates(): Array<[string, string]> {
  const envelopes = readdirSync(SHARED)
    .filter((f) => f.endsWith('.envelope.json'))
    .sort()
    .map((f) => read(SHARED, f));
  // Two orders of one tick in one envelope (klikit batches them): the larger bodies of the mix.
  const raster = readdirSync(RASTER).filter((f) => f.endsWith('.envelope.json')).sort().map((f) => read(RASTER, f));
  for (let i = 0; i + 1 < raster.length; i += 2) envelopes.push({ ...raster[i]!, orders: [...raster[i]!.orders, ...raster[i + 1]!.orders] });
  return envelopes.map((envelope) => {
    const marked = { ...envelope, orders: [{ ...envelope.orders[0]!, id: MARK }, ...envelope.orders.slice(1)] };
    const [head, tail] = JSON.stringify(marked, null, 2).split(String(MARK)) as [string, string];
    return [head, tail];
  });
}

/** Bodies in rotation over the fixtures, each unique by `key`, an integer (the first order's id). */
export function klikitEnvelopes(): { next(key: number): Buffer; sizes: number[] } {
  const parts = templates();
  let turn = 0;
  return {
    next(key) {
      const [head, tail] = parts[turn++ % parts.length]!;
      return Buffer.from(head + String(key) + tail);
    },
    sizes: parts.map(([head, tail]) => Buffer.byteLength(head + String(MARK) + tail)),
  };
}
