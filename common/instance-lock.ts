import Database from 'better-sqlite3';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Two bridges on one data directory would drive the same printers from two queues and print
// everything twice; a second relay on one directory would take webhooks its bridges never hear of.
// So the data directory carries a lock the kernel holds for its owner: a SQLite file in exclusive
// locking mode with a write transaction open (fcntl locks on Linux and macOS, LockFileEx on Windows).
// The kernel drops it when the process ends however it ends (SIGKILL, crash, power cut), so nothing a
// dead owner leaves behind can block the next start, and no pid is ever judged alive by a guess.
// Beside it a text file names the holder's pid: for the message a refused second instance prints,
// and for builds older than this lock, which only know that file. Node only: the renderer never
// imports this module.

export type LockOwner = 'bridge' | 'relay';

/** The file naming the holder's pid (the whole lock before the kernel held it). */
export const lockFileName = (owner: LockOwner): string => `${owner}.lock`;
/** The SQLite file whose OS lock is the lock. Never deleted: a new file would be a second lock. */
export const kernelLockFileName = (owner: LockOwner): string => `${owner}.lock.sqlite`;

/** Written after the pid by holders of the kernel lock: an older build's parseInt reads the pid alone. */
const KERNEL_HELD = 'held by an OS lock';

export type InstanceLock = { release(): void };
export type LockResult = { ok: true; lock: InstanceLock } | { ok: false; message: string };
export type LockOptions = {
  /** better-sqlite3's addon built for this runtime (Electron's utilityProcess needs its own). */
  nativeBinding?: string | undefined;
};

type Holder = { pid: number; kernelHeld: boolean };

function readHolder(path: string): Holder | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? { pid, kernelHeld: text.includes(KERNEL_HELD) } : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const isBusy = (err: unknown): boolean => {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
};

/** Opens the lock file and takes its exclusive lock, or says who has it. */
function holdKernelLock(path: string, options: LockOptions): { ok: true; db: Database.Database } | { ok: false; busy: boolean; error: string } {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: 0, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    // Nothing is ever written: a journal in memory leaves no file behind a killed holder.
    db.pragma('journal_mode = MEMORY');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    return { ok: true, db };
  } catch (err) {
    db?.close();
    return { ok: false, busy: isBusy(err), error: (err as Error).message };
  }
}

/**
 * Takes the data directory's lock. A second live holder (another process, or another caller in this
 * one) is refused, named by its pid when it wrote one; a lock whose holder died is simply free.
 */
export function acquireInstanceLock(dataDir: string, owner: LockOwner, options: LockOptions = {}): LockResult {
  const pidPath = join(dataDir, lockFileName(owner));
  const held = holdKernelLock(join(dataDir, kernelLockFileName(owner)), options);
  if (!held.ok) {
    if (!held.busy) return { ok: false, message: `could not take the ${owner} lock in ${dataDir}: ${held.error}` };
    const holder = readHolder(pidPath);
    const who = holder && isAlive(holder.pid) ? `another ${owner} (pid ${holder.pid})` : `another ${owner}`;
    return { ok: false, message: `${who} is running on ${dataDir}; stop it first` };
  }
  // A pid file without the mark was written by a build that held no OS lock: while its pid lives, that
  // older build may be running here, and only the file can say so.
  const legacy = readHolder(pidPath);
  if (legacy && !legacy.kernelHeld && legacy.pid !== process.pid && isAlive(legacy.pid)) {
    held.db.close();
    return {
      ok: false,
      message: `another ${owner} (pid ${legacy.pid}) is running on ${dataDir}; stop it first (lock file ${pidPath}, left by an older version: delete it if no ${owner} is running)`,
    };
  }
  writeFileSync(pidPath, `${process.pid} ${KERNEL_HELD}\n`);
  let released = false;
  return {
    ok: true,
    lock: {
      release() {
        if (released) return;
        released = true;
        if (readHolder(pidPath)?.pid === process.pid) {
          try {
            unlinkSync(pidPath);
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
          }
        }
        held.db.close();
      },
    },
  };
}
