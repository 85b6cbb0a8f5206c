import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeviceFileLink } from '../../../main/printing/transports/device-file.js';
import { enqueueJob, enqueueTestPrint, getJob } from '../../../main/store/print-jobs.js';
import { waitFor } from '../../helpers/wait.js';
import { printerConfig, printingTestScope } from './helpers.js';

// A file:// printer address that names a regular file (~/.profile), a directory, a FIFO or a symlink
// to a file: the transport refuses it on the opened descriptor and writes nothing, so a test print or
// a reprint can never turn order text into a line a login shell runs.

const { defer, database, queueFor } = printingTestScope();

function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'device-file-'));
  defer(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const PROFILE = 'export PATH="$HOME/bin:$PATH"\n';

describe('file:// opens only character devices', () => {
  it('refuses a regular file, a symlink to one, a directory and a FIFO, and leaves them as they were', async () => {
    const dir = workDir();
    const profile = join(dir, '.profile');
    writeFileSync(profile, PROFILE);
    const before = statSync(profile);
    const link = join(dir, 'lp0');
    symlinkSync(profile, link);
    const directory = join(dir, 'spool');
    mkdirSync(directory);
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    for (const path of [profile, link, directory, fifo]) {
      const transport = createDeviceFileLink(path);
      const sent = await transport.send(Buffer.from('\x1b@touch /tmp/pwned\n'));
      expect(sent).toMatchObject({ ok: false, error: expect.stringContaining(`${path} is not a printer device`) });
      expect(await transport.probe()).toMatchObject({ state: 'unreachable', reason: expect.stringContaining('is not a printer device') });
      await transport.close();
    }
    expect(readFileSync(profile, 'utf8')).toBe(PROFILE);
    expect(statSync(profile).mtimeMs).toBe(before.mtimeMs);
  });

  it('a test print and a reprint queued for a regular file are held with the reason and write nothing', async () => {
    const dir = workDir();
    const profile = join(dir, '.profile');
    writeFileSync(profile, PROFILE);
    const db = database();
    const queue = queueFor(db, printerConfig('k', `file://${profile}`));
    const test = enqueueTestPrint(db, 'k', new Date().toISOString());
    const reprint = enqueueJob(db, { orderId: null, printerId: 'k', kind: 'reprint', version: 'r1', payload: { order: null }, now: new Date().toISOString() })!;
    queue.wake();
    await waitFor('the queue to hold on the refusal', () => getJob(db, test)?.state === 'held');
    expect(getJob(db, test)!.lastError).toContain(`${profile} is not a printer device`);
    expect(queue.state()).toMatchObject({ status: { state: 'unreachable' }, heldReason: expect.stringContaining('is not a printer device') });
    expect(getJob(db, reprint)!.state).toBe('queued');
    expect(readFileSync(profile, 'utf8')).toBe(PROFILE);
  });
});
