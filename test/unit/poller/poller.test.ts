import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createPoller, type OrderIndex, type OrdersApi, type Poller } from '../../../main/poller/poller.js';
import { diffOrder } from '../../../main/poller/diff.js';
import { orderSchema } from '../../../main/klikit/schemas.js';
import type { ApiResult } from '../../../main/klikit/api-client.js';
import type { PollerStatus } from '../../../main/core/connection-state.js';
import { systemClock } from '../../../ground/clock.js';
import { waitFor } from '../../helpers/wait.js';

const rawOrder = (id: number, status = 1, updatedAt = '2026-06-25T09:14:11.000Z') => ({
  id,
  short_id: String(id % 1000),
  status,
  branch_id: 1293,
  brands: [{ id: 5297, title: 'Cimol' }],
  created_at: '2026-06-25T09:14:11.000Z',
  updated_at: updatedAt,
  cart_v2: [{ name: 'Cimol', quantity: 1 }],
});

const timing = { pollIntervalMs: 20, reconcileIntervalMs: 60_000, pollWindowMs: 86_400_000, apiBackoffBaseMs: 40, apiBackoffCapMs: 400 };

type Call = { what: 'list' | 'get'; at: number; arg: unknown };

function scriptedApi(answer: (call: Call, n: number) => ApiResult<unknown> | Promise<ApiResult<unknown>>) {
  const calls: Call[] = [];
  const api: OrdersApi = {
    async listAllOrders(query) {
      const call: Call = { what: 'list', at: Date.now(), arg: query };
      calls.push(call);
      return (await answer(call, calls.length)) as ApiResult<unknown[]>;
    },
    async getOrder(id) {
      const call: Call = { what: 'get', at: Date.now(), arg: id };
      calls.push(call);
      return answer(call, calls.length);
    },
  };
  return { api, calls };
}

let poller: Poller | undefined;
afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});

function start(api: OrdersApi, opts: { known?: OrderIndex; fallbackDueAt?: () => number | null } = {}) {
  const fed: { eventId: string; eventType: string; body: unknown }[] = [];
  const statuses: { status: PollerStatus; detail: string }[] = [];
  poller = createPoller({
    api,
    clock: systemClock,
    random: () => 0.5,
    logger: pino({ level: 'silent' }),
    timing,
    branchIds: [1293],
    orders: opts.known ?? { known: () => undefined, openOrderIds: () => [] },
    ingest: (e) => (fed.push(e), { outcome: 'applied' }),
    fallbackDueAt: opts.fallbackDueAt ?? (() => 0),
    onStatus: (status, detail) => statuses.push({ status, detail }),
  });
  poller.start();
  return { fed, statuses };
}

describe('diffOrder', () => {
  const order = orderSchema.parse(rawOrder(7, 2, '2026-06-25T09:20:00Z'));
  it('feeds an unseen order as created, a newer one as a status update, and nothing otherwise', () => {
    expect(diffOrder(order, undefined, 1293)).toMatchObject({
      eventId: 'poll:7:2026-06-25T09:20:00.000Z',
      eventType: 'klikit.order.created.v2',
      body: { brand_id: 5297, branch_id: 1293, orders: [{ id: 7 }] },
    });
    expect(diffOrder(order, { status: 1, updatedAt: '2026-06-25T09:14:11.000Z' }, 1293)?.eventType).toBe('klikit.order.status.updated');
    expect(diffOrder(order, { status: 2, updatedAt: '2026-06-25T09:20:00.000Z' }, 1293)).toBeNull();
    expect(diffOrder(order, { status: 3, updatedAt: '2026-06-25T09:30:00.000Z' }, 1293)).toBeNull();
  });
});

