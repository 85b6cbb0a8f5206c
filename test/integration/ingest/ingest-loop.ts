// Child process of crash.test.ts: ingests batched events into the database at argv[2] until killed,
// printing `committed <event id>` after each commit. It stops by itself after 30 s so that a parent
// that died first leaves no orphan behind.
import { systemClock } from '../../../ground/clock.js';
import { createIngest } from '../../../main/ingest/ingest.js';
import { openDatabase } from '../../../main/store/connection.js';

const ORDERS_PER_EVENT = 3;
const PRINTERS = ['kitchen', 'bar'];

const db = openDatabase(process.argv[2]!);
const ingest = createIngest({ db, clock: systemClock, printerIds: () => PRINTERS });
const deadline = Date.now() + 30_000;

const order = (id: number) => ({
  id,
  short_id: String(id),
  status: 2,
  updated_at: '2026-06-25T10:00:00Z',
  cart_v2: [{ name: 'Nasi Goreng', quantity: 1, comment: 'x'.repeat(200), modifier_groups: [] }],
});

for (let i = 1; Date.now() < deadline; i++) {
  const eventId = `crash-${i}`;
  const result = ingest({
    eventId,
    source: 'relay',
    seq: i,
    eventType: 'klikit.order.created.v2',
    receivedAt: new Date().toISOString(),
    body: {
      brand_id: 1,
      branch_id: 2,
      orders: Array.from({ length: ORDERS_PER_EVENT }, (_, k) => order(i * 10 + k + 1)),
    },
  });
  if (result.outcome !== 'applied') {
    process.stderr.write(`${eventId}: ${JSON.stringify(result)}\n`);
    process.exit(1);
  }
  process.stdout.write(`committed ${eventId}\n`);
}
db.close();
