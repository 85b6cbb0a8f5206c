import { hash } from 'node:crypto';
import type { Db } from './connection.js';
import { packOrderBody, parsePackedBody } from './order-body.js';
import { statement } from './statements.js';
import type { JobState } from './print-jobs.js';

// The current (newest applied) version of every order. `body` is the order JSON exactly as klikit
// sent it, so fields the bridge does not know yet survive for the ticket and for support; it is stored
// packed (order-body.ts).

export type OrderRecord = {
  id: number;
  brandId: number | null;
  branchId: number | null;
  shortId: string;
  status: number;
  /** The order's version (orderVersion of klikit's updated_at / created_at / placed_at). */
  updatedAt: string;
  createdAt: string | null;
  cartHash: string;
  body: unknown;
  firstSeenAt: string;
  lastEventAt: string;
  acknowledgedAt: string | null;
};

/** `seenAt` becomes last_event_at, and first_seen_at when the order is new. */
export type OrderWrite = Omit<OrderRecord, 'acknowledgedAt' | 'firstSeenAt' | 'lastEventAt'> & { seenAt: string };

type OrderRow = {
  id: number;
  brand_id: number | null;
  branch_id: number | null;
  short_id: string;
  status: number;
  updated_at: string;
  created_at: string | null;
  cart_hash: string;
  packed_body: Uint8Array;
  first_seen_at: string;
  last_event_at: string;
  acknowledged_at: string | null;
};

/** The sha256 (hex) an order version is known by in order_versions. */
export function bodyDigest(bodyText: string): string {
  return hash('sha256', bodyText, 'hex');
}

/** What the caller already knows, so the write need not find it out again. */
export type OrderWriteHints = {
  /** JSON.stringify(order.body), when the caller serialised it already. */
  bodyText?: string;
  /** The order is not stored (read in the same transaction): it has no version to replace. */
  isNew?: boolean;
};

/**
 * Inserts a new order (first_seen_at = seenAt) or replaces the stored version (first_seen_at kept),
 * and returns the order_versions id of the version written.
 * The body is stored once: the current version's body lives in orders.body and its order_versions
 * row has a NULL body; a replaced version the print jobs still need keeps its body in its own row.
 */
export function upsertOrder(db: Db, order: OrderWrite, hints: OrderWriteHints = {}): number {
  const bodyText = hints.bodyText ?? JSON.stringify(order.body);
  const digest = bodyDigest(bodyText);
  if (hints.isNew) {
    writeOrderRow(db, order, bodyText);
    return insertVersion(db, order.id, digest);
  }
  const previous = statement(db,
    `SELECT v.id, v.digest, o.cart_hash AS cartHash FROM orders o JOIN order_versions v ON v.order_id = o.id AND v.packed_body IS NULL WHERE o.id = ?`,
  ).get(order.id) as { id: number; digest: string; cartHash: string } | undefined;
  const sameCart = previous !== undefined && previous.cartHash === order.cartHash;
  if (previous && previous.digest !== digest && !sameCart) retire(db, order.id, previous.id);
  writeOrderRow(db, order, bodyText);
  const known = statement(db, 'SELECT id FROM order_versions WHERE order_id = ? AND digest = ?').get(order.id, digest) as { id: number } | undefined;
  if (known) {
    if (previous && sameCart && known.id !== previous.id) retire(db, order.id, previous.id);
    statement(db, 'UPDATE order_versions SET packed_body = NULL WHERE id = ?').run(known.id);
    return known.id;
  }
  // The kitchen reads the cart: a version that changed only the status, times or fees prints the same
  // ticket, so the jobs of the version it replaces now print this one and no second body is kept.
  if (previous && sameCart) {
    statement(db, 'UPDATE order_versions SET digest = ? WHERE id = ?').run(digest, previous.id);
    return previous.id;
  }
  return insertVersion(db, order.id, digest);
}

/** The current version's row: its body is the order's own (NULL here). */
function insertVersion(db: Db, orderId: number, digest: string): number {
  return Number(statement(db, 'INSERT INTO order_versions (order_id, digest) VALUES (?, ?)').run(orderId, digest).lastInsertRowid);
}

/** The orders row: inserted, or updated with first_seen_at kept. */
function writeOrderRow(db: Db, order: OrderWrite, bodyText: string): void {
  statement(db,
    `INSERT INTO orders (id, brand_id, branch_id, short_id, status, updated_at, created_at, cart_hash, packed_body,
                         first_seen_at, last_event_at)
     VALUES (@id, @brandId, @branchId, @shortId, @status, @updatedAt, @createdAt, @cartHash, @packedBody, @seenAt, @seenAt)
     ON CONFLICT (id) DO UPDATE SET
       brand_id = excluded.brand_id, branch_id = excluded.branch_id, short_id = excluded.short_id,
       status = excluded.status, updated_at = excluded.updated_at, created_at = excluded.created_at,
       cart_hash = excluded.cart_hash, packed_body = excluded.packed_body, last_event_at = excluded.last_event_at`,
  ).run({
    id: order.id,
    brandId: order.brandId,
    branchId: order.branchId,
    shortId: order.shortId,
    status: order.status,
    updatedAt: order.updatedAt,
    createdAt: order.createdAt,
    cartHash: order.cartHash,
    packedBody: packOrderBody(bodyText),
    seenAt: order.seenAt,
  });
}

/**
 * The current version is being replaced by one with another cart: its body moves into its own row
 * when a print job prints it (or marks changes against it); a version no job uses leaves no trace.
 */
