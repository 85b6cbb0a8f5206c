import { systemClock } from '../../ground/clock.js';
import { createIngest } from '../../main/ingest/ingest.js';
import { openDatabase } from '../../main/store/connection.js';

// Child process of power-loss.test.ts: opens the bridge database through the production open path,
// ingests one event at a time through the production ingest (one transaction each), and reports each id on stdout only after its commit returned,
// the same promise the bridge makes to the relay when it acks. Then it waits to be SIGKILLed, so that
// nothing (no close, no checkpoint) runs after the last reported commit.
//
// POWER_LOSS_SYNCHRONOUS is read here and only here: it lets the test weaken the durability setting
// to prove that its check notices.

const dbPath = process.env.PL_DB!;
const count = Number(process.env.PL_EVENTS ?? '40');
const db = openDatabase(dbPath);
if (process.env.POWER_LOSS_SYNCHRONOUS) db.pragma(`synchronous = ${process.env.POWER_LOSS_SYNCHRONOUS}`);

const ingest = createIngest({ db, clock: systemClock, printerIds: () => ['kitchen'] });

for (let seq = 1; seq <= count; seq++) {
  const at = new Date(Date.UTC(2026, 0, 1, 12, 0, seq)).toISOString();
  const order = { id: seq, status: 1, updated_at: at, cart_v2: [{ name: 'Nasi Goreng', quantity: 1, comment: 'x'.repeat(300) }] };
  const result = ingest({
    eventId: `evt-${seq}`,
    source: 'relay',
    seq,
    eventType: 'klikit.order.created.v2',
    receivedAt: at,
    body: { brand_id: 1, branch_id: 1, orders: [order] },
  });
  if (result.outcome !== 'applied') throw new Error(`event ${seq} was not applied: ${JSON.stringify(result)}`);
  process.stdout.write(`committed evt-${seq}\n`);
}
process.stdout.write('done\n');
// The timer holds the connection: an unreferenced better-sqlite3 Database is closed by its GC
// finalizer, and that close would checkpoint and delete the WAL before the power cut is simulated.
setInterval(() => db.open, 60_000);
