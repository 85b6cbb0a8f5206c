import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { relayCursor } from '../../../main/ingest/ingest.js';
import { openDatabase, type Db } from '../../../main/store/connection.js';
import { waitFor } from '../../helpers/wait.js';

const LOOP = fileURLToPath(new URL('./ingest-loop.ts', import.meta.url));
const ORDERS_PER_EVENT = 3;
const PRINTERS = 2;

let child: ChildProcess | undefined;
let dir: string | undefined;
let db: Db | undefined;

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  child = db = dir = undefined;
});

describe('crash safety of ingest', () => {
  it('SIGKILL mid-stream loses no committed event and leaves no partial one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bridge-crash-'));
    const path = join(dir, 'bridge.db');
    const proc = spawn(process.execPath, ['--import', 'tsx', LOOP, path], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));

    await waitFor('the child to commit 40 events', () => {
      if (proc.exitCode !== null) throw new Error(`child exited early: ${stderr}`);
      return stdout.split('\n').filter((l) => l.startsWith('committed ')).length >= 40;
    }, { timeoutMs: 20_000 });
    proc.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const committed = stdout
      .split('\n')
      .filter((l) => l.startsWith('committed '))
      .map((l) => l.slice('committed '.length));
    db = openDatabase(path);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    const eventIds = new Set((db.prepare('SELECT event_id FROM events').all() as { event_id: string }[]).map((r) => r.event_id));
    for (const id of committed) expect(eventIds.has(id), `${id} was reported committed`).toBe(true);
    const orderCount = (i: number) =>
      (db!.prepare('SELECT COUNT(*) AS n FROM orders WHERE id BETWEEN ? AND ?').get(i * 10 + 1, i * 10 + 9) as { n: number }).n;
    const jobCount = (i: number) =>
      (db!.prepare('SELECT COUNT(*) AS n FROM print_jobs WHERE order_id BETWEEN ? AND ?').get(i * 10 + 1, i * 10 + 9) as { n: number }).n;
    for (const id of eventIds) {
      const i = Number(id.slice('crash-'.length));
      expect([orderCount(i), jobCount(i)], id).toEqual([ORDERS_PER_EVENT, ORDERS_PER_EVENT * PRINTERS]);
    }
    const totals = db
      .prepare('SELECT (SELECT COUNT(*) FROM orders) AS orders, (SELECT COUNT(*) FROM print_jobs) AS jobs')
      .get() as { orders: number; jobs: number };
    expect(totals).toEqual({ orders: eventIds.size * ORDERS_PER_EVENT, jobs: eventIds.size * ORDERS_PER_EVENT * PRINTERS });
    expect(relayCursor(db)).toBe(eventIds.size);
  });
});
