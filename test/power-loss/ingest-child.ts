import { openDatabase } from '../../main/store/connection.js';

// Child process of power-loss.test.ts: opens the bridge database through the production open path,
// commits one event per transaction, and reports each id on stdout only after its commit returned,
// the same promise the bridge makes to the relay when it acks. Then it waits to be SIGKILLed, so that
// nothing (no close, no checkpoint) runs after the last reported commit.
//
// POWER_LOSS_SYNCHRONOUS is read here and only here: it lets the test weaken the durability setting
// to prove that its check notices.

const dbPath = process.env.PL_DB!;
const count = Number(process.env.PL_EVENTS ?? '40');
const db = openDatabase(dbPath);
if (process.env.POWER_LOSS_SYNCHRONOUS) db.pragma(`synchronous = ${process.env.POWER_LOSS_SYNCHRONOUS}`);

const insertEvent = db.prepare(
  `INSERT INTO events (event_id, source, seq, event_type, received_at, outcome) VALUES (?, 'relay', ?, 'klikit.order.created.v2', ?, 'applied')`,
);
const insertOrder = db.prepare(
  `INSERT INTO orders (id, status, updated_at, cart_hash, body, first_seen_at, last_event_at) VALUES (?, 1, ?, 'h', ?, ?, ?)`,
);
const commit = db.transaction((seq: number) => {
  const at = new Date(Date.UTC(2026, 0, 1, 12, 0, seq)).toISOString();
  insertEvent.run(`evt-${seq}`, seq, at);
  insertOrder.run(seq, at, JSON.stringify({ id: seq, note: 'x'.repeat(300) }), at, at);
});

for (let seq = 1; seq <= count; seq++) {
  commit(seq);
  process.stdout.write(`committed evt-${seq}\n`);
}
process.stdout.write('done\n');
setInterval(() => undefined, 60_000);
