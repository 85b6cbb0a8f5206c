import type { Db } from '../store/connection.js';
import { unpackOrderBody } from '../store/order-body.js';
import { versionBodySql } from '../store/print-jobs.js';
import type { JobRow, OrderRow } from './order-summary.js';

// Read-only queries the window needs that the store's own modules do not offer. They read the
// schema of main/store/migrations.ts and never write, except `reacknowledge`.

const ORDER_COLUMNS = `id, short_id, status, created_at, first_seen_at, acknowledged_at, packed_body,
  (SELECT due_at FROM scheduled_prints WHERE order_id = orders.id AND state = 'waiting') AS prints_at`;
const JOB_COLUMNS = 'id, order_id, printer_id, kind, state, attempts, last_error, possible_duplicate, warning, created_at, updated_at, previous_version_id, backup_printer_id';
export const OPEN_JOB_STATES = ['queued', 'sending', 'held', 'failed', 'uncertain'] as const;
const OPEN_STATES_SQL = OPEN_JOB_STATES.map((s) => `'${s}'`).join(', ');

export type WindowQueries = ReturnType<typeof createWindowQueries>;

type StoredOrderRow = Omit<OrderRow, 'body'> & { packed_body: Uint8Array };

function unpacked({ packed_body: packed, ...row }: StoredOrderRow): OrderRow {
  return { ...row, body: unpackOrderBody(packed) };
}

export function createWindowQueries(db: Db) {
  const newest = db.prepare<[number], StoredOrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders ORDER BY first_seen_at DESC, id DESC LIMIT ?`,
  );
  const newestBefore = db.prepare<[number, number, number], StoredOrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders
      WHERE (first_seen_at, id) < (SELECT first_seen_at, ? FROM orders WHERE id = ?)
      ORDER BY first_seen_at DESC, id DESC LIMIT ?`,
  );
  const oneOrder = db.prepare<[number], StoredOrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = ?`);
  const jobsOfOrders = db.prepare<[string], JobRow>(
    `SELECT ${JOB_COLUMNS} FROM print_jobs WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  );
  const changesOfOrder = db.prepare<[number], { event_id: string; event_type: string; status: number; updated_at: string; applied: number; note: string; at: string }>(
    'SELECT event_id, event_type, status, updated_at, applied, note, at FROM order_changes WHERE order_id = ? ORDER BY id',
  );
  const openJobs = db.prepare<[], JobRow>(`SELECT ${JOB_COLUMNS} FROM print_jobs WHERE state IN (${OPEN_STATES_SQL}) ORDER BY id`);
  const problemJobs = db.prepare<[], JobRow>(
    `SELECT ${JOB_COLUMNS} FROM print_jobs WHERE state IN ('held', 'failed', 'uncertain') ORDER BY id DESC LIMIT 500`,
  );
  const quarantine = db.prepare<[], { id: number; received_at: string; source: string; event_id: string | null; event_type: string | null; reason: string }>(
    'SELECT id, received_at, source, event_id, event_type, reason FROM quarantine ORDER BY id DESC LIMIT 500',
  );
  const duplicateJobs = db.prepare<[], JobRow>(
    `SELECT ${JOB_COLUMNS} FROM print_jobs WHERE possible_duplicate = 1 AND kind != 'test' ORDER BY id DESC LIMIT 100`,
  );
  // Named and repeating its condition: otherwise SQLite reads every printed job through print_jobs_state.
  const incompleteJobs = db.prepare<[], JobRow>(
    `SELECT ${JOB_COLUMNS} FROM print_jobs INDEXED BY print_jobs_warning WHERE warning != '' AND state IN ('sent', 'confirmed', 'uncertain') ORDER BY id DESC LIMIT 100`,
  );
  const recentBodies = db.prepare<[number], { packed_body: Uint8Array }>('SELECT packed_body FROM orders ORDER BY first_seen_at DESC, id DESC LIMIT ?');
  const reacknowledge = db.prepare<[string, number]>('UPDATE orders SET acknowledged_at = ? WHERE id = ?');
  const versionBody = db.prepare<[number], { body: Uint8Array | null }>(`SELECT ${versionBodySql('v')} AS body FROM order_versions v WHERE id = ?`);
  const lastOrderAt = db.prepare<[], { at: string | null }>('SELECT max(first_seen_at) AS at FROM orders');
  const lastEventAt = db.prepare<[], { at: string | null }>('SELECT max(received_at) AS at FROM events');
  // One connection owns every write to the bridge's database (DESIGN.md), so its running count of
  // changed rows moves exactly when anything the window shows may have changed: O(1), however long the
  // branch's history, where comparing counts and maxima scanned every table ten times a second.
  const fingerprint = db.prepare<[], { changes: number }>('SELECT total_changes() AS changes');

  return {
    listOrders(limit: number, before?: number): OrderRow[] {
      return (before === undefined ? newest.all(limit) : newestBefore.all(before, before, limit)).map(unpacked);
    },
    order(id: number): OrderRow | undefined {
      const row = oneOrder.get(id);
      return row && unpacked(row);
    },
    jobsOf(orderIds: readonly number[]): JobRow[] {
      return orderIds.length === 0 ? [] : jobsOfOrders.all(JSON.stringify(orderIds));
    },
    changesOf: (orderId: number) => changesOfOrder.all(orderId),
    openJobs: () => openJobs.all(),
    problemJobs: () => problemJobs.all(),
    quarantine: () => quarantine.all(),
    duplicateJobs: () => duplicateJobs.all(),
    /** Tickets that reached the paper with characters the cook cannot read. */
    incompleteJobs: () => incompleteJobs.all(),
    recentBodies: (limit: number): string[] => recentBodies.all(limit).map((r) => unpackOrderBody(r.packed_body)),
    /** Staff saw the order again after it changed: what they saw is now the newest version. */
    reacknowledge: (id: number, nowIso: string): void => void reacknowledge.run(nowIso, id),
    /** One stored version of an order (an update ticket's previous version), or null. */
    versionBody(id: number): string | null {
      const packed = versionBody.get(id)?.body;
      return packed ? unpackOrderBody(packed) : null;
    },
    lastOrderAt: () => lastOrderAt.get()?.at ?? null,
    lastEventAt: () => lastEventAt.get()?.at ?? null,
    /** Changes whenever anything the queue or problems view shows changes. */
    fingerprint: () => String(fingerprint.get()?.changes ?? 0),
  };
}
