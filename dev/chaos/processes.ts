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
  /** Whether a started process has not exited yet. */
  running(): boolean;
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
    running: () => child !== null,
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

/** What one poll of a long wait saw: whether it is over, and a reading that changes while work gets done. */
export type Reading = { done: boolean; progress: unknown };

/**
 * Polls `read` until it says done, for as long as its progress keeps changing: rejects naming `what`
 * once the progress has stood still for `idleMs`. A loaded machine slows the chain down without
 * stopping it, so the deadline follows the work, not the clock.
 */
export async function untilProgressing(what: string, read: () => Promise<Reading>, idleMs: number, intervalMs = 50): Promise<void> {
  let last: string | undefined;
  let deadline = Date.now() + idleMs;
  for (;;) {
    const reading = await read().catch((err: unknown) => ({ done: false, progress: `error: ${(err as Error).message}` }));
    if (reading.done) return;
    const now = JSON.stringify(reading.progress);
    if (now !== last) {
      last = now;
      deadline = Date.now() + idleMs;
    } else if (Date.now() > deadline) {
      throw new Error(`no progress for ${idleMs} ms (at ${now}) waiting for ${what}`);
    }
    await delay(intervalMs);
  }
}

/** A process still not ready after this long is hung, not slow. */
const HUNG_AFTER_MS = 120_000;

/**
 * Waits for a started process to answer `ready`, however slowly it starts on a loaded machine, as
 * long as it is still running; rejects at once when it exits.
 */
export async function untilReady(proc: ManagedProcess, what: string, ready: () => Promise<boolean>, intervalMs = 50): Promise<void> {
  const hungAt = Date.now() + HUNG_AFTER_MS;
  for (;;) {
    if (await ready().catch(() => false)) return;
    if (!proc.running()) throw new Error(`${proc.name} exited before ${what}: ${proc.stderrTail().slice(-500)}`);
    if (Date.now() > hungAt) throw new Error(`${proc.name} still not ${what} after ${HUNG_AFTER_MS} ms: ${proc.stderrTail().slice(-500)}`);
    await delay(intervalMs);
  }
}

export async function httpOk(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
  await res.body?.cancel();
  return res.ok;
}
