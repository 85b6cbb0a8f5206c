import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Figure } from './report/bench-line.js';
import { atMost, printBenchLine } from './report/print-bench-line.js';
import { openRelayDatabase, RELAY_DB_FILE } from '../relay/store/connection.js';
import { copySqliteToPostgres } from '../relay/store/copy-to-postgres.js';
import { startPostgresCluster } from '../test/helpers/postgres-cluster.js';

// `relay store copy` of a large SQLite relay into a throwaway PostgreSQL cluster: events per second over the whole copy, and
// how far the copying process's memory grows (it streams in batches, so it must not grow with the log).
// Run: npx tsx bench/relay-store-copy.ts [--events 200000] [--batch-rows 1000]

const { values } = parseArgs({ options: { events: { type: 'string', default: '200000' }, 'batch-rows': { type: 'string', default: '1000' } } });
const EVENTS = Number(values.events);
const BATCH_ROWS = Number(values['batch-rows']);
const DEVICES = 500;
const MIB = 2 ** 20;

/** A relay log of EVENTS order events over DEVICES branches, written straight into SQLite. */
function seedSqlite(dir: string): void {
  const db = openRelayDatabase(dir);
  try {
    const device = db.prepare('INSERT INTO devices (name, token_sha256, created_at, cursor) VALUES (?, ?, ?, ?)');
    const bind = db.prepare('INSERT INTO device_branches (device_id, branch_id) VALUES (?, ?)');
    const event = db.prepare(
      'INSERT INTO events (event_id, event_type, brand_id, branch_id, received_at, received_ms, body, body_sha256) VALUES (?, ?, 11, ?, ?, ?, ?, ?)',
    );
    const at = new Date().toISOString();
    db.transaction(() => {
      for (let d = 1; d <= DEVICES; d++) {
        const id = Number(device.run(`counter-${d}`, createHash('sha256').update(`token-${d}`).digest('hex'), at, 0).lastInsertRowid);
        bind.run(id, 1000 + d);
      }
      for (let n = 1; n <= EVENTS; n++) {
        const branchId = 1000 + (n % DEVICES) + 1;
        const body = Buffer.from(
          JSON.stringify({ brand_id: 11, branch_id: branchId, orders: [{ id: n, status: 1, short_id: `S${n}`, items: [{ name: 'Nasi goreng spesial', qty: 2, note: 'tidak pedas' }], updated_at: at }] }),
        );
        event.run(`evt-${n}`, 'klikit.order.created.v2', branchId, at, Date.now(), body, createHash('sha256').update(body).digest());
      }
    })();
  } finally {
    db.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'relay-copy-bench-'));
const cluster = await startPostgresCluster();
const figures: Figure[] = [];
try {
  seedSqlite(dir);
  const sqliteMiB = statSync(join(dir, RELAY_DB_FILE)).size / MIB;
  const url = await cluster.createDatabase();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const report = await copySqliteToPostgres(dir, url, { batchRows: BATCH_ROWS });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const growthMiB = (rssPeak - rssBefore) / MIB;
  console.log(`copied ${report.events} events (${sqliteMiB.toFixed(0)} MiB of SQLite) and ${report.devices} devices in ${seconds.toFixed(1)} s`);
  console.log(`  RSS ${(rssBefore / MIB).toFixed(0)} MiB before, peak ${(rssPeak / MIB).toFixed(0)} MiB during the copy`);
  figures.push(
    { name: 'events copied per second', value: report.events / seconds, unit: 'events/s' },
    { name: 'copy time', value: seconds, unit: 's' },
    atMost('memory growth during the copy', growthMiB, 'MiB', 100, '< 100 MiB, whatever the log size'),
  );
} finally {
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
printBenchLine('relay-store-copy', figures, { events: EVENTS, 'batch rows': BATCH_ROWS, devices: DEVICES });
process.exit(0);
