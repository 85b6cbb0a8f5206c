import type { Logger } from 'pino';
import type { RelayStore } from '../relay-store.js';
export function openPostgresStore(_url: string, _options?: { poolSize?: number; logger?: Logger }): Promise<RelayStore> {
  throw new Error('stub');
}
