import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lockFileName } from '../../../common/instance-lock.js';
import { startStack, type Stack } from '../../e2e/stack.js';
import { waitFor } from '../../helpers/wait.js';

const CLI = fileURLToPath(new URL('../../../main/core/cli.ts', import.meta.url));

type Run = { proc: ChildProcess; lines: Record<string, unknown>[]; exited: Promise<number | null> };
const runs: Run[] = [];
let stack: Stack | undefined;

function runBridge(args: string[]): Run {
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  let buffered = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const line of parts) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  proc.stderr!.resume();
  const run = { proc, lines, exited: new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code))) };
  runs.push(run);
  return run;
}

afterEach(async () => {
  for (const run of runs.splice(0)) {
    if (run.proc.exitCode === null && run.proc.signalCode === null) run.proc.kill('SIGKILL');
    await run.exited;
  }
  await stack?.close();
  stack = undefined;
});

describe('npm run bridge', () => {
  it('serves /health, refuses a second bridge on the same data directory, and shuts down on SIGTERM', async () => {
    stack = await startStack();
    const first = runBridge(['--config', stack.configPath, '--health-port', '0']);
    const listening = await waitFor('health endpoint', () => first.lines.find((l) => l.msg === 'health endpoint listening'), { timeoutMs: 15_000 });
    const url = listening.url as string;
    const health = await waitFor('live', async () => {
      const body = (await (await fetch(url)).json()) as { connection: { mode: string }; printers: { printerId: string }[]; queueDepth: object };
      return body.connection.mode === 'live' && body;
    });
    expect(health.printers.map((p) => p.printerId)).toEqual(['kitchen']);
    expect(health.queueDepth).toEqual({});
    expect(JSON.stringify(first.lines)).not.toContain(stack.config.relay.token);
    expect(JSON.stringify(first.lines)).not.toContain('secret-e2e');

    const second = runBridge(['--config', stack.configPath]);
    expect(await second.exited).toBe(3);
    expect(second.lines.some((l) => /another bridge \(pid \d+\) is running/.test(String(l.msg) + JSON.stringify(l.err ?? '')))).toBe(true);

    first.proc.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.lines.map((l) => l.msg)).toContain('bridge stopped');
  });

  it('starts after a SIGKILLed bridge even when the pid its lock file names now belongs to a live process', async () => {
    stack = await startStack();
    const first = runBridge(['--config', stack.configPath, '--health-port', '0']);
    await waitFor('the first bridge serving', () => first.lines.find((l) => l.msg === 'health endpoint listening'), { timeoutMs: 15_000 });
    first.proc.kill('SIGKILL');
    await first.exited;
    const pidFile = join(stack.config.dataDir, lockFileName('bridge'));
    const left = readFileSync(pidFile, 'utf8');
    expect(left).toMatch(new RegExp(`^${first.proc.pid} `));
    const reused = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], { stdio: 'ignore' });
    runs.push({ proc: reused, lines: [], exited: new Promise((resolve) => reused.once('exit', resolve)) });
    writeFileSync(pidFile, left.replace(String(first.proc.pid), String(reused.pid)));

    const next = runBridge(['--config', stack.configPath, '--health-port', '0']);
    const listening = await waitFor('the next bridge serving', () => next.lines.find((l) => l.msg === 'health endpoint listening'), { timeoutMs: 15_000 });
    await waitFor('live', async () => ((await (await fetch(listening.url as string)).json()) as { connection: { mode: string } }).connection.mode === 'live');
    expect(readFileSync(pidFile, 'utf8')).toMatch(new RegExp(`^${next.proc.pid} `));
    next.proc.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });

  it('stops cleanly on a SIGTERM sent the moment it announces its health endpoint', async () => {
    stack = await startStack();
    const run = runBridge(['--config', stack.configPath, '--health-port', '0']);
    await waitFor('the health endpoint announced', () => run.lines.some((l) => l.msg === 'health endpoint listening'), { timeoutMs: 15_000, intervalMs: 1 });
    run.proc.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.proc.signalCode).toBeNull();
  });

  it('names the bad key of an invalid config and exits 2', async () => {
    stack = await startStack();
    const config = JSON.parse(readFileSync(stack.configPath, 'utf8')) as { printers: { width: number }[] };
    config.printers[0]!.width = 40;
    writeFileSync(stack.configPath, JSON.stringify(config));
    const run = runBridge(['--config', stack.configPath]);
    expect(await run.exited).toBe(2);
    expect(run.lines.map((l) => String(l.msg)).join('\n')).toMatch(/printers\.0\.width: expected 48 \(80 mm paper\), 42 \(80 mm, Epson TM-T88 class\) or 32/);
  });
});
