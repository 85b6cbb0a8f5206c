import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

// Two bridges on one data directory would drive the same printers from two queues and print
// everything twice; a second relay on one directory would take webhooks its bridges never hear of.
// So the data directory carries an exclusive lock file holding the owner's pid. Node only: the
// renderer never imports this module.

export type LockOwner = 'bridge' | 'relay';

export const lockFileName = (owner: LockOwner): string => `${owner}.lock`;

export type InstanceLock = { release(): void };
export type LockResult = { ok: true; lock: InstanceLock } | { ok: false; message: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function tryCreate(path: string, pid: number): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, `${pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Takes the data directory's lock, taking over a lock left by a process that no longer exists. */
export function acquireInstanceLock(dataDir: string, owner: LockOwner, pid = process.pid): LockResult {
  const path = join(dataDir, lockFileName(owner));
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, pid)) {
      return {
        ok: true,
        lock: {
          release() {
            if (readHolder(path) === pid) unlinkSync(path);
          },
        },
      };
    }
    const holder = readHolder(path);
    if (holder !== undefined && holder !== pid && isAlive(holder)) {
      return { ok: false, message: `another ${owner} (pid ${holder}) is running on ${dataDir}; stop it first (lock file ${path})` };
    }
    try {
      unlinkSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return { ok: false, message: `could not take the lock ${path}: it keeps changing hands` };
}
