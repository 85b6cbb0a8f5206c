import { afterEach, beforeEach, describe, it } from 'vitest';
import pino from 'pino';
import { Pruner } from '../../../relay/housekeeping/pruner.js';
import { SqliteRelayStore } from '../../../relay/store/sqlite-store.js';
import { relayEvent as event } from '../../helpers/relay-events.js';
import { waitFor } from '../../helpers/wait.js';
import { tempDir } from './helpers.js';

const YEAR_MS = 365 * 24 * 3600_000;
const RETENTION_MS = 1000;

describe('relay pruner', () => {
  let data: ReturnType<typeof tempDir>;
  let store: SqliteRelayStore;
  let pruner: Pruner | undefined;
  beforeEach(() => {
    data = tempDir();
    store = SqliteRelayStore.open(data.dir);
  });
  afterEach(async () => {
    await pruner?.stop();
    await store.close();
    data.remove();
  });

  it('keeps pruning after the clock jumped a year ahead and was set right: the events stamped ahead go once real time passes them', async () => {
    const clock = { now: () => 1150 };
    const logger = pino({ level: 'silent' });
    await store.appendEvent(event(1, 7, 100));
    // Received while the host clock ran a year ahead; their received_at is delivered as is.
    await store.appendEvent(event(2, 7, 200 + YEAR_MS));
    await store.appendEvent(event(3, 7, 250 + YEAR_MS));
    // The clock is set right.
    await store.appendEvent(event(4, 7, 300));
    const seqs = async () => (await store.readAfter([7], 0, 10)).map((e) => e.seq).join();
    pruner = new Pruner({
      store, clock, logger, retentionMs: RETENTION_MS, tombstoneRetentionMs: 4 * RETENTION_MS, cursorExpiryMs: 4 * RETENTION_MS,
      quarantineMaxRows: 10, batchRows: 1, intervalMs: 10,
    });
    await waitFor('the event past retention pruned', async () => (await seqs()) === '2,3,4');
    clock.now = () => 1150 + RETENTION_MS;
    await waitFor('the event after those stamped ahead pruned past its retention', async () => (await seqs()) === '2,3');
    clock.now = () => 250 + YEAR_MS + RETENTION_MS + 1;
    await waitFor('the events stamped ahead pruned once real time passed them', async () => (await seqs()) === '');
  });
});
