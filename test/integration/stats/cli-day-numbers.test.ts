import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayOf } from '../../../main/stats/calendar.js';
import { openDatabase } from '../../../main/store/connection.js';

// `npm run bridge -- --config FILE --day-numbers OUT.csv [--days N]` as a process.

const CLI = fileURLToPath(new URL('../../../main/core/cli.ts', import.meta.url));
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'day-numbers-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(): string {
  const path = join(dir, 'bridge.json');
  writeFileSync(path, JSON.stringify({
    relay: { url: 'wss://relay.example.com/v1/bridge', token: 't' },
    printers: [
      { id: 'wok', name: 'Wok', type: 'epson', interface: 'tcp://127.0.0.1:9', width: 48, routes: { categories: ['Mains'] } },
      { id: 'bar', name: 'Bar', type: 'epson', interface: 'tcp://127.0.0.1:9', width: 48, routes: { categories: ['Drinks'] } },
    ],
    dataDir: './data',
    stats: { retentionDays: 30 },
  }));
  return path;
}

const run = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', CLI, ...args]);

describe('npm run bridge -- --day-numbers OUT.csv', () => {
  it('writes the kept days as CSV a parser reads back', async () => {
    const config = writeConfig();
    mkdirSync(join(dir, 'data'));
    const db = openDatabase(join(dir, 'data/bridge.db'));
    const today = dayOf(Date.now());
    const insert = db.prepare(
      `INSERT INTO ticket_stats (order_id, station, day, provider, received_at, ticket_seconds, late, cancelled, missed_acceptance) VALUES (?, ?, ?, 'GrabFood', ?, ?, 0, 0, 0)`,
    );
    insert.run(1, '', today, new Date().toISOString(), 300);
    insert.run(1, 'wok', today, new Date().toISOString(), 240);
    db.close();

    const out = join(dir, 'numbers.csv');
    const { stdout } = await run('--config', config, '--day-numbers', out, '--days', '2');
    expect(stdout).toContain('day in numbers written');
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    const ofToday = rows.filter((r) => r.day === today);
    expect(ofToday.map((r) => [r.station, r.provider, r.orders, r.ticket_p50_seconds])).toEqual([
      ['all', 'all', '1', '300'],
      ['all', 'GrabFood', '1', '300'],
      ['wok', 'all', '1', '240'],
      ['wok', 'GrabFood', '1', '240'],
      ['bar', 'all', '0', ''],
    ]);
    expect(new Set(rows.map((r) => r.day)).size).toBe(2);
  });

  it('refuses a period it does not keep, naming the flag', async () => {
    const error = await run('--config', writeConfig(), '--day-numbers', join(dir, 'x.csv'), '--days', '0').catch((err: { code: number; stdout: string }) => err);
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stdout: string }).stdout).toContain('--days: expected a whole number of days from 1 to 400');
  });
});
