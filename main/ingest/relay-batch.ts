import type { Db } from '../store/connection.js';
import { relayCursor, type IncomingEvent, type IngestResult } from './ingest.js';

/**
 * Returns the function that commits consecutive relay events in one transaction (a burst costs one
 * fsync, not one each: `Ingest.batch`) and says whether the last one may be acked, i.e. is durably
 * behind the relay cursor. The batch stops at the first event whose storage failed: acks are
 * cumulative, so committing a later event would move the cursor past the failed one and the relay
 * would delete an event never applied.
 */
export function createRelayBatchCommit(db: Db, ingestBatch: (events: readonly IncomingEvent[]) => IngestResult[]): (events: IncomingEvent[]) => boolean {
  return (events) => {
    if (events.length === 0) return true;
    ingestBatch(events);
    return relayCursor(db) >= events.at(-1)!.seq!;
  };
}
