import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import type { NewEvent } from '../relay/store/events.js';
import { bodySecond } from '../relay/webhook/body-second.js';
import { openPostgresStore } from '../relay/store/postgres/postgres-store.js';
import type { AppendNotice, RelayStore } from '../relay/store/relay-store.js';
import { SqliteRelayStore } from '../relay/store/sqlite-store.js';
import { startPostgresCluster, withPgClient } from '../test/helpers/postgres-cluster.js';
import type { Figure } from './report/bench-line.js';
import { printBenchLine } from './report/print-bench-line.js';
import { percentile } from './support/percentile.js';

// The relay's two stores side by side, both durable (SQLite WAL synchronous=FULL; PostgreSQL with
// fsync on, on the same disk): closed-loop append throughput with many webhooks in flight (group
// commit), one append at a time, and on PostgreSQL how soon another node hears of an append.
// PostgreSQL starts with `--history` bodies already deduped (a busy relay's weeks, keyed by earlier
// seconds) and a checkpoint just taken, and its closed loop reports the WAL it wrote per append and the
// full-page images in it: an index page is imaged the first time it is touched after a checkpoint.
// Run: npx tsx bench/relay-store-append.ts [--seconds 5] [--in-flight 64] [--sequential 300] [--history 1000000]

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    'in-flight': { type: 'string', default: '64' },
    sequential: { type: 'string', default: '300' },
    history: { type: 'string', default: '1000000' },
  },
});
const SECONDS = Number(values.seconds);
const IN_FLIGHT = Number(values['in-flight']);
const SEQUENTIAL = Number(values.sequential);
const HISTORY = Number(values.history);
const logger = pino({ level: 'silent' });
const figures: Figure[] = [];

/** A ~4 KB webhook body (an ordinary order), unique per n, under a random event id as klikit's are. */
let counter = 0;
function nextEvent(): NewEvent {
  const n = ++counter;
  const now = Date.now();
  const updatedAt = new Date(now).toISOString();
  const body = Buffer.from(JSON.stringify({ event_id: `bench-${n}`, branch_id: n % 100, orders: [{ id: n, updated_at: updatedAt }], padding: 'x'.repeat(4000) }));
  return {
    eventId: randomUUID(), eventType: 'klikit.order.created.v2', brandId: 1, branchId: n % 100,
    receivedAt: updatedAt, receivedMs: now, body, bodySha256: createHash('sha256').update(body).digest(), bodySecond: bodySecond(updatedAt),
  };
}

const sorted = (samples: number[]) => [...samples].sort((a, b) => a - b);

async function closedLoop(store: RelayStore): Promise<{ rate: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        await store.appendEvent(nextEvent());
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const rate = latencies.length / ((performance.now() - started) / 1000);
  const s = sorted(latencies);
  return { rate, p50: percentile(s, 50), p99: percentile(s, 99) };
}

async function oneAtATime(store: RelayStore): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const sent = performance.now();
    await store.appendEvent(nextEvent());
    latencies.push(performance.now() - sent);
  }
  return sorted(latencies);
}

async function measure(kind: string, store: RelayStore): Promise<number> {
  const loop = await closedLoop(store);
  const single = await oneAtATime(store);
  console.log(`${kind}: ${loop.rate.toFixed(0)} appends/s with ${IN_FLIGHT} in flight (p50 ${loop.p50.toFixed(2)} ms, p99 ${loop.p99.toFixed(2)} ms); one at a time p50 ${percentile(single, 50).toFixed(2)} ms, p99 ${percentile(single, 99).toFixed(2)} ms`);
  figures.push(
    { name: `${kind} appends/s, ${IN_FLIGHT} in flight`, value: loop.rate, unit: '/s' },
    { name: `${kind} append p50, ${IN_FLIGHT} in flight`, value: loop.p50, unit: 'ms' },
    { name: `${kind} append p99, ${IN_FLIGHT} in flight`, value: loop.p99, unit: 'ms' },
    { name: `${kind} append p50, one at a time`, value: percentile(single, 50), unit: 'ms' },
    { name: `${kind} append p99, one at a time`, value: percentile(single, 99), unit: 'ms' },
  );
  return loop.rate;
}

