// Idle cost of the headless bridge (`npm run bridge`) as a child process: relay connected, printer
// reachable, no orders. Samples RSS and CPU time from /proc (Linux).
// By default it runs exactly what `npm run bridge` runs (the package.json script: the esbuild bundle
// under plain node with its flags); --tsx runs main/core/cli.ts under tsx instead, whose loader alone
// costs some 30 MB.
// Run: npx tsx bench/bridge-idle.ts [--seconds 20] [--warmup 5] [--tsx]
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import { startStack } from '../test/e2e/stack.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '20' }, warmup: { type: 'string', default: '5' }, tsx: { type: 'boolean', default: false } },
});
const seconds = Number(values.seconds);
const warmupSeconds = Number(values.warmup);
const bundled = !values.tsx;
const CLI = fileURLToPath(new URL('../main/core/cli.ts', import.meta.url));
const TICKS_PER_SECOND = 100;

const cpuSeconds = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
};
const rssMb = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `node <flags> dist/bridge/cli.js` from the `bridge` script of package.json, after its build step. */
function shippedCommand(): string[] {
  const script = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts['bridge']!;
  const [buildStep, runStep] = script.split('&&').map((part) => part.trim().split(/\s+/));
  if (buildStep?.[0] !== 'node' || runStep?.[0] !== 'node') throw new Error(`unexpected bridge script: ${script}`);
  execFileSync(process.execPath, buildStep.slice(1), { cwd: ROOT });
  return runStep.slice(1).map((arg) => (arg.startsWith('-') ? arg : `${ROOT}${arg}`));
}
const entry = bundled ? shippedCommand() : ['--import', 'tsx', CLI];

const stack = await startStack();
const child = spawn(process.execPath, [...entry, '--config', stack.configPath], { stdio: 'ignore' });
const pid = child.pid!;
await delay(warmupSeconds * 1000);
const cpuStart = cpuSeconds(pid);
const rss: number[] = [];
for (let s = 0; s < seconds; s++) {
  await delay(1_000);
  rss.push(rssMb(pid));
}
const cpu = ((cpuSeconds(pid) - cpuStart) / seconds) * 100;
const form = bundled ? 'bundled, plain node' : 'under node --import tsx';
console.log(`headless bridge idle for ${seconds} s (after ${warmupSeconds} s warm-up), ${form}:`);
console.log(`  RSS ${Math.min(...rss).toFixed(1)}–${Math.max(...rss).toFixed(1)} MB (target < 65 MB)   CPU ${cpu.toFixed(2)} % of one core (target < 1 %)`);
child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
await stack.close();
printBenchLine(
  'bridge-idle',
  [atMost('headless bridge idle RSS, max', Math.max(...rss), 'MB', 65, '< 65 MB'), atMost('headless bridge idle CPU', cpu, '% of a core', 1, '< 1 %')],
  { 'idle seconds': seconds, 'warm-up seconds': warmupSeconds, form },
);
