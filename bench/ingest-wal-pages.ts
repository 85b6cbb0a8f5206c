// WAL pages written per ingested event, the bridge against the raw loop of bench/ingest-vs-raw.ts
// (bench/support/raw-ingest-peer.ts), one event per transaction. Under synchronous=FULL every frame is
// written and fsynced with its commit, so frames per transaction are what a webhook at a time pays in
// disk, whatever the machine's load: this bench is deterministic. Each index an event's rows land in adds
// about one frame; the output lists the bridge's indexes table by table.
// Run: npx tsx bench/ingest-wal-pages.ts [--events 400]
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Clock } from '../ground/clock.js';
import { createIngest, type IncomingEvent } from '../main/ingest/ingest.js';
import { openDatabase } from '../main/store/connection.js';
import { printBenchLine } from './report/print-bench-line.js';
import { rawIngestPeer } from './support/raw-ingest-peer.js';
import { realisticOrders } from './support/realistic-orders.js';

const PRINTERS = ['kitchen', 'bar'];
const { values } = parseArgs({ options: { events: { type: 'string', default: '400' } } });
const EVENTS = Number(values.events);
const clock: Clock = { now: () => Date.parse('2026-06-25T09:15:00Z') };
const orders = realisticOrders(5000, clock, 5000);
const events: IncomingEvent[] = Array.from({ length: EVENTS }, (_, i) => ({
  eventId: `evt-${i}`,
  source: 'relay' as const,
  seq: i + 1,
  eventType: 'klikit.order.created.v2',
  receivedAt: '2026-06-25T09:15:00.000Z',
  body: { brand_id: 5297, branch_id: 1293, orders: [orders.next()] },
}));

type Written = { frames: number; walKib: number };

/** WAL frames and KiB per event, `events` applied one per transaction with checkpoints off. */
function walPerEvent(kind: 'raw' | 'bridge'): Written {
  const dir = mkdtempSync(join(tmpdir(), 'bench-wal-'));
  const path = join(dir, `${kind}.db`);
  try {
    let db: Database.Database;
    let apply: (e: IncomingEvent) => void;
    if (kind === 'bridge') {
      db = openDatabase(path);
      const ingest = createIngest({ db, clock, printerIds: () => PRINTERS });
      apply = (e) => {
        if (ingest(e).outcome !== 'applied') throw new Error(`${e.eventId} not applied`);
      };
    } else {
      db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      apply = db.transaction(rawIngestPeer(db, PRINTERS));
    }
    db.pragma('wal_autocheckpoint = 0');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    for (const e of events) apply(e);
    const walBytes = statSync(`${path}-wal`).size;
    if (kind === 'bridge') {
      const indexes = db.prepare("SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' ORDER BY tbl_name, name").all() as Array<{ tbl_name: string; name: string }>;
      for (const table of ['events', 'orders', 'order_versions', 'order_changes', 'print_jobs']) {
        console.log(`  bridge ${table}: ${indexes.filter((i) => i.tbl_name === table).map((i) => i.name).join(', ')}`);
      }
    }
    db.close();
    // A WAL file is a 32-byte header, then per frame a 24-byte header and a page.
    return { frames: (walBytes - 32) / (pageSize + 24) / EVENTS, walKib: walBytes / 1024 / EVENTS };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`WAL written per event, one event per transaction, ${EVENTS} events of one order, ${PRINTERS.length} printers, checkpoints off`);
const raw = walPerEvent('raw');
const bridge = walPerEvent('bridge');
for (const [name, w] of [['raw loop', raw], ['bridge', bridge]] as const) console.log(`${name}: ${w.frames.toFixed(2)} WAL frames, ${w.walKib.toFixed(1)} KiB per event`);
printBenchLine(
  'ingest-wal-pages',
  [
    { name: 'raw loop WAL frames per event', value: raw.frames, unit: 'frames' },
    { name: 'bridge WAL frames per event', value: bridge.frames, unit: 'frames' },
    { name: 'raw loop WAL per event', value: raw.walKib, unit: 'KiB' },
    { name: 'bridge WAL per event', value: bridge.walKib, unit: 'KiB' },
  ],
  { events: EVENTS, printers: PRINTERS.length },
);
