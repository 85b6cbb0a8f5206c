import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseBenchLine } from './report/bench-line.js';
import { benchReport, type BenchRun, type Commit, type Machine } from './report/markdown.js';

// `npm run bench`: runs every bench one after the other (the machine is small: benches must not
// compete for it) and writes one Markdown report, bench/report/latest.md. A bench that fails or times
// out is reported as such and the others still run. With the default sizes (each bench's own) the
// whole run takes about 13 minutes on a 2-core machine (relay-cluster alone about 3); `--smoke` about 1 minute.

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH_DIR);
const USAGE = 'usage: npm run bench -- [--only NAME[,NAME...]] [--smoke] [--timeout SECONDS] [--out FILE]';

/**
 * Every bench, with the arguments of a seconds-long smoke run (`--smoke`: checks each bench still
 * runs and prints its line; the figures mean nothing). Helpers live in subdirectories (report/, support/).
 */
const BENCHES: Record<string, string[]> = {
  'bridge-catchup.ts': ['--orders', '20'],
  'bridge-dead-link.ts': ['--runs', '1'],
  'bridge-idle.ts': ['--seconds', '2', '--warmup', '1'],
  'bridge-latency.ts': ['--orders', '10', '--burst', '10'],
  'day-stats.ts': ['--orders', '50', '--open', '10', '--runs', '2'],
  'diagnostics-archive.ts': ['--log-mib', '1', '--jobs', '50'],
  'ingest-throughput.ts': ['--seconds', '0.2'],
  'ingest-vs-raw.ts': ['--events', '40', '--trials', '1'],
  'ingest-wal-pages.ts': ['--events', '20'],
  'bridge-storage-year.ts': ['--orders-per-day', '20', '--days', '4', '--retention-days', '2'],
  'cli-start.ts': ['--runs', '1'],
  'raster-process.ts': ['--tickets', '10'],
  'print-burst.ts': ['--orders', '3', '--runs', '1'],
  'print-latency.ts': ['--tickets', '10'],
  'print-transports.ts': ['--tickets', '3', '--raster-kb', '4'],
  'queue-step-history.ts': ['--orders', '500', '--steps', '50'],
  'raster-print.ts': ['--tickets', '5'],
  'raster-render.ts': ['--tickets', '10'],
  'relay-body-parse.ts': ['--bodies', '200', '--rounds', '1'],
  'relay-cluster.ts': ['--bridges', '300', '--seconds', '2', '--rate', '50', '--straggler-seconds', '10', '--idle-seconds', '1'],
  'relay-dedupe-key.ts': ['--appends', '2000'],
  'relay-idle-memory.ts': ['--clients', '50'],
  'relay-page-cache.ts': ['--events', '600', '--trials', '1'],
  'relay-store-append.ts': ['--seconds', '0.5', '--sequential', '20'],
  'relay-intake-vs-bare.ts': ['--seconds', '0.5', '--step-seconds', '0.3', '--warmup-seconds', '0.1', '--trials', '1', '--idle', '50', '--idle-seconds', '1', '--devices', '50', '--stalled', '20'],
  'relay-nodes-add-up.ts': ['--seconds', '0.5', '--trials', '1'],
  'relay-store-copy.ts': ['--events', '2000'],
  'relay-webhook.ts': ['--rate', '50', '--seconds', '1', '--live', '20', '--backlog', '200'],
  'renderer-latency.ts': ['--orders', '5'],
  'renderer-render.ts': ['--orders', '200'],
  'screens-fanout.ts': ['--smoke'],
  'simulator-throughput.ts': ['--generate', '1000', '--webhooks', '50'],
  'station-routing.ts': ['--orders', '20'],
  'start-without-electron.ts': ['--runs', '1'],
  'ticket-hostile.ts': ['--tickets', '3', '--length', '20000'],
  'ticket-render.ts': ['--tickets', '50'],
  'window-feed-history.ts': ['--orders', '2000', '--ticks', '20'],
};

/** Benches whose default size needs longer than the default --timeout, with the seconds they are given. */
const LONG_TIMEOUTS: Record<string, number> = {
  'relay-cluster.ts': 420,
  'relay-intake-vs-bare.ts': 420,
  'relay-nodes-add-up.ts': 300,
};

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    smoke: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '180' },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
const timeoutMs = Number(values.timeout) * 1000;
if (values.help || !(timeoutMs > 0)) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

/** The benches to run; refuses a bench/*.ts missing from BENCHES, which would otherwise be skipped silently. */
function benchFiles(): string[] {
  const unlisted = readdirSync(BENCH_DIR).filter((f) => f.endsWith('.ts') && f !== basename(fileURLToPath(import.meta.url)) && !(f in BENCHES));
  if (unlisted.length > 0) {
    console.error(`bench/${unlisted.join(', bench/')}: not in BENCHES in bench/run-all.ts (add it there, or move a helper into a subdirectory)`);
    process.exit(2);
  }
  const only = values.only?.split(',').map((n) => n.replace(/\.ts$/, '') + '.ts');
  const unknown = only?.filter((f) => !(f in BENCHES)) ?? [];
  if (unknown.length > 0) {
    console.error(`unknown bench: ${unknown.join(', ')}\n${USAGE}`);
    process.exit(2);
  }
  return Object.keys(BENCHES).filter((f) => !only || only.includes(f));
}

const lastLine = (text: string): string => text.trim().split('\n').at(-1) ?? '';

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
  const limitMs = values.smoke ? timeoutMs : Math.max(timeoutMs, (LONG_TIMEOUTS[file] ?? 0) * 1000);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, file), ...(values.smoke ? BENCHES[file]! : [])], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that a timeout also ends what the bench started (relay, bridge, Chromium).
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const killGroup = () => process.kill(-child.pid!, 'SIGKILL');
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, limitMs);
    // Detached, the group no longer gets the terminal's Ctrl-C: pass it on, then stop the whole run.
    const interrupted = () => {
      killGroup();
      process.exit(130);
    };
    process.once('SIGINT', interrupted);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', interrupted);
      const parsed = parseBenchLine(stdout);
      const output = stderr.trim() ? `${stdout}\n--- stderr (last 4,000 characters) ---\n${stderr.slice(-4000)}` : stdout;
      const failure = timedOut ? `killed after ${limitMs / 1000} s` : signal ? `killed by ${signal}` : code !== 0 ? lastLine(stderr) : '';
      resolve({
        file,
        exitCode: code,
        timedOut,
        durationMs: Date.now() - started,
        figures: parsed.ok ? parsed.line.figures : null,
        sizes: parsed.ok ? (parsed.line.sizes ?? {}) : {},
        note: failure || (parsed.ok ? '' : parsed.reason),
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
const out = values.out ?? join(BENCH_DIR, 'report', values.smoke ? 'smoke.md' : 'latest.md');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, benchReport({ machine: machine(), commit: commit(), runs, startedAt, smoke: values.smoke }));
console.log(`report: ${out}`);
process.exit(runs.every((r) => r.exitCode === 0) ? 0 : 1);
