import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireInstanceLock, kernelLockFileName, lockFileName, type InstanceLock } from '../../../common/instance-lock.js';

const LOCK_FILE = lockFileName('bridge');
const MODULE = fileURLToPath(new URL('../../../common/instance-lock.ts', import.meta.url));

const dirs: string[] = [];
const locks: InstanceLock[] = [];
const children: ChildProcess[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const lock of locks.splice(0)) lock.release();
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function take(dir: string): InstanceLock {
  const result = acquireInstanceLock(dir, 'bridge');
  if (!result.ok) throw new Error(result.message);
  locks.push(result.lock);
  return result.lock;
}

/** Another process that takes the lock and keeps it until it is killed; resolves once it holds it. */
async function holderProcess(dir: string): Promise<ChildProcess> {
  const script = `
    const { acquireInstanceLock } = await import(${JSON.stringify(MODULE)});
    const result = acquireInstanceLock(${JSON.stringify(dir)}, 'bridge');
    console.log(result.ok ? 'held' : result.message);
    setInterval(() => {}, 60_000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const [line] = await Promise.race([
    new Promise<string[]>((resolve) => createInterface({ input: child.stdout! }).once('line', (l) => resolve([l]))),
    new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)))),
  ]);
  expect(line).toBe('held');
  return child;
}

/** A process that is alive for the rest of the test: what a reused pid belongs to. */
function bystander(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('instance lock', () => {
  it('refuses a second opener in the same process, naming the holder; free after release', () => {
    const dir = tempDir();
    const first = take(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toMatch(new RegExp(`^${process.pid} `));
    const second = acquireInstanceLock(dir, 'bridge');
    expect(second).toEqual({ ok: false, message: `another bridge (pid ${process.pid}) is running on ${dir}; stop it first` });
    // The refused opener closed its connection: that must not drop the holder's lock (POSIX locks are per process).
    expect(acquireInstanceLock(dir, 'bridge').ok).toBe(false);
    first.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    take(dir);
  });

  it('refuses while another live process holds it, naming that process', async () => {
    const dir = tempDir();
    const holder = await holderProcess(dir);
    expect(acquireInstanceLock(dir, 'bridge')).toEqual({ ok: false, message: `another bridge (pid ${holder.pid}) is running on ${dir}; stop it first` });
  });

  it('is free once its holder is SIGKILLed, even when the pid it left behind now belongs to a live process', async () => {
    const dir = tempDir();
    const holder = await holderProcess(dir);
    await kill(holder);
    const reused = bystander();
    const left = readFileSync(join(dir, LOCK_FILE), 'utf8');
    expect(left).toMatch(new RegExp(`^${holder.pid} `));
    writeFileSync(join(dir, LOCK_FILE), left.replace(String(holder.pid), String(reused.pid)));
    take(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toMatch(new RegExp(`^${process.pid} `));
  });

  it('is free after a power cut left both files behind (no process holds the OS lock)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, kernelLockFileName('bridge')), '');
    writeFileSync(join(dir, LOCK_FILE), `${bystander().pid} held by an OS lock\n`);
    take(dir);
  });

  describe('a lock file of the older format (a pid, no OS lock)', () => {
    it('naming a live process: an older build may be running there, so it is refused with how to clear it', () => {
      const dir = tempDir();
      const older = bystander();
      writeFileSync(join(dir, LOCK_FILE), `${older.pid}\n`);
      const result = acquireInstanceLock(dir, 'bridge');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(new RegExp(`another bridge \\(pid ${older.pid}\\) is running on .*delete it if no bridge is running`));
      // The refusal left the OS lock free.
      writeFileSync(join(dir, LOCK_FILE), 'not a pid');
      take(dir);
    });

    it('naming a dead process or nothing readable: taken over, and rewritten in the new format', () => {
      for (const content of [spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString(), 'not a pid']) {
        const dir = tempDir();
        writeFileSync(join(dir, LOCK_FILE), `${content}\n`);
        const lock = take(dir);
        expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid} held by an OS lock\n`);
        lock.release();
      }
    });

    it('is what a holder writes, so an older build still sees a live holder', () => {
      const dir = tempDir();
      take(dir);
      expect(Number.parseInt(readFileSync(join(dir, LOCK_FILE), 'utf8').trim(), 10)).toBe(process.pid);
    });
  });
});