describe('poller', () => {
  it('feeds new and changed orders, refreshes open orders outside the window, and skips unreadable ones', async () => {
    const { api, calls } = scriptedApi((call) =>
      call.what === 'list'
        ? { ok: true, value: [rawOrder(1), rawOrder(2, 2, '2026-06-25T09:30:00Z'), rawOrder(3), { id: 'garbage' }] }
        : { ok: true, value: rawOrder(call.arg as number, 4, '2026-06-25T10:00:00Z') },
    );
    const known: OrderIndex = {
      known: (id) => (id === 2 ? { status: 1, updatedAt: '2026-06-25T09:14:11.000Z' } : id === 3 ? { status: 1, updatedAt: '2026-06-25T09:14:11.000Z' } : undefined),
      openOrderIds: () => [2, 3, 99],
    };
    const { fed, statuses } = start(api, { known });
    await waitFor('a cycle', () => statuses.length > 0);
    await poller!.stop();
    expect(calls.map((c) => c.what)).toEqual(['list', 'get']);
    expect(calls[1]!.arg).toBe(99);
    expect(calls[0]!.arg).toMatchObject({ branchId: 1293 });
    expect(fed.map((e) => [e.eventId, e.eventType])).toEqual([
      ['poll:1:2026-06-25T09:14:11.000Z', 'klikit.order.created.v2'],
      ['poll:2:2026-06-25T09:30:00.000Z', 'klikit.order.status.updated'],
      ['poll:99:2026-06-25T10:00:00.000Z', 'klikit.order.created.v2'],
    ]);
    expect(statuses[0]).toMatchObject({ status: 'ok', detail: 'polled klikit (3 changes)' });
  });

  it('does not poll while the relay is live, until the reconciliation is due', async () => {
    const { api, calls } = scriptedApi(() => ({ ok: true, value: [] }));
    let due: number | null = null;
    start(api, { fallbackDueAt: () => due });
    await expect(waitFor('a request', () => calls.length > 0, { timeoutMs: 200 })).rejects.toThrow(/timed out/);
    due = Date.now();
    poller!.wake();
    await waitFor('fallback polls', () => calls.length >= 3);
  });

  it('honours Retry-After on 429', async () => {
    const { api, calls } = scriptedApi((_c, n) =>
      n === 1 ? { ok: false, kind: 'rate-limited', status: 429, message: 'klikit answered 429 (request_id r-1)', requestId: 'r-1', retryAfterMs: 300 } : { ok: true, value: [] },
    );
    const { statuses } = start(api);
    await waitFor('second request', () => calls.length >= 2, { timeoutMs: 2_000 });
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(290);
    expect(statuses[0]).toMatchObject({ status: 'failing', detail: expect.stringContaining('request_id r-1') });
  });

  it('stops for good on 401 with state credentials-rejected', async () => {
    const { api, calls } = scriptedApi(() => ({ ok: false, kind: 'unauthorized', status: 401, message: 'klikit answered 401' }));
    const { statuses } = start(api);
    await waitFor('rejected', () => statuses.some((s) => s.status === 'credentials-rejected'));
    await expect(waitFor('another request', () => calls.length > 1, { timeoutMs: 200 })).rejects.toThrow(/timed out/);
    expect(calls).toHaveLength(1);
  });

  it('backs off on 502 instead of looping', async () => {
    const { api, calls } = scriptedApi(() => ({ ok: false, kind: 'server', status: 502, message: 'klikit answered 502' }));
    const { statuses } = start(api);
    await waitFor('four requests', () => calls.length >= 4, { timeoutMs: 3_000 });
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    // Base 40 ms doubling from the second failure, drawn from [ceiling/2, ceiling]: at least 20, 40, 80.
    expect(gaps[0]).toBeGreaterThanOrEqual(19);
    expect(gaps[2]).toBeGreaterThanOrEqual(79);
    expect(statuses.every((s) => s.status === 'failing')).toBe(true);
  });

  it('waits out a hanging API with a single request, and stops without waiting for it', async () => {
    const { api, calls } = scriptedApi(() => new Promise<never>(() => {}));
    start(api);
    await waitFor('the request', () => calls.length === 1);
    await expect(waitFor('another request', () => calls.length > 1, { timeoutMs: 200 })).rejects.toThrow(/timed out/);
    const before = Date.now();
    await poller!.stop();
    expect(Date.now() - before).toBeLessThan(1_000);
  });

  it('reconciles at once on request while the relay is live, over the whole poll window, and answers with the outcome', async () => {
    const { api, calls } = scriptedApi(() => ({ ok: true, value: [rawOrder(9)] }));
    const { fed } = start(api, { fallbackDueAt: () => null });
    const outcome = await poller!.reconcileNow();
    expect(outcome).toEqual({ ok: true, fed: 1 });
    expect(fed.map((e) => e.eventType)).toEqual(['klikit.order.created.v2']);
    const list = calls.find((c) => c.what === 'list')!.arg as { from: string; to: string };
    expect(Date.parse(list.to) - Date.parse(list.from)).toBe(timing.pollWindowMs + 60_000);
  });

  it('answers a reconcile request with the failure when klikit fails', async () => {
    const { api } = scriptedApi(() => ({ ok: false, kind: 'server', status: 502, message: 'HTTP 502' }));
    start(api, { fallbackDueAt: () => null });
    expect(await poller!.reconcileNow()).toMatchObject({ ok: false, kind: 'transient', detail: 'HTTP 502' });
  });
});
