import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

// The relay and the bridge run as real child processes in the chaos run, so that SIGKILL means what
// it means in a shop: no finally blocks, no graceful close, only what reached the disk.

export type ManagedProcess = {
  readonly name: string;
  /** Starts the process (again); the previous one must have exited. */
  start(): void;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit; returns the exit code. */
  stop(): Promise<number | null>;
  /** How often the process exited without being asked to (crash). */
  unexpectedExits(): number;
  /** The last lines of stderr, for the report when something goes wrong. */
  stderrTail(): string;
};

export function managedProcess(name: string, entry: string, args: string[], env: NodeJS.ProcessEnv = {}): ManagedProcess {
  let child: ChildProcess | null = null;
  let expecting = false;
  let unexpected = 0;
  let tail = '';

  const waitExit = (proc: ChildProcess): Promise<number | null> =>
    proc.exitCode !== null || proc.signalCode !== null
      ? Promise.resolve(proc.exitCode)
      : new Promise((resolve) => proc.once('exit', (code) => resolve(code)));

  const end = async (signal: NodeJS.Signals): Promise<number | null> => {
    const proc = child;
    if (!proc) return null;
    expecting = true;
    proc.kill(signal);
    const code = await waitExit(proc);
    child = null;
    return code;
  };

  return {
    name,
    start() {
      if (child) throw new Error(`${name} is already running`);
      expecting = false;
      const proc = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      proc.stderr!.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000)));
      proc.once('exit', () => {
        if (!expecting) unexpected++;
        if (child === proc) child = null;
      });
      child = proc;
    },
    kill: async () => void (await end('SIGKILL')),
    stop: () => end('SIGTERM'),
    unexpectedExits: () => unexpected,
    stderrTail: () => tail,
  };
}

/** A port that was free a moment ago: the relay must come back on the same port after a kill. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls `check` until it holds; rejects naming `what` after `timeoutMs`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await Promise.resolve().then(check).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(intervalMs);
  }
}

export async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
  await res.body?.cancel();
  return res.ok;
}
