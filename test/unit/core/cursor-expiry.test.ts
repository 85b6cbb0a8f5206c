import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { createCursorExpiryHandler, missingOrdersWarning } from '../../../main/core/cursor-expiry.js';
import { createConnectionState } from '../../../main/core/connection-state.js';
import type { CycleOutcome, Poller } from '../../../main/poller/poller.js';
import { waitFor } from '../../helpers/wait.js';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const HOUR = 3_600_000;
const clock = { now: () => NOW };

function fakePoller(outcome: CycleOutcome): { poller: Poller; requests: () => number } {
  let requests = 0;
  const poller: Poller = {
    start: () => undefined,
    stop: async () => undefined,
    wake: () => undefined,
    pollOnce: async () => outcome,
    reconcileNow: async () => (requests++, outcome),
  };
  return { poller, requests: () => requests };
}

function setup(poller: Poller | undefined, lastRelayEventAt: string | null) {
  const logs: Array<{ msg: string; from?: string; to?: string }> = [];
  const connection = createConnectionState(clock);
  const handle = createCursorExpiryHandler({
    clock,
    logger: pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line) as { msg: string }) }),
    connection,
    poller: () => poller,
    pollWindowMs: 24 * HOUR,
    timeZone: 'UTC',
    lastRelayEventAt: () => lastRelayEventAt,
  });
  return { handle, connection, logs };
}

describe('a relay cursor expiry', () => {
  it('words the warning as staff read it, with or without a known start', () => {
    expect(missingOrdersWarning('2026-12-01T08:05:00Z', '2026-12-01T10:00:00Z', 'UTC')).toBe(
      'Orders from Tue 1 Dec 08:05 to Tue 1 Dec 10:00 may be missing from this screen: check the aggregator tablets',
    );
    expect(missingOrdersWarning(null, '2026-12-01T10:00:00Z', 'Asia/Jakarta')).toBe(
      'Orders before Tue 1 Dec 17:00 may be missing from this screen: check the aggregator tablets',
    );
  });

  it('without a fallback, logs the gap and shows the warning', () => {
    const { handle, connection, logs } = setup(undefined, '2026-12-01T08:05:00Z');
    handle('cursor expired');
    expect(connection.get().warning).toBe('Orders from Tue 1 Dec 08:05 to Tue 1 Dec 10:00 may be missing from this screen: check the aggregator tablets');
    expect(logs[0]).toMatchObject({ from: '2026-12-01T08:05:00Z', to: '2026-12-01T10:00:00.000Z' });
    expect(logs[0]!.msg).toContain('2026-12-01T08:05:00Z to 2026-12-01T10:00:00.000Z');
  });

  it('with a fallback, reconciles now and shows no warning when the poll window covers the gap', async () => {
    const fake = fakePoller({ ok: true, fed: 2 });
    const { handle, connection, logs } = setup(fake.poller, '2026-12-01T08:05:00Z');
    handle('cursor expired');
    await waitFor('the catch-up', () => logs.some((l) => l.msg.startsWith('klikit catch-up')));
    expect(fake.requests()).toBe(1);
    expect(connection.get().warning).toBeNull();
  });

  it('with a fallback, warns of what lies beyond the poll window', async () => {
    const fake = fakePoller({ ok: true, fed: 0 });
    const { handle, connection } = setup(fake.poller, '2026-11-20T08:05:00Z');
    handle('cursor expired');
    await waitFor('the warning', () => connection.get().warning);
    expect(connection.get().warning).toBe('Orders from Fri 20 Nov 08:05 to Mon 30 Nov 10:00 may be missing from this screen: check the aggregator tablets');
  });

  it('with a failing fallback, warns of the whole gap', async () => {
    const fake = fakePoller({ ok: false, kind: 'transient', detail: 'HTTP 502' });
    const { handle, connection } = setup(fake.poller, '2026-12-01T08:05:00Z');
    handle('cursor expired');
    await waitFor('the warning', () => connection.get().warning);
    expect(connection.get().warning).toMatch(/^Orders from Tue 1 Dec 08:05 to Tue 1 Dec 10:00 may be missing/);
  });
});
