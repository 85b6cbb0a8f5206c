import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrderGenerator } from '../../../dev/simulator/order-generator.js';
import { openDatabase, schemaVersion, type Db } from '../../../main/store/connection.js';
import { MIGRATIONS } from '../../../main/store/migrations.js';
import { PACKED_BODY_VERSION, packOrderBody, unpackOrderBody } from '../../../main/store/order-body.js';
import { bodyDigest, getOrder, listRecentOrders, upsertOrder } from '../../../main/store/orders.js';
import { enqueueReprint, getJob, headJobFor } from '../../../main/store/print-jobs.js';
import { klikitFixtureNames, readKlikitFixture } from '../../helpers/fixtures.js';

// Migration PACKED_BODY_VERSION packs every stored body. A file holding real klikit bodies (the shared
// fixtures and simulated carts, with text in several scripts) is migrated and every order, and every
// older version a print job still prints, reads back as exactly the text it was: digests stay true.

let dir: string;
const opened: Db[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'packed-body-'));
});
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const AT = '2026-06-25T10:00:00.000Z';

/** Real klikit orders: every order in the shared fixtures, and simulated carts with fixture fields. */
function realBodies(): Record<string, unknown>[] {
  const fromFixtures = klikitFixtureNames().flatMap((name) => {
    const fixture = readKlikitFixture(name) as { orders?: Record<string, unknown>[]; data?: Record<string, unknown> };
    return fixture.orders ?? (fixture.data ? [fixture.data] : []);
  }).map((order, n) => ({ ...order, id: 70_000_001 + n }));
  const generator = createOrderGenerator({ seed: 11, clock: { now: () => Date.parse(AT) }, branchIds: [1293], brandIds: [5297, 5301], firstOrderId: 90_000_001 });
  const simulated = Array.from({ length: 200 }, () => ({ ...fromFixtures[0], ...generator.next() }) as Record<string, unknown>);
  const scripts = { ...fromFixtures[0], id: 90_100_001, order_comment: 'Tanpa bawang 🧅, không hành, 不要洋葱, بدون بصل, \u0000 и "кавычки" \\ end' };
  return [...fromFixtures, ...simulated, scripts];
}

function fileBeforePacking(): { path: string; texts: Map<number, string>; older: { id: number; text: string } } {
  const path = join(dir, 'bridge.db');
  const raw = new Database(path);
  for (let v = 1; v < PACKED_BODY_VERSION; v++) {
    MIGRATIONS[v - 1]!(raw);
    raw.pragma(`user_version = ${v}`);
  }
  const texts = new Map<number, string>();
  const order = raw.prepare(
    `INSERT INTO orders (id, short_id, status, updated_at, cart_hash, body, first_seen_at, last_event_at) VALUES (?, '', 2, ?, 'h', ?, ?, ?)`,
  );
  const current = raw.prepare('INSERT INTO order_versions (order_id, digest, body) VALUES (?, ?, NULL) RETURNING id');
  const versionIds = new Map<number, number>();
  realBodies().forEach((body, n) => {
    const id = body.id as number;
    const text = JSON.stringify(body);
    const seen = new Date(Date.parse(AT) + n * 1000).toISOString();
    order.run(id, AT, text, seen, seen);
    versionIds.set(id, (current.get(id, bodyDigest(text)) as { id: number }).id);
    texts.set(id, text);
  });
  // An order edited after its ticket printed: the older version keeps its own body for the update ticket.
  const [editedId, editedText] = [...texts].at(-2)!;
  const olderText = JSON.stringify({ ...(JSON.parse(editedText) as object), cart_v2: [{ name: 'Soto Ayam', quantity: 1 }] });
  const olderId = (raw.prepare('INSERT INTO order_versions (order_id, digest, body) VALUES (?, ?, ?) RETURNING id').get(editedId, bodyDigest(olderText), olderText) as { id: number }).id;
  raw.prepare(
    `INSERT INTO print_jobs (order_id, printer_id, kind, version, state, payload, order_version_id, previous_version_id, created_at, updated_at)
     VALUES (?, 'kitchen', 'update', 'v2', 'queued', '{}', ?, ?, ?, ?)`,
  ).run(editedId, versionIds.get(editedId), olderId, AT, AT);
  raw.close();
  return { path, texts, older: { id: editedId, text: olderText } };
}

