import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseBenchLine } from './report/bench-line.js';
import { benchReport, type BenchRun, type Commit, type Machine } from './report/markdown.js';

// `npm run bench`: runs every bench/*.ts one after the other (the machine is small: benches must
// not compete for it) and writes one Markdown report, bench/report/latest.md.

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH_DIR);
const USAGE = 'usage: npm run bench -- [--only NAME[,NAME...]] [--timeout SECONDS] [--out FILE]';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    timeout: { type: 'string', default: '600' },
    out: { type: 'string', default: join(BENCH_DIR, 'report', 'latest.md') },
    help: { type: 'boolean', default: false },
  },
});
const timeoutMs = Number(values.timeout) * 1000;
if (values.help || !(timeoutMs > 0)) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

/** Every bench/*.ts except this runner and the helpers other benches import. */
function benchFiles(): string[] {
  const files = readdirSync(BENCH_DIR).filter((f) => f.endsWith('.ts') && f !== basename(fileURLToPath(import.meta.url)));
  const imported = new Set(
    files.flatMap((f) => [...readFileSync(join(BENCH_DIR, f), 'utf8').matchAll(/from '\.\/([\w-]+)\.js'/g)].map((m) => `${m[1]}.ts`)),
  );
  const only = values.only?.split(',').map((n) => n.replace(/\.ts$/, '') + '.ts');
  return files.filter((f) => !imported.has(f) && (!only || only.includes(f))).sort();
}

function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: os.totalmem() / 2 ** 30,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

function commit(): Commit {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  try {
    return { sha: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain', '--untracked-files=no') !== '', subject: git('log', '-1', '--format=%s') };
  } catch {
    return { sha: 'unknown', dirty: false, subject: '(not a git checkout)' };
  }
}

function run(file: string): Promise<BenchRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, file)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      const parsed = parseBenchLine(stdout);
      const output = stderr.trim() ? `${stdout}\n--- stderr ---\n${stderr.slice(-4000)}` : stdout;
      resolve({
        file,
        exitCode: code,
        timedOut,
        durationMs: Date.now() - started,
        figures: parsed.ok ? parsed.line.figures : null,
        note: parsed.ok ? '' : parsed.reason,
        output,
      });
    });
  });
}

const startedAt = new Date().toISOString();
const runs: BenchRun[] = [];
for (const file of benchFiles()) {
  process.stdout.write(`${file} ... `);
  const result = await run(file);
  runs.push(result);
  console.log(`${result.timedOut ? 'timed out' : result.exitCode === 0 ? 'ok' : `exit ${result.exitCode}`} in ${(result.durationMs / 1000).toFixed(1)} s, ${result.figures ? `${result.figures.length} figures` : result.note}`);
}
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, benchReport({ machine: machine(), commit: commit(), runs, startedAt }));
console.log(`report: ${values.out}`);
process.exit(runs.every((r) => r.exitCode === 0) ? 0 : 1);
