import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SettledHorizon } from '../../../relay/store/postgres/settled-horizon.js';

/** A pool answering every horizon round with seq 5 handed out and transaction 7 still running. */
function stuckPool(): { pool: pg.Pool; rounds: () => number } {
  let rounds = 0;
  const query = () => {
    rounds++;
    return Promise.resolve([{ rows: [{ last_value: 5, is_called: true }] }, { rows: [{ xid: '7' }] }]);
  };
  return { pool: { query } as unknown as pg.Pool, rounds: () => rounds };
}

describe('settled horizon rounds for held notices', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('are no closer than the append round trip the store reports', async () => {
    const { pool, rounds } = stuckPool();
    const horizon = new SettledHorizon(pool, { onSettled: () => undefined, onError: () => undefined, pace: () => 40 });
    horizon.hold({ seq: 3, branchId: 1 });
    await vi.advanceTimersByTimeAsync(1);
    expect(rounds()).toBe(1);
    await vi.advanceTimersByTimeAsync(38);
    expect(rounds()).toBe(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(rounds()).toBe(2);
    horizon.close();
  });

  /** Rounds a held notice has had after `ms`, with appends taking `paceMs` to commit. */
  async function roundsAfter(paceMs: number, ms: number): Promise<number> {
    const { pool, rounds } = stuckPool();
    const horizon = new SettledHorizon(pool, { onSettled: () => undefined, onError: () => undefined, pace: () => paceMs });
    horizon.hold({ seq: 3, branchId: 1 });
    await vi.advanceTimersByTimeAsync(ms);
    horizon.close();
    return rounds();
  }

  it('keep the 5 ms spacing when appends commit faster, and never wait longer than 100 ms', async () => {
    expect(await roundsAfter(1, 6)).toBe(2);
    expect(await roundsAfter(2000, 101)).toBe(2);
  });
});
