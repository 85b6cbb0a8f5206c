import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../main/store/connection.js';
import { EVENT_HASH_BYTES_VERSION, eventBodySha256, getEvent, hasEvent, recordEvent } from '../../../main/store/events.js';
import { MIGRATIONS } from '../../../main/store/migrations.js';
import { migratedTo } from './temp-db.js';

// Migration EVENT_HASH_BYTES_VERSION keeps each event's body hash as bytes: the events recorded before
// still dedupe exactly as they did (same id and body: a duplicate; same id, other body: a new event;
// a row from before bodies were hashed: its id alone).

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'event-hash-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const AT = '2026-06-25T10:00:00.000Z';
const event = (eventId: string, seq: number) =>
  ({ eventId, source: 'relay', seq, eventType: 'klikit.order.created.v2', receivedAt: AT, outcome: 'applied', detail: '' }) as const;

describe('event body hashes as bytes', () => {
  it(`migrates the events of a file at version ${EVENT_HASH_BYTES_VERSION - 1}: each still dedupes by its id and body`, () => {
    const path = join(dir, 'bridge.db');
    const raw = migratedTo(path, EVENT_HASH_BYTES_VERSION - 1);
    const insert = raw.prepare(
      `INSERT INTO events (event_id, body_sha256, source, seq, event_type, received_at, outcome, detail) VALUES (?, ?, 'relay', ?, 'klikit.order.created.v2', ?, 'applied', '')`,
    );
    const hashes = Array.from({ length: 50 }, (_, n) => eventBodySha256(`{"orders":[${n}]}`));
    hashes.forEach((hash, n) => insert.run(`evt-${n}`, hash, n + 1, AT));
    insert.run('evt-unhashed', null, 51, AT);
    raw.close();

    const db = openDatabase(path);
    try {
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
      expect(db.prepare(`SELECT type FROM pragma_table_info('events') WHERE name = 'body_sha256'`).get()).toEqual({ type: 'BLOB' });
      expect(db.prepare('SELECT COUNT(*) AS n FROM events WHERE length(body_sha256) = 32').get()).toEqual({ n: 50 });
      hashes.forEach((hash, n) => {
        expect(getEvent(db, `evt-${n}`)?.bodySha256).toBe(hash);
        expect(hasEvent(db, `evt-${n}`, hash)).toBe(true);
        expect(hasEvent(db, `evt-${n}`, hashes[(n + 1) % hashes.length])).toBe(false);
        expect(recordEvent(db, { ...event(`evt-${n}`, 100 + n), bodySha256: hash })).toBe(false);
      });
      expect(recordEvent(db, { ...event('evt-0', 200), bodySha256: hashes[1]! })).toBe(true);
      expect(getEvent(db, 'evt-unhashed')?.bodySha256).toBeNull();
      expect(hasEvent(db, 'evt-unhashed', hashes[0])).toBe(true);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });

  it('refuses a hash that is not a sha256 in hex rather than storing a shorter one', () => {
    const db = openDatabase(join(dir, 'new.db'));
    try {
      expect(() => recordEvent(db, { ...event('evt-1', 1), bodySha256: 'sha-1' })).toThrow(/sha256 in lowercase hex/);
      expect(() => hasEvent(db, 'evt-1', 'ABC')).toThrow(/sha256 in lowercase hex/);
    } finally {
      db.close();
    }
  });
});
