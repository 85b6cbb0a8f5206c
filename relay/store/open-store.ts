import type { Logger } from 'pino';
import type { RelayStore } from './relay-store.js';
import { SqliteRelayStore } from './sqlite-store.js';

/** Where a relay keeps its log: a data directory (SQLite, one relay) or a PostgreSQL URL (any number of nodes). */
export type StoreLocation = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string };

/** `postgres://…` or `postgresql://…` is a PostgreSQL store; anything else is a data directory. */
export function parseStoreLocation(text: string): StoreLocation {
  return /^postgres(ql)?:\/\//i.test(text) ? { kind: 'postgres', url: text } : { kind: 'sqlite', dataDir: text };
}

export async function openRelayStore(location: StoreLocation, options: { logger?: Logger; poolSize?: number } = {}): Promise<RelayStore> {
  if (location.kind === 'sqlite') return SqliteRelayStore.open(location.dataDir);
  // Loaded only here: a SQLite relay never loads node-postgres (its memory and start time are the relay's).
  const { openPostgresStore } = await import('./postgres/postgres-store.js');
  return openPostgresStore(location.url, options);
}