describe('packed order bodies', () => {
  it('packs to the text it was given, byte for byte, and klikit bodies to less than a third', () => {
    let [textBytes, packedBytes] = [0, 0];
    for (const body of realBodies()) {
      const text = JSON.stringify(body);
      const packed = packOrderBody(text);
      expect(unpackOrderBody(packed)).toBe(text);
      textBytes += Buffer.byteLength(text);
      packedBytes += packed.length;
    }
    expect(packedBytes).toBeLessThan(textBytes / 3);
    for (const text of ['', '{}', 'not even json', '"\u2028 🍜"']) expect(unpackOrderBody(packOrderBody(text))).toBe(text);
  });

  it('refuses a body packed in a way this build does not know, saying so', () => {
    const packed = packOrderBody('{}');
    packed[0] = 9;
    expect(() => unpackOrderBody(packed)).toThrow(/unknown way \(format 9\).*newer kitchen bridge/);
  });

  it(`migrates a file at version ${PACKED_BODY_VERSION - 1} holding real orders: every body reads back unchanged`, () => {
    const { path, texts, older } = fileBeforePacking();
    const db = openDatabase(path);
    opened.push(db);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    const columns = (table: string) => (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('orders')).not.toContain('body');
    expect(columns('order_versions')).not.toContain('body');

    expect(texts.size).toBeGreaterThan(200);
    for (const [id, text] of texts) {
      const stored = db.prepare('SELECT packed_body FROM orders WHERE id = ?').get(id) as { packed_body: Buffer };
      expect(unpackOrderBody(stored.packed_body)).toBe(text);
      expect(getOrder(db, id)?.body).toEqual(JSON.parse(text));
    }
    // Each current version is still known by the digest of the text it unpacks to.
    const digests = db.prepare('SELECT o.packed_body, v.digest FROM orders o JOIN order_versions v ON v.order_id = o.id AND v.packed_body IS NULL').all() as { packed_body: Buffer; digest: string }[];
    expect(digests).toHaveLength(texts.size);
    for (const row of digests) expect(row.digest).toBe(createHash('sha256').update(unpackOrderBody(row.packed_body), 'utf8').digest('hex'));

    // The queued update ticket prints the order's current body against the older one.
    expect(headJobFor(db, 'kitchen')).toMatchObject({ kind: 'update', payload: { order: JSON.parse(texts.get(older.id)!), previous: JSON.parse(older.text) } });
    const reprint = enqueueReprint(db, older.id, 'bar', AT)!;
    expect(getJob(db, reprint)?.payload).toEqual({ order: JSON.parse(texts.get(older.id)!) });
    expect(listRecentOrders(db, { limit: texts.size }).map((o) => o.id).sort()).toEqual([...texts.keys()].sort());
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Rebuilt, not shrunk in place: the orders share pages again (before, each took a page of its own).
    const { pages } = db.prepare(`SELECT COUNT(*) AS pages FROM dbstat WHERE name = 'orders'`).get() as { pages: number };
    expect(pages).toBeLessThan(texts.size / 3);
  });

  it('keeps an older version packed when its order changes cart after the migration', () => {
    const { path, texts } = fileBeforePacking();
    const db = openDatabase(path);
    opened.push(db);
    const [id, text] = [...texts][0]!;
    db.prepare(
      `INSERT INTO print_jobs (order_id, printer_id, kind, version, state, payload, order_version_id, created_at, updated_at)
       SELECT ?, 'bar', 'new', 'v1', 'sent', '{}', id, ?, ? FROM order_versions WHERE order_id = ? AND packed_body IS NULL`,
    ).run(id, AT, AT, id);
    const next = { ...(JSON.parse(text) as object), cart_v2: [{ name: 'Es Teh', quantity: 2 }] };
    upsertOrder(db, { id, brandId: null, branchId: null, shortId: '', status: 2, updatedAt: AT, createdAt: null, cartHash: 'h2', body: next, seenAt: AT });
    expect(getOrder(db, id)?.body).toEqual(next);
    const older = db.prepare('SELECT packed_body FROM order_versions WHERE order_id = ? AND packed_body IS NOT NULL').all(id) as { packed_body: Buffer }[];
    expect(older.map((r) => unpackOrderBody(r.packed_body))).toEqual([text]);
  });
});
