import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** Whether Debian's socat is installed (CI installs it; see .ci/run). */
export const hasSocat = spawnSync('socat', ['-V']).status === 0;

export type PtyPair = { a: string; b: string; stop(): Promise<void> };

/**
 * A serial line on one machine: two linked ptys from `socat`, `a` for the bridge and `b` for the
 * virtual printer. Stopping it is the line being cut: both ends fail with EIO and the links go away.
 */
export async function startPtyPair(dir: string): Promise<PtyPair> {
  const a = join(dir, 'printer-a');
  const b = join(dir, 'printer-b');
  const child: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const deadline = Date.now() + 5_000;
  while (!log.includes('starting data transfer loop') && child.exitCode === null && Date.now() < deadline) await delay(10);
  if (!log.includes('starting data transfer loop')) {
    child.kill('SIGKILL');
    throw new Error(`socat did not link the ptys: ${log}`);
  }
  return {
    a,
    b,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
