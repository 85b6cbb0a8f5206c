import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { pino } from 'pino';
import type { NewEvent } from '../../relay/store/events.js';
import { openPostgresStore } from '../../relay/store/postgres/postgres-store.js';
import type { RelayStore } from '../../relay/store/relay-store.js';
import { SqliteRelayStore } from '../../relay/store/sqlite-store.js';
import { klikitEnvelopes } from './klikit-envelopes.js';

// One relay node appending as fast as it can, in a process of its own, for bench/relay-nodes-add-up.ts:
//   relay-postgres URL   the relay's PostgreSQL store (openPostgresStore), as a relay node runs it
//   peer-postgres URL    the lock-free peer: the same group commit (one batch in flight, everything that
//                        arrived meanwhile in the next) as ONE statement into a bigserial table, no
//                        dedupe, no ordering: the least a node on a shared PostgreSQL can do
//   relay-sqlite DIR     the relay's SQLite store
// Prints {"ready":true}, waits for a line on stdin, appends with IN_FLIGHT webhooks in flight for
// SECONDS, prints {"appended":N,"seconds":S,"cpuSeconds":C} (C: this process's CPU time meanwhile) and exits.
// Run: npx tsx bench/support/append-node.ts KIND WHERE SECONDS IN_FLIGHT NODE_INDEX

const [kind, where, secondsArg, inFlightArg, nodeArg] = process.argv.slice(2);
if (!kind || !where || !secondsArg || !inFlightArg || !nodeArg) throw new Error('usage: append-node.ts KIND WHERE SECONDS IN_FLIGHT NODE_INDEX');
const SECONDS = Number(secondsArg);
const IN_FLIGHT = Number(inFlightArg);
const bodies = klikitEnvelopes();
let n = 0;

function nextEvent(): NewEvent {
  n++;
  const now = Date.now();
  const body = bodies.next((Number(nodeArg) * 1_000_000 + (process.pid % 1_000_000)) * 10_000_000 + n, now);
  return {
    eventId: `evt-${nodeArg}-${process.pid}-${n}`, eventType: 'klikit.order.created.v2', brandId: 1, branchId: 1 + (n % 10),
    receivedAt: new Date(now).toISOString(), receivedMs: now, body, bodySha256: createHash('sha256').update(body).digest(),
    bodySecond: Math.floor(now / 1000),
  };
}

/** The peer's group commit: one batch in flight, each batch one INSERT … SELECT FROM unnest. */
function peerAppender(url: string): { append(event: NewEvent): Promise<void>; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  let pending: Array<{ event: NewEvent; done: () => void; fail: (err: Error) => void }> = [];
  let inFlight = false;
  const flush = async (): Promise<void> => {
    if (inFlight || pending.length === 0) return;
    inFlight = true;
    const batch = pending;
    pending = [];
    try {
      const events = batch.map((p) => p.event);
      // Bodies as binary parameters of their own, as the relay sends them (hex text inside a bytea[] costs both sides).
      const bodies = events.map((_, n) => `$${n + 4}`).join(', ');
      await pool.query(
        `INSERT INTO peer_events (event_id, branch_id, received_ms, body) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], ARRAY[${bodies}]::bytea[])`,
        [events.map((e) => e.eventId), events.map((e) => e.branchId), events.map((e) => e.receivedMs), ...events.map((e) => e.body)],
      );
      for (const p of batch) p.done();
    } catch (err) {
      for (const p of batch) p.fail(err as Error);
    } finally {
      inFlight = false;
      setImmediate(() => void flush());
    }
  };
  return {
    append: (event) =>
      new Promise((done, fail) => {
        pending.push({ event, done, fail });
        setImmediate(() => void flush());
      }),
    close: () => pool.end(),
  };
}

async function open(): Promise<{ append(event: NewEvent): Promise<boolean>; close(): Promise<void> }> {
  if (kind === 'peer-postgres') {
    const peer = peerAppender(where!);
    return { append: async (e) => (await peer.append(e), true), close: () => peer.close() };
  }
  const store: RelayStore = kind === 'relay-postgres' ? await openPostgresStore(where!, { logger: pino({ level: 'silent' }) }) : SqliteRelayStore.open(where!);
  // As a serving node does: it hears every append (LISTEN, and its own once settled) to wake its bridges.
  await store.watchAppends({ appended: () => undefined, resync: () => undefined });
  return { append: async (e) => (await store.appendEvent(e)).kind === 'stored', close: () => store.close() };
}

const node = await open();
console.log(JSON.stringify({ ready: true }));
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
let appended = 0;
const cpuBefore = process.cpuUsage();
const started = performance.now();
const until = started + SECONDS * 1000;
await Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    while (performance.now() < until) if (await node.append(nextEvent())) appended++;
  }),
);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
await node.close();
console.log(JSON.stringify({ appended, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
process.exit(0);
