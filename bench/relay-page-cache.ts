import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openRelayDatabase } from '../relay/store/connection.js';
import type { NewEvent } from '../relay/store/events.js';
import { SqliteRelayStore } from '../relay/store/sqlite-store.js';
import { printBenchLine } from './report/print-bench-line.js';
import { klikitEnvelopes } from './support/klikit-envelopes.js';

// The SQLite relay's page cache (relay/store/connection.ts): CPU per appended webhook with the relay's
// 2 MB cache against better-sqlite3's 16 MB default, on the same store code, once the cache is full (a
// relay that has run a while). Each webhook's random body hash splits index pages; each split makes the
// commit sweep the whole cache's hash table, so the larger cache costs more per append, not less.
// Appends go three to a group commit, as at about 2,000 webhooks/s. Trials alternate the two caches;
// the figure is the median of the per-trial ratios. Durability is off (synchronous=OFF) in both, so the
// CPU is the store's, not the disk's.
// Run: npx tsx bench/relay-page-cache.ts [--events 30000] [--trials 3]

const { values } = parseArgs({ options: { events: { type: 'string', default: '30000' }, trials: { type: 'string', default: '3' } } });
const EVENTS = Number(values.events);
const TRIALS = Number(values.trials);
const PER_COMMIT = 3;
const envelopes = klikitEnvelopes();
let next = 0;

function events(count: number): NewEvent[] {
  return Array.from({ length: count }, () => {
    const n = next++;
    const receivedMs = 1_796_644_800_000 + n;
    const body = envelopes.next(90_000_000 + n, receivedMs);
    return {
      eventId: `cache-${n}`, eventType: 'klikit.order.created.v2', brandId: 11, branchId: 1000 + (n % 50),
      receivedAt: new Date(receivedMs).toISOString(), receivedMs, body, bodySha256: createHash('sha256').update(body).digest(),
      bodySecond: Math.floor(receivedMs / 1000),
    };
  });
}

/** CPU microseconds per append, `cacheKib` of page cache (undefined: the relay's own). */
async function trial(cacheKib: number | undefined, batch: NewEvent[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-cache-'));
  const db = openRelayDatabase(dir);
  db.pragma('synchronous = OFF');
  if (cacheKib !== undefined) db.pragma(`cache_size = -${cacheKib}`);
  const store = new SqliteRelayStore(db);
  const started = process.cpuUsage();
  for (let i = 0; i < batch.length; i += PER_COMMIT) await Promise.all(batch.slice(i, i + PER_COMMIT).map((e) => store.appendEvent(e)));
  const cpu = process.cpuUsage(started);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return (cpu.user + cpu.system) / batch.length;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ours: number[] = [];
const theirs: number[] = [];
const ratios: number[] = [];
for (let t = 0; t < TRIALS; t++) {
  const batch = events(EVENTS);
  const cost: Partial<Record<'relay' | 'default', number>> = {};
  // Alternate who goes first, so neither always meets a warmer or colder machine.
  for (const which of t % 2 === 0 ? (['relay', 'default'] as const) : (['default', 'relay'] as const)) {
    cost[which] = await trial(which === 'relay' ? undefined : 16_000, batch);
  }
  ours.push(cost.relay!);
  theirs.push(cost.default!);
  ratios.push(cost.relay! / cost.default!);
  console.log(`trial ${t + 1}: relay cache ${cost.relay!.toFixed(1)} µs/append, 16 MB cache ${cost.default!.toFixed(1)} µs/append`);
}
printBenchLine(
  'relay-page-cache',
  [
    { name: 'append CPU, relay page cache (2 MB)', value: median(ours), unit: 'µs/webhook' },
    { name: 'append CPU, 16 MB page cache', value: median(theirs), unit: 'µs/webhook' },
    // No target: the difference is within what trials of this size swing by; `perf` shows the sweep itself.
    { name: 'append CPU, relay cache / 16 MB cache', value: median(ratios), unit: '×' },
  ],
  { events: EVENTS, trials: TRIALS, 'appends per commit': PER_COMMIT },
);
