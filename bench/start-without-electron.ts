// `npm start` on a machine without the Electron binary: how long until it says so (issue 14: it
// used to compile better-sqlite3 for 70-90 s first). ELECTRON_OVERRIDE_DIST_PATH points at an
// empty folder, so the binary is missing here even where Electron is installed.
// Run: npx tsx bench/start-without-electron.ts [--runs 5]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { atMost, printBenchLine } from './report/print-bench-line.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const root = fileURLToPath(new URL('..', import.meta.url));
const empty = mkdtempSync(join(tmpdir(), 'no-electron-'));

function timeToMessage(): Promise<{ ms: number; code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    let stderr = '';
    let saidAt: number | undefined;
    const child = spawn('npm', ['start'], { cwd: root, env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty }, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (saidAt === undefined && stderr.includes('the Electron binary is not installed')) saidAt = performance.now();
    });
    child.on('close', (code) => resolve({ ms: (saidAt ?? performance.now()) - started, code, stderr }));
  });
}

const samples: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const run = await timeToMessage();
    if (run.code !== 1 || !run.stderr.includes('the Electron binary is not installed')) throw new Error(`npm start did not fail with the message (exit ${run.code}):\n${run.stderr}`);
    samples.push(run.ms);
  }
} finally {
  rmSync(empty, { recursive: true, force: true });
}
const sorted = [...samples].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
console.log(`npm start without the Electron binary, ${runs} runs: median ${median.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms to the message`);
printBenchLine(
  'start-without-electron',
  [atMost('time to the message, median', median, 'ms', 1000, '< 1 s'), atMost('time to the message, max', sorted.at(-1)!, 'ms', 1000, '< 1 s')],
  { runs },
);
