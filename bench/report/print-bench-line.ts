import { benchLineSchema, type BenchLine, type Figure } from './bench-line.js';

// The one place a bench turns its figures into the {"bench":…} line `npm run bench` tabulates, so that
// every bench writes the same shape and a malformed figure fails the bench itself, not the report.

/** Sizes the bench ran with (orders, clients, seconds…), shown next to its figures in the report. */
export type Sizes = Record<string, number | string>;

/** A figure with an upper bound: met when the value is below `limit` (or at it, when `inclusive`). */
export function atMost(name: string, value: number, unit: string, limit: number, target: string, inclusive = false): Figure {
  return { name, value, unit, target, met: inclusive ? value <= limit : value < limit };
}

/** A figure with a lower bound: met when the value is at least `limit`. */
export function atLeast(name: string, value: number, unit: string, limit: number, target: string): Figure {
  return { name, value, unit, target, met: value >= limit };
}

/** Four significant digits: a timer's last digits are noise, and they make the line unreadable. */
const readable = (value: number): number => (Number.isInteger(value) ? value : Number(value.toPrecision(4)));

export function formatBenchLine(bench: string, figures: Figure[], sizes: Sizes = {}): string {
  const line: BenchLine = benchLineSchema.parse({ bench, sizes, figures: figures.map((f) => ({ ...f, value: readable(f.value) })) });
  return JSON.stringify(line);
}

/** Prints the bench line; call it last, after every other line of output. */
export function printBenchLine(bench: string, figures: Figure[], sizes: Sizes = {}): void {
  console.log(formatBenchLine(bench, figures, sizes));
}
