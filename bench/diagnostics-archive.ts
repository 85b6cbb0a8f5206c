// The diagnostics archive at its largest: every rotated log file full (4 × 5 MiB of the bridge's
// own log lines) beside a database with a day of orders' print jobs. Size (does it fit an e-mail?)
// and the time `--diagnostics` takes to write it.
// Run: npx tsx bench/diagnostics-archive.ts [--log-mib 20] [--jobs 2000]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { systemClock } from '../ground/clock.js';
import { parseConfig } from '../main/core/config.js';
import { BRIDGE_LOG_FILE, exportHeadlessDiagnostics } from '../main/diagnostics/headless.js';
import { DEFAULT_LOG_ROTATION, LOG_DIR, rotatedPaths } from '../main/diagnostics/rotating-file.js';
import { openDatabase } from '../main/store/connection.js';
import { enqueueJob } from '../main/store/print-jobs.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';

const { values } = parseArgs({ options: { 'log-mib': { type: 'string', default: '20' }, jobs: { type: 'string', default: '2000' } } });
const logBytes = Number(values['log-mib']) * 1024 * 1024;
const jobs = Number(values.jobs);
const dir = mkdtempSync(join(tmpdir(), 'diagnostics-bench-'));

try {
  const parsed = parseConfig({ relay: { url: 'wss://relay.example.com/v1/bridge', token: 'bench-token-123456' }, printers: [], dataDir: 'data' }, dir);
  if (!parsed.ok) throw new Error(parsed.error);
  mkdirSync(join(dir, 'data', LOG_DIR), { recursive: true });
  const db = openDatabase(join(dir, 'data/bridge.db'));
  const now = new Date().toISOString();
  for (let i = 1; i <= jobs; i++) enqueueJob(db, { orderId: null, printerId: 'kitchen', kind: 'test', version: String(i), payload: { order: null }, now });
  db.close();

  // Lines like the bridge writes: health every minute, an order and its ticket now and then.
  const files = rotatedPaths(join(dir, 'data', LOG_DIR, BRIDGE_LOG_FILE), DEFAULT_LOG_ROTATION.keep);
  const perFile = Math.min(DEFAULT_LOG_ROTATION.maxBytes, Math.ceil(logBytes / files.length));
  let t = Date.UTC(2026, 11, 1);
  let n = 0;
  for (const file of files) {
    const lines: string[] = [];
    let size = 0;
    while (size < perFile) {
      n += 1;
      t += 7_000 + (n % 13) * 1_000;
      const line = n % 5 === 0
        ? JSON.stringify({ level: 30, time: t, pid: 4242, orderId: 900_000 + n, eventId: `evt-${n.toString(36)}`, printer: 'kitchen', jobId: n, msg: 'ticket printed' })
        : JSON.stringify({ level: 30, time: t, pid: 4242, mode: 'live', queue: n % 3, lastOrder: 900_000 + n - (n % 5), printers: ['kitchen:ready'], msg: 'health' });
      lines.push(line);
      size += line.length + 1;
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
  }

  const started = performance.now();
  const written = await exportHeadlessDiagnostics({ config: parsed.config, outPath: join(dir, 'out.zip'), clock: systemClock });
  const ms = performance.now() - started;
  const mb = written.bytes / 1e6;
  console.log(`diagnostics archive: ${(logBytes / 1048576).toFixed(0)} MiB of logs and ${jobs} print jobs → ${mb.toFixed(2)} MB zip in ${ms.toFixed(0)} ms`);
  printBenchLine(
    'diagnostics-archive',
    [atMost('archive size, logs at their cap', mb, 'MB', 10, '< 10 MB (an e-mail attachment)'), atMost('export time', ms, 'ms', 5000, '< 5 s')],
    { 'log MiB': Number(values['log-mib']), jobs },
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
