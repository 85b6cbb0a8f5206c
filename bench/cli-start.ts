// How long `npm run ticket` and `npm run printers` take to the last byte, against a bare Node script
// that prints the same bytes (the floor: Node's own start), and against the tsx they ran under before
// and the ticket's bundle run without its V8 code cache (scripts/code-cache.cjs).
// Each run starts the command npm runs (npm's own start is the same for every script, so it is left
// out); the runs are rotated so that all see the same load, and each figure is a median.
// Run: npx tsx bench/cli-start.ts [--runs 9]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { atMost, printBenchLine } from './report/print-bench-line.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' } } });
const RUNS = Number(values.runs);
const root = fileURLToPath(new URL('..', import.meta.url));
const ORDER = join(root, '..', 'shared', 'fixtures', 'klikit', 'created-v2.single-order.envelope.json');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

/** Wall time until the process has written its last byte and exited. */
function timed(command: string, args: string[]): Promise<{ ms: number; out: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => resolve({ ms: performance.now() - started, out }));
  });
}

// The bundles are built and their code caches made before timing, as by a first `npm run ticket` and
// `npm run printers` (a run that fails, as the timed printers runs do, makes a cache of less).
const ticketText = spawnSync(process.execPath, ['scripts/run-bundled.cjs', 'ticket', ORDER], { cwd: root, encoding: 'utf8' }).stdout;
spawnSync(process.execPath, ['scripts/run-bundled.cjs', 'printers'], { cwd: root });
const dir = mkdtempSync(join(tmpdir(), 'cli-start-'));
const bare = join(dir, 'bare.mjs');
writeFileSync(bare, `import { readFileSync } from 'node:fs';\nJSON.parse(readFileSync(${JSON.stringify(ORDER)}, 'utf8'));\nprocess.stdout.write(${JSON.stringify(ticketText)});\n`);

const cases = {
  bare: () => timed(process.execPath, [bare]),
  ticket: () => timed(process.execPath, ['scripts/run-bundled.cjs', 'ticket', ORDER]),
  // The same bundle run by plain node: without its V8 code cache (and without the check for changed sources).
  'ticket, no cache': () => timed(process.execPath, ['dist/ticket/cli.cjs', ORDER]),
  // Its whole bundle loads before it answers; listing printers would add the OS tools' own time (lpstat…).
  printers: () => timed(process.execPath, ['scripts/run-bundled.cjs', 'printers', '--test', 'tcp://127.0.0.1:9100', '--width', '99']),
  'ticket under tsx': () => timed(tsx, ['main/tickets/cli.ts', ORDER]),
};
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let run = 0; run < RUNS + 1; run++) {
  const names = Object.keys(cases);
  const rotated = [...names.slice(run % names.length), ...names.slice(0, run % names.length)];
  for (const name of rotated) {
    const { ms, out } = await cases[name as keyof typeof cases]();
    if (name !== 'printers' && out !== ticketText) throw new Error(`${name} printed something else than the ticket`);
    if (run > 0) samples[name]!.push(ms);
  }
}
rmSync(dir, { recursive: true, force: true });
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<keyof typeof cases, number>;
for (const [name, ms] of Object.entries(m)) console.log(`${name.padEnd(18)} ${ms.toFixed(0).padStart(5)} ms to the last byte (median of ${RUNS})`);
printBenchLine(
  'cli-start',
  [
    { name: 'bare node script', value: m.bare, unit: 'ms' },
    { name: 'npm run ticket (bundled)', value: m.ticket, unit: 'ms' },
    atMost('ticket / bare', m.ticket / m.bare, '×', 2, '≤ 2×', true),
    { name: 'ticket bundle without its code cache', value: m['ticket, no cache'], unit: 'ms' },
    { name: 'npm run printers (bundled, to its first answer)', value: m.printers, unit: 'ms' },
    atMost('printers / bare', m.printers / m.bare, '×', 2, '≤ 2×', true),
    { name: 'ticket under tsx (before)', value: m['ticket under tsx'], unit: 'ms' },
  ],
  { runs: RUNS },
);
