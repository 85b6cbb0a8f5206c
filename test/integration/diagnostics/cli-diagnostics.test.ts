import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/store/connection.js';
import { enqueueJob, markHeld } from '../../../main/store/print-jobs.js';
import { addQuarantine } from '../../../main/store/quarantine.js';
import { readZip } from '../../helpers/read-zip.js';

const CLI = fileURLToPath(new URL('../../../main/core/cli.ts', import.meta.url));
const TOKEN = 'relay-token-7f3a9c1e';
const PARTNER_KEY = 'partner-key-51d2e8';
const SECRET_KEY = 'klikit-secret-0b6f44';
const SECRETS = [TOKEN, PARTNER_KEY, SECRET_KEY];

let dir: string;
let server: Server | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'diagnostics-'));
});
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(extra: Record<string, unknown> = {}): string {
  const path = join(dir, 'bridge.json');
  writeFileSync(path, JSON.stringify({
    relay: { url: `wss://relay.example.com/v1/bridge?token=${TOKEN}`, token: TOKEN },
    klikit: { baseUrl: 'https://api.dev.shadowchef.co/v1/partner', partnerKey: PARTNER_KEY, secretKey: SECRET_KEY, branchIds: [1293] },
    printers: [{ id: 'kitchen', name: 'Kitchen', type: 'epson', interface: 'tcp://127.0.0.1:9', width: 48 }],
    dataDir: './data',
    ...extra,
  }));
  return path;
}

function seedDataDir(): void {
  mkdirSync(join(dir, 'data/logs'), { recursive: true });
  const db = openDatabase(join(dir, 'data/bridge.db'));
  const now = new Date().toISOString();
  const job = enqueueJob(db, { orderId: null, printerId: 'kitchen', kind: 'test', version: '1', payload: { order: null, note: 'test print' }, now })!;
  markHeld(db, job, 'paper out', now);
  addQuarantine(db, { receivedAt: now, source: 'relay', eventId: 'e1', eventType: 'order.created', reason: 'signature mismatch', raw: `{"customer":"Budi","token":"${TOKEN}"}` });
  db.close();
  // A leaked secret in a log line must still not reach the archive.
  writeFileSync(join(dir, 'data/logs/bridge.log.1'), `${JSON.stringify({ level: 40, msg: 'relay rejected the token', token: TOKEN })}\n`);
  writeFileSync(join(dir, 'data/logs/bridge.log'), `${JSON.stringify({ level: 30, msg: 'health' })}\n${JSON.stringify({ level: 50, msg: `klikit 401 with key ${SECRET_KEY}` })}\n`);
}

async function exportArchive(configPath: string): Promise<{ files: Map<string, string>; bytes: number; stdout: string }> {
  const out = join(dir, 'support.zip');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CLI, '--config', configPath, '--diagnostics', out]);
  return { files: await readZip(out), bytes: statSync(out).size, stdout };
}

describe('npm run bridge -- --diagnostics OUT.zip', () => {
  it('writes logs, redacted config, DB integrity, versions, recent problems and printers, and no secret', async () => {
    seedDataDir();
    const { files, stdout } = await exportArchive(writeConfig());
    expect(stdout).toContain('diagnostics archive written');
    expect([...files.keys()].sort()).toEqual(['config.json', 'database.json', 'logs/bridge.log', 'logs/bridge.log.1', 'printers.json', 'problems.json', 'versions.json']);

    for (const [name, text] of files) for (const secret of SECRETS) expect(text, `${secret} in ${name}`).not.toContain(secret);
    expect(files.get('logs/bridge.log.1')).toContain('relay rejected the token');

    const config = JSON.parse(files.get('config.json')!);
    expect(config.relay).toEqual({ url: 'wss://relay.example.com/v1/bridge (credentials and query [redacted])', token: '[redacted]' });
    expect(config.klikit.branchIds).toEqual([1293]);

    const database = JSON.parse(files.get('database.json')!);
    expect(database.integrity).toEqual(['ok']);
    expect(database.schemaVersion).toBeGreaterThanOrEqual(2);
    expect(database.printJobsByState).toEqual({ held: 1 });

    const problems = JSON.parse(files.get('problems.json')!);
    expect(problems.printJobs).toMatchObject([{ printerId: 'kitchen', state: 'held', lastError: 'paper out' }]);
    expect(problems.quarantined).toMatchObject([{ reason: 'signature mismatch', eventType: 'order.created' }]);
    expect(JSON.stringify(problems.quarantined)).not.toContain('Budi');
    expect(problems.logWarningsAndErrors.map((e: { msg: string }) => e.msg)).toEqual(['relay rejected the token', 'klikit 401 with key [redacted]']);

    expect(JSON.parse(files.get('versions.json')!)).toMatchObject({ app: expect.any(String), node: process.versions.node });
    expect(JSON.parse(files.get('printers.json')!)).toMatchObject({ configured: [{ id: 'kitchen' }], live: null, note: expect.stringContaining('healthPort') });
  });

  it('includes live printer states from a running bridge’s health endpoint, and says when the database is missing', async () => {
    server = createServer((_req, res) => res.end(JSON.stringify({ connection: { mode: 'live' }, printers: [{ printerId: 'kitchen', status: { state: 'paper-out' } }], queueDepth: { kitchen: 2 } })));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { files } = await exportArchive(writeConfig({ healthPort: (server.address() as AddressInfo).port }));
    expect(JSON.parse(files.get('printers.json')!).live).toEqual({ connection: { mode: 'live' }, printers: [{ printerId: 'kitchen', status: { state: 'paper-out' } }], queueDepth: { kitchen: 2 } });
    expect(JSON.parse(files.get('database.json')!).error).toMatch(/cannot open .*bridge\.db/);
  });
});
