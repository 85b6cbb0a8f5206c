import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireInstanceLock, lockFileName } from '../../../common/instance-lock.js';

const LOCK_FILE = lockFileName('bridge');

const tempDir = () => mkdtempSync(join(tmpdir(), 'bridge-lock-'));

describe('instance lock', () => {
  it('is exclusive while its holder lives, and free after release', () => {
    const dir = tempDir();
    const first = acquireInstanceLock(dir, 'bridge');
    if (!first.ok) throw new Error(first.message);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    // Another live process (our parent) holding it:
    writeFileSync(join(dir, LOCK_FILE), `${process.ppid}\n`);
    const second = acquireInstanceLock(dir, 'bridge');
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.message).toMatch(new RegExp(`pid ${process.ppid}`));
    writeFileSync(join(dir, LOCK_FILE), `${process.pid}\n`);
    first.lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    expect(acquireInstanceLock(dir, 'bridge').ok).toBe(true);
  });

  it('takes over a lock left by a dead process', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(join(dir, LOCK_FILE), `${dead.stdout.toString()}\n`);
    const result = acquireInstanceLock(dir, 'bridge');
    expect(result.ok).toBe(true);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
  });

  it('takes over a lock file with garbage in it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), 'not a pid');
    expect(acquireInstanceLock(dir, 'bridge').ok).toBe(true);
  });
});
