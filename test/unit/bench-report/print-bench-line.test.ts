import { describe, expect, it } from 'vitest';
import { parseBenchLine } from '../../../bench/report/bench-line.js';
import { atLeast, atMost, formatBenchLine } from '../../../bench/report/print-bench-line.js';

describe('the bench line a bench prints', () => {
  it('is read back by the runner with its sizes, figures and verdicts', () => {
    const line = formatBenchLine(
      'print-latency',
      [atMost('queue p99', 12.345678, 'ms', 20, 'p99 < 20 ms'), atLeast('batched', 1999, 'orders/s', 2000, '≥ 2,000 orders/s'), { name: 'ratio', value: 10.16518525, unit: '×' }],
      { tickets: 500, form: 'bundled' },
    );
    expect(parseBenchLine(`p99 12 ms\n${line}\n`)).toEqual({
      ok: true,
      line: {
        bench: 'print-latency',
        sizes: { tickets: 500, form: 'bundled' },
        figures: [
          { name: 'queue p99', value: 12.35, unit: 'ms', target: 'p99 < 20 ms', met: true },
          { name: 'batched', value: 1999, unit: 'orders/s', target: '≥ 2,000 orders/s', met: false },
          { name: 'ratio', value: 10.17, unit: '×' },
        ],
      },
    });
  });

  it('judges bounds at the limit as the target says', () => {
    expect(atMost('detection', 15, 's', 15, '≤ 15 s', true).met).toBe(true);
    expect(atMost('p99', 20, 'ms', 20, '< 20 ms').met).toBe(false);
    expect(atLeast('rate', 2000, 'orders/s', 2000, '≥ 2,000').met).toBe(true);
  });

  it('refuses a figure that is not a number, so the bench fails instead of the report', () => {
    expect(() => formatBenchLine('x', [{ name: 'p99', value: Number.NaN, unit: 'ms' }])).toThrow();
    expect(() => formatBenchLine('', [])).toThrow();
  });
});
