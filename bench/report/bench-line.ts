import * as z from 'zod';

// The convention every bench/*.ts follows so that `npm run bench` can tabulate it: besides its
// human-readable output, a bench prints ONE line of JSON as its last line:
//   {"bench":"print-latency","sizes":{"tickets":500},"figures":[{"name":"queue p99","value":12.3,"unit":"ms","target":"< 20 ms","met":true}]}
// A bench without that line still appears in the report, with its raw output.

export const figureSchema = z.looseObject({
  name: z.string().min(1),
  value: z.number(),
  unit: z.string(),
  /** Human-readable, e.g. "p99 < 50 ms". */
  target: z.string().optional(),
  /** Whether the target was met, when the bench can tell. */
  met: z.boolean().optional(),
});
export type Figure = z.infer<typeof figureSchema>;

export const benchLineSchema = z.looseObject({
  bench: z.string().min(1),
  /** The sizes the bench ran with, e.g. {"orders":1000}, so that figures from runs of different sizes are not compared blindly. */
  sizes: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  figures: z.array(figureSchema),
});
export type BenchLine = z.infer<typeof benchLineSchema>;

/** The last line of `stdout` that is a valid bench line, or an explanation of why there is none. */
export function parseBenchLine(stdout: string): { ok: true; line: BenchLine } | { ok: false; reason: string } {
  const candidates = stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('{') && l.includes('"bench"'));
  const last = candidates.at(-1);
  if (last === undefined) return { ok: false, reason: 'no {"bench":…} line in the output' };
  let json: unknown;
  try {
    json = JSON.parse(last);
  } catch (err) {
    return { ok: false, reason: `the {"bench":…} line is not JSON: ${(err as Error).message}` };
  }
  const parsed = benchLineSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `the {"bench":…} line has the wrong shape: ${parsed.error.issues[0]?.message ?? ''}` };
  return { ok: true, line: parsed.data };
}