/** Node A appends one at a time; node B's listener hears each: append requested → notice at node B. */
async function noticeDelay(url: string): Promise<void> {
  const a = await openPostgresStore(url, { logger, nodeId: 'a' });
  const b = await openPostgresStore(url, { logger, nodeId: 'b' });
  try {
    // A notice may arrive before A's append has even resolved: keep arrival times by seq.
    const heardAt = new Map<number, number>();
    const wake = new Map<number, () => void>();
    await b.watchAppends({
      appended: (n: AppendNotice) => {
        heardAt.set(n.seq, performance.now());
        wake.get(n.seq)?.();
      },
      resync: () => undefined,
    });
    const delays: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      const sent = performance.now();
      const outcome = await a.appendEvent(nextEvent());
      if (outcome.kind !== 'stored') throw new Error('a bench event was taken for a duplicate');
      if (!heardAt.has(outcome.seq)) await new Promise<void>((resolve) => wake.set(outcome.seq, resolve));
      delays.push(heardAt.get(outcome.seq)! - sent);
    }
    const s = sorted(delays);
    console.log(`postgres: append at node A → notice at node B p50 ${percentile(s, 50).toFixed(2)} ms, p99 ${percentile(s, 99).toFixed(2)} ms`);
    figures.push(
      { name: 'postgres append → other node notified p50', value: percentile(s, 50), unit: 'ms' },
      { name: 'postgres append → other node notified p99', value: percentile(s, 99), unit: 'ms' },
    );
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

/** HISTORY dedupe keys of bodies seen over the last 30 days, as a relay keeps them; then a checkpoint. */
async function seedHistory(url: string): Promise<void> {
  await withPgClient(url, async (client) => {
    await client.query(
      `INSERT INTO body_keys (body_key, seen_ms)
       SELECT int4send((extract(epoch FROM now())::bigint - 30 * 86400 + i * 30 * 86400 / $1)::int) || sha256(int8send(i)), 0
         FROM generate_series(1, $1::bigint) AS i`,
      [HISTORY],
    );
    await client.query('VACUUM ANALYZE');
    await client.query('CHECKPOINT');
  });
}

/** The WAL written from now on, per append counted from the bench's event counter. */
async function walSince(url: string): Promise<{ report(appendsNow: number): Promise<void> }> {
  const read = () =>
    withPgClient(url, async (client) => (await client.query<{ lsn: string; fpi: string }>('SELECT pg_current_wal_lsn()::text AS lsn, wal_fpi::text AS fpi FROM pg_stat_wal')).rows[0]!);
  const appendsThen = counter;
  const then = await read();
  return {
    report: async (appendsNow) => {
      const now = await read();
      const bytes = await withPgClient(url, async (client) => Number((await client.query<{ d: string }>('SELECT pg_wal_lsn_diff($1, $2)::text AS d', [now.lsn, then.lsn])).rows[0]!.d));
      const appends = appendsNow - appendsThen;
      const fpi = Number(now.fpi) - Number(then.fpi);
      console.log(`postgres: ${(bytes / appends).toFixed(0)} WAL bytes per append, ${(fpi / appends).toFixed(3)} full-page images per append (${HISTORY} bodies seen before)`);
      figures.push({ name: 'postgres WAL bytes per append', value: bytes / appends, unit: 'B' }, { name: 'postgres full-page images per append', value: fpi / appends, unit: '' });
    },
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'relay-store-bench-'));
const cluster = await startPostgresCluster({ fsync: true });
try {
  const sqlite = SqliteRelayStore.open(dataDir);
  const sqliteRate = await measure('sqlite', sqlite).finally(() => sqlite.close());
  const url = await cluster.createDatabase();
  const postgres = await openPostgresStore(url, { logger });
  await seedHistory(url);
  const wal = await walSince(url);
  const postgresRate = await measure('postgres', postgres).finally(() => postgres.close());
  await wal.report(counter);
  await noticeDelay(url);
  figures.push({ name: 'postgres / sqlite appends/s', value: postgresRate / sqliteRate, unit: 'ratio' });
} finally {
  await cluster.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
printBenchLine('relay-store-append', figures, { 'seconds per store': SECONDS, 'appends in flight': IN_FLIGHT, 'one-at-a-time appends': SEQUENTIAL, 'bodies seen before': HISTORY });
