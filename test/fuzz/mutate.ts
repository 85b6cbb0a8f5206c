import fc from 'fast-check';

// Structure-aware mutation of a JSON document: pick one path that exists in the seed document and
// replace, delete or retype what is there. Random JSON alone almost never gets past the first field
// of a schema; mutating a real fixture reaches the deep ones (modifiers, timestamps, carts).

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

export function jsonPaths(value: Json, prefix: Path = []): Path[] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => jsonPaths(v, [...prefix, i])));
  if (value !== null && typeof value === 'object') {
    return here.concat(Object.entries(value).flatMap(([k, v]) => jsonPaths(v, [...prefix, k])));
  }
  return here;
}

export type Mutation =
  | { op: 'replace'; at: number; value: Json }
  | { op: 'delete'; at: number }
  | { op: 'wrap'; at: number };

/** Values that are typical of what breaks parsers: wrong types, extremes, odd strings. */
export const nastyJson: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, '', 0, -1, 1.5, 2 ** 53, -(2 ** 31), '0', 'NaN', 'null', '2026-13-45T99:99:99Z', [], {}),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double().filter(Number.isFinite),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: nastyJson }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('wrap' as const), at: fc.nat() }),
);

/** Applies the mutations in turn to a deep copy of `seed`; `at` indexes the paths of the current document. */
export function mutate(seed: Json, mutations: Mutation[]): Json {
  let doc = structuredClone(seed);
  for (const m of mutations) {
    const paths = jsonPaths(doc);
    const path = paths[m.at % paths.length]!;
    if (path.length === 0) {
      doc = m.op === 'replace' ? m.value : m.op === 'wrap' ? [doc] : null;
      continue;
    }
    const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string, Json>)[key]!, doc);
    const key = path[path.length - 1]!;
    const container = parent as Record<string | number, Json>;
    if (m.op === 'replace') container[key] = m.value;
    else if (m.op === 'wrap') container[key] = [container[key]!];
    else if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete container[key];
  }
  return doc;
}
