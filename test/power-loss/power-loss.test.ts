// Invariant 1 under a power cut, not just a process kill.
//
// A SIGKILL leaves the OS page cache intact, so every write() survives it whatever SQLite's
// synchronous setting: killing the process proves nothing about power loss. Here a small LD_PRELOAD
// shim (durable-shadow.c, compiled with the machine's gcc into a temp dir) models the page cache for
// the files of the child's data directory: every fsync/fdatasync copies the bytes written since the
// previous sync into a shadow directory. After the child is killed, the shadow directory is the disk
// as it would be after a power cut at that instant (the -shm file is dropped: it is shared memory
// that SQLite rebuilds from the WAL). The test opens that image and checks that every event the child
// reported as committed is there, and that integrity_check passes.
//
// The model is the pessimistic one: nothing unsynced survives. Real disks may keep some unsynced
// writes too, but SQLite checksums WAL frames, so extra torn data can only be ignored, never
// resurrect or corrupt a commit. Directory fsyncs are not modelled: a file counts as existing from
// its first fsync.
//
// The test of the test: the same child with synchronous=NORMAL (better-sqlite3's WAL default) must
// be caught losing reported commits in the power-cut image while the process-kill image keeps them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { waitFor } from '../helpers/wait.js';

const SHIM_SOURCE = fileURLToPath(new URL('./durable-shadow.c', import.meta.url));
const CHILD = fileURLToPath(new URL('./ingest-child.ts', import.meta.url));

let shimDir = '';
let shim = '';
const dirs: string[] = [];
const children: ChildProcess[] = [];

beforeAll(() => {
  shimDir = mkdtempSync(join(tmpdir(), 'power-loss-shim-'));
  shim = join(shimDir, 'durable-shadow.so');
  execFileSync('gcc', ['-shared', '-fPIC', '-O2', '-Wall', '-Werror', '-o', shim, SHIM_SOURCE, '-ldl', '-lpthread']);
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(() => rmSync(shimDir, { recursive: true, force: true }));

type Run = { committed: string[]; dataDir: string; shadowDir: string };

/**
 * Runs the ingest child under the shim and SIGKILLs it once `killAfter` commits were reported (or
 * once it is done). Returns every id it reported before dying.
 */
async function runChild({ events, killAfter, synchronous }: { events: number; killAfter: number; synchronous?: string }): Promise<Run> {
  const root = mkdtempSync(join(tmpdir(), 'power-loss-'));
  dirs.push(root);
  const dataDir = join(root, 'data');
  const shadowDir = join(root, 'shadow');
  mkdirSync(dataDir);
  mkdirSync(shadowDir);
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      LD_PRELOAD: shim,
      PL_DATA_DIR: dataDir,
      PL_SHADOW_DIR: shadowDir,
      PL_DB: join(dataDir, 'bridge.db'),
      PL_EVENTS: String(events),
      ...(synchronous ? { POWER_LOSS_SYNCHRONOUS: synchronous } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const committed: string[] = [];
  let stderr = '';
  let pending = '';
  let done = false;
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith('committed ')) committed.push(line.slice('committed '.length));
      if (line === 'done') done = true;
    }
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await waitFor(`the child to report ${killAfter} commits (stderr: ${stderr})`, () => done || committed.length >= killAfter || child.exitCode !== null, { timeoutMs: 20_000 });
  expect(child.exitCode, stderr).toBeNull();
  child.kill('SIGKILL');
  await exited;
  return { committed, dataDir, shadowDir };
}

/** Opens a copy of `dir`'s database files as SQLite would find them on the next boot. */
function inspect(dir: string): { eventIds: Set<string>; integrity: string } {
  const image = mkdtempSync(join(tmpdir(), 'power-loss-image-'));
  dirs.push(image);
  for (const name of readdirSync(dir)) if (!name.endsWith('-shm')) copyFileSync(join(dir, name), join(image, name));
  const db = new Database(join(image, 'bridge.db'));
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const rows = db.prepare('SELECT event_id FROM events').all() as Array<{ event_id: string }>;
    return { eventIds: new Set(rows.map((r) => r.event_id)), integrity };
  } finally {
    db.close();
  }
}

const missing = (committed: string[], present: Set<string>) => committed.filter((id) => !present.has(id));

describe('power loss', () => {
  it('every reported commit survives a power cut after the last one (production settings)', async () => {
    const run = await runChild({ events: 40, killAfter: 40 });
    expect(run.committed).toHaveLength(40);
    expect(readdirSync(run.shadowDir)).toContain('bridge.db-wal');
    const afterPowerCut = inspect(run.shadowDir);
    expect(afterPowerCut.integrity).toBe('ok');
    expect(missing(run.committed, afterPowerCut.eventIds)).toEqual([]);
  });

  it('every reported commit survives a power cut in the middle of the stream', async () => {
    const run = await runChild({ events: 5_000, killAfter: 25 });
    expect(run.committed.length).toBeGreaterThanOrEqual(25);
    expect(run.committed.length).toBeLessThan(5_000);
    const afterPowerCut = inspect(run.shadowDir);
    expect(afterPowerCut.integrity).toBe('ok');
    expect(missing(run.committed, afterPowerCut.eventIds)).toEqual([]);
  });

  it('detects the loss when the store is switched to synchronous=NORMAL (the test of the test)', async () => {
    const run = await runChild({ events: 40, killAfter: 40, synchronous: 'NORMAL' });
    expect(run.committed).toHaveLength(40);
    const afterProcessKill = inspect(run.dataDir);
    expect(missing(run.committed, afterProcessKill.eventIds)).toEqual([]);
    const afterPowerCut = inspect(run.shadowDir);
    expect(afterPowerCut.integrity).toBe('ok');
    expect(missing(run.committed, afterPowerCut.eventIds).length).toBeGreaterThan(0);
  });
});
