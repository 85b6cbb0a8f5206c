import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../common/settings.js';
import { CORE_LOG_FILE, exportAppDiagnostics, KEEP_ARCHIVES } from '../../../main/diagnostics/app-export.js';
import { LOG_DIR } from '../../../main/diagnostics/rotating-file.js';
import { openDatabase, type Db } from '../../../main/store/connection.js';
import { readZip } from '../../helpers/read-zip.js';

let dir: string | undefined;
let db: Db | undefined;
afterEach(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = db = undefined;
});

function setUp(): { dataDir: string; db: Db } {
  dir = mkdtempSync(join(tmpdir(), 'app-export-'));
  db = openDatabase(join(dir, 'bridge.db'));
  return { dataDir: dir, db };
}

describe('Export diagnostics in the desktop app', () => {
  it(`keeps only the newest ${KEEP_ARCHIVES} archives`, async () => {
    const { dataDir, db } = setUp();
    let now = Date.parse('2026-12-07T08:00:00.000Z');
    const written: string[] = [];
    for (let i = 0; i < KEEP_ARCHIVES + 3; i++) {
      now += 60_000;
      const at = now;
      const result = await exportAppDiagnostics({ dataDir, clock: { now: () => at }, db, settings: DEFAULT_SETTINGS, secrets: { set: {}, values: [] }, health: {} });
      written.push(result.path.split('/').pop()!);
    }
    const kept = readdirSync(join(dataDir, 'diagnostics')).sort();
    expect(kept).toEqual(written.slice(-KEEP_ARCHIVES));
  });

  it('cuts the user and password of any URL, in the settings and in the logs', async () => {
    const { dataDir, db } = setUp();
    mkdirSync(join(dataDir, LOG_DIR));
    writeFileSync(join(dataDir, LOG_DIR, CORE_LOG_FILE), `${JSON.stringify({ level: 50, msg: 'request to https://pk:hunter2-pw@gateway.example/v1/partner/orders failed' })}\n`);
    // Settings saved before URLs with credentials were refused.
    const settings = { ...DEFAULT_SETTINGS, klikitBaseUrl: 'https://pk:hunter2-pw@gateway.example/v1/partner' };
    const result = await exportAppDiagnostics({ dataDir, clock: { now: () => Date.now() }, db, settings, secrets: { set: {}, values: [] }, health: {} });
    const files = await readZip(result.path);
    const everything = [...files.values()].join('\n');
    expect(everything).not.toContain('hunter2-pw');
    expect(files.get(`logs/${CORE_LOG_FILE}`)).toContain('https://[redacted]@gateway.example/v1/partner/orders');
  });
});
