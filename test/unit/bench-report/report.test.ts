import { describe, expect, it } from 'vitest';
import { parseBenchLine } from '../../../bench/report/bench-line.js';
import { benchReport, type BenchRun } from '../../../bench/report/markdown.js';

const machine = { cpu: 'Test CPU', cores: 2, ramGiB: 3.8, node: 'v20.0.0', os: 'Linux 6 x64' };
const commit = { sha: '0123456789abcdef', dirty: true, subject: 'a | subject' };
const runOf = (overrides: Partial<BenchRun>): BenchRun => ({ file: 'x.ts', exitCode: 0, timedOut: false, durationMs: 1500, figures: null, sizes: {}, note: '', output: 'out', ...overrides });

describe('bench line convention', () => {
  it('takes the last {"bench"} line of the output', () => {
    const out = 'p99 12 ms\n{"bench":"old","figures":[]}\n{"bench":"print-latency","figures":[{"name":"p99","value":12.5,"unit":"ms","target":"< 20 ms","met":true}]}\n';
    expect(parseBenchLine(out)).toEqual({ ok: true, line: { bench: 'print-latency', figures: [{ name: 'p99', value: 12.5, unit: 'ms', target: '< 20 ms', met: true }] } });
  });

  it('explains a missing or broken line', () => {
    expect(parseBenchLine('just text')).toEqual({ ok: false, reason: 'no {"bench":…} line in the output' });
    expect(parseBenchLine('{"bench": oops}')).toMatchObject({ ok: false, reason: expect.stringMatching(/not JSON/) });
    expect(parseBenchLine('{"bench":"x","figures":[{"name":"a","value":"fast"}]}')).toMatchObject({ ok: false, reason: expect.stringMatching(/wrong shape/) });
  });
});

describe('benchmark report', () => {
  it('lists the machine, the commit, every figure with its target, and each run', () => {
    const md = benchReport({
      machine,
      commit,
      startedAt: '2026-06-24T12:00:00.000Z',
      runs: [
        runOf({ file: 'print-latency.ts', sizes: { tickets: 5000 }, figures: [{ name: 'queue p99', value: 12.3456, unit: 'ms', target: '< 20 ms', met: false }] }),
        runOf({ file: 'old-style.ts', note: 'no {"bench":…} line in the output', output: 'p50 3 ms' }),
        runOf({ file: 'broken.ts', exitCode: 1, timedOut: false, note: 'Error: relay exited with 1' }),
      ],
    });
    expect(md).toContain('| CPU | Test CPU |');
    expect(md).toContain('| cores | 2 |');
    expect(md).toContain('`0123456789ab` (with uncommitted changes) a \\| subject');
    expect(md).toContain('| print-latency.ts | queue p99 | 12.35 | ms | < 20 ms | **not met** |');
    expect(md).toContain('| print-latency.ts | ok | 1.5 s | tickets 5,000 |');
    expect(md).toContain('| total | | 4.5 s | |');
    expect(md).toContain('| broken.ts | _Error: relay exited with 1_ | | | | **failed (exit 1)** |');
    expect(md).toContain('| old-style.ts | _no {"bench":…} line in the output_ | | | | ok |');
    expect(md).toContain('### broken.ts\n\nfailed (exit 1), 1.5 s');
    expect(md).toContain('```text\np50 3 ms\n```');
  });
});
