import type { Statement } from 'better-sqlite3';
import type { Db } from './connection.js';

// Preparing a statement costs about as much as running it, and ingest runs a dozen per event. Each
// connection gets its own cache, held weakly so that it lives and dies with the connection it
// belongs to: no state outlives or crosses a Db.
const caches = new WeakMap<Db, Map<string, Statement>>();

/** `db.prepare(sql)`, prepared once per connection. */
export function statement(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}
