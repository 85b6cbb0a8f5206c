import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Real klikit webhook envelopes for the relay benches: klikit's example payloads
// (../shared/fixtures/klikit) and the test fixtures' multilingual orders, 2-space indented as klikit
// sends them, 3–6 KB each. Each body is made unique (the relay dedupes by body hash) by its first
// order's id, spliced into a prepared text, so making one costs the load generator next to nothing. The
// first order's updated_at is spliced in too, as klikit stamps it when it sends: the relay's dedupe key
// starts with that second.

const SHARED = fileURLToPath(new URL('../../../shared/fixtures/klikit/', import.meta.url));
const RASTER = fileURLToPath(new URL('../../test/fixtures/raster/', import.meta.url));
const MARK = 987_654_321_012_345;
const TIME_MARK = '@updated_at@';

type Envelope = { brand_id: number; branch_id: number; orders: Array<Record<string, unknown> & { id: number }> };

const read = (dir: string, name: string): Envelope => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Envelope;

function templates(): Array<[string, string, string]> {
  const envelopes = readdirSync(SHARED)
    .filter((f) => f.endsWith('.envelope.json'))
    .sort()
    .map((f) => read(SHARED, f));
  // Two orders of one tick in one envelope (klikit batches them): the larger bodies of the mix.
  const raster = readdirSync(RASTER).filter((f) => f.endsWith('.envelope.json')).sort().map((f) => read(RASTER, f));
  for (let i = 0; i + 1 < raster.length; i += 2) envelopes.push({ ...raster[i]!, orders: [...raster[i]!.orders, ...raster[i + 1]!.orders] });
  return envelopes.map((envelope) => {
    const marked = { ...envelope, orders: [{ ...envelope.orders[0]!, id: MARK, updated_at: TIME_MARK }, ...envelope.orders.slice(1)] };
    const [head, tail] = JSON.stringify(marked, null, 2).split(String(MARK)) as [string, string];
    const [middle, end] = tail.split(TIME_MARK) as [string, string];
    return [head, middle, end];
  });
}

/**
 * Bodies in rotation over the fixtures, each unique by `key`, an integer (the first order's id), and
 * updated at `atMs` (the wall clock unless given).
 */
export function klikitEnvelopes(): { next(key: number, atMs?: number): Buffer; sizes: number[] } {
  const parts = templates();
  let turn = 0;
  let second = -1;
  let stamp = '';
  return {
    next(key, atMs = Date.now()) {
      if (Math.floor(atMs / 1000) !== second) {
        second = Math.floor(atMs / 1000);
        stamp = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
      }
      const [head, middle, end] = parts[turn++ % parts.length]!;
      return Buffer.from(head + String(key) + middle + stamp + end);
    },
    sizes: parts.map(([head, middle, end]) => Buffer.byteLength(head + String(MARK) + middle + '2026-06-25T09:14:20Z' + end)),
  };
}