function retire(db: Db, orderId: number, versionId: number): void {
  const used = statement(db,
    'SELECT 1 FROM print_jobs WHERE order_id = ? AND (order_version_id = ? OR previous_version_id = ?) LIMIT 1',
  ).get(orderId, versionId, versionId);
  if (used) statement(db, 'UPDATE order_versions SET packed_body = (SELECT packed_body FROM orders WHERE id = ?) WHERE id = ?').run(orderId, versionId);
  else statement(db, 'DELETE FROM order_versions WHERE id = ?').run(versionId);
}

/** What ingest compares an incoming version with: the stored order without its body. */
export type OrderHead = { status: number; updatedAt: string; cartHash: string };

export function getOrderHead(db: Db, id: number): OrderHead | undefined {
  return statement(db, 'SELECT status, updated_at AS updatedAt, cart_hash AS cartHash FROM orders WHERE id = ?').get(id) as OrderHead | undefined;
}

/** An event about the order arrived without changing it (stale or same version). */
export function touchOrder(db: Db, id: number, seenAt: string): void {
  statement(db, 'UPDATE orders SET last_event_at = ? WHERE id = ?').run(seenAt, id);
}

export function getOrder(db: Db, id: number): OrderRecord | undefined {
  const row = statement(db, 'SELECT * FROM orders WHERE id = ?').get(id) as OrderRow | undefined;
  if (!row) return undefined;
  return {
    id: row.id,
    brandId: row.brand_id,
    branchId: row.branch_id,
    shortId: row.short_id,
    status: row.status,
    updatedAt: row.updated_at,
    createdAt: row.created_at,
    cartHash: row.cart_hash,
    body: parsePackedBody(row.packed_body),
    firstSeenAt: row.first_seen_at,
    lastEventAt: row.last_event_at,
    acknowledgedAt: row.acknowledged_at,
  };
}

/** Staff saw the order. Returns false when the order is unknown; a second call keeps the first time. */
export function acknowledgeOrder(db: Db, id: number, nowIso: string): boolean {
  const result = statement(db, 'UPDATE orders SET acknowledged_at = COALESCE(acknowledged_at, ?) WHERE id = ?').run(
    nowIso,
    id,
  );
  return result.changes === 1;
}

/** What the queue window shows per order. */
export type OrderSummary = {
  id: number;
  shortId: string;
  brandId: number | null;
  branchId: number | null;
  status: number;
  updatedAt: string;
  createdAt: string | null;
  firstSeenAt: string;
  acknowledgedAt: string | null;
  providerId: number | null;
  type: number | null;
  tableNo: string;
  orderQueue: number | null;
  /** Print jobs of the order, counted by state. */
  jobs: Partial<Record<JobState, number>>;
};

/** Keyset paging: pass the last summary of a page to get the next one. */
export type OrderCursor = { firstSeenAt: string; id: number };

type SummaryRow = {
  id: number;
  short_id: string;
  brand_id: number | null;
  branch_id: number | null;
  status: number;
  updated_at: string;
  created_at: string | null;
  first_seen_at: string;
  acknowledged_at: string | null;
  packed_body: Uint8Array;
};

/** The fields of the body the queue window lists; anything else reads as absent. */
type BodyFields = { provider_id?: unknown; type?: unknown; table_no?: unknown; order_queue?: unknown };

/** Newest first (by first sight). */
export function listRecentOrders(db: Db, { limit, before }: { limit: number; before?: OrderCursor }): OrderSummary[] {
  const rows = statement(db,
    `SELECT id, short_id, brand_id, branch_id, status, updated_at, created_at, first_seen_at, acknowledged_at, packed_body
     FROM orders
     WHERE @beforeAt IS NULL OR first_seen_at < @beforeAt OR (first_seen_at = @beforeAt AND id < @beforeId)
     ORDER BY first_seen_at DESC, id DESC
     LIMIT @limit`,
  ).all({ beforeAt: before?.firstSeenAt ?? null, beforeId: before?.id ?? null, limit }) as SummaryRow[];
  const jobs = jobCountsFor(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const body = (parsePackedBody(r.packed_body) ?? {}) as BodyFields;
    return {
      id: r.id,
      shortId: r.short_id,
      brandId: r.brand_id,
      branchId: r.branch_id,
      status: r.status,
      updatedAt: r.updated_at,
      createdAt: r.created_at,
      firstSeenAt: r.first_seen_at,
      acknowledgedAt: r.acknowledged_at,
      providerId: typeof body.provider_id === 'number' ? body.provider_id : null,
      type: typeof body.type === 'number' ? body.type : null,
      tableNo: typeof body.table_no === 'string' || typeof body.table_no === 'number' ? String(body.table_no) : '',
      orderQueue: typeof body.order_queue === 'number' ? body.order_queue : null,
      jobs: jobs.get(r.id) ?? {},
    };
  });
}

function jobCountsFor(db: Db, orderIds: number[]): Map<number, Partial<Record<JobState, number>>> {
  const counts = new Map<number, Partial<Record<JobState, number>>>();
  if (orderIds.length === 0) return counts;
  const rows = statement(db,
    `SELECT order_id, state, COUNT(*) AS n FROM print_jobs
     WHERE order_id IN (SELECT value FROM json_each(?)) GROUP BY order_id, state`,
  ).all(JSON.stringify(orderIds)) as { order_id: number; state: JobState; n: number }[];
  for (const row of rows) {
    const entry = counts.get(row.order_id) ?? {};
    entry[row.state] = row.n;
    counts.set(row.order_id, entry);
  }
  return counts;
}
