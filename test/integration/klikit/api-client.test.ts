import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKlikitApi, type ApiResult, type KlikitApiOptions } from '../../../main/klikit/api-client.js';
import type { Clock } from '../../../ground/clock.js';
import { startSimulator, type Simulator } from '../../../dev/simulator/simulator.js';

const START = Date.parse('2026-06-25T09:00:00Z');
const FROM = '2026-06-25T00:00:00Z';
const TO = '2026-06-27T00:00:00Z';

let sim: Simulator;
let sleeps: number[];

const minuteClock = (): Clock => {
  let t = START;
  return { now: () => (t += 60_000) };
};

async function start(extra: { errorCodeStyle?: 'snake' | 'legacy' } = {}) {
  sim = await startSimulator({ seed: 11, clock: minuteClock(), webhookSecret: 'whsec', partnerKey: 'pk', secretKey: 'sk', branchIds: [1293, 1294], brandIds: [5297, 5301], ...extra });
}

function api(overrides: Partial<KlikitApiOptions> = {}) {
  return createKlikitApi({
    baseUrl: sim.apiBaseUrl,
    partnerKey: 'pk',
    secretKey: 'sk',
    clock: { now: () => START },
    random: () => 0.5,
    sleep: async (ms) => void sleeps.push(ms),
    ...overrides,
  });
}

const failure = <T>(r: ApiResult<T>) => {
  if (r.ok) throw new Error('expected a failure');
  return r;
};

beforeEach(() => {
  sleeps = [];
});
afterEach(async () => {
  await sim?.close();
});

describe('klikit orders API client against the simulator', () => {
  beforeEach(() => start());

  it('pages through 250 orders', async () => {
    const ids = Array.from({ length: 250 }, () => sim.scenarios.silent().id);
    const before = sim.apiRequests();
    const result = await api({ pageSize: 40 }).listAllOrders({ from: FROM, to: TO });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.map((o) => (o as { id: number }).id).sort((a, b) => a - b)).toEqual(ids);
    expect(result.requestId).toMatch(/^req_/);
    expect(sim.apiRequests() - before).toBe(Math.ceil(250 / 40));
  });

  it('passes branch and brand filters and returns the raw order from getOrder', async () => {
    const orders = Array.from({ length: 30 }, () => sim.scenarios.silent());
    const page = await api().listOrders({ from: FROM, to: TO, branchId: 1294, brandId: 5301, size: 100 });
    if (!page.ok) throw new Error(page.message);
    const expected = orders.filter((o) => o.branch_id === 1294 && o.brands.some((b) => b.id === 5301)).map((o) => o.id);
    expect(page.value.orders.map((o) => (o as { id: number }).id)).toEqual(expected);
    expect(page.value.total).toBe(expected.length);

    const target = orders[3]!;
    const one = await api().getOrder(target.id);
    expect(one).toMatchObject({ ok: true, value: JSON.parse(JSON.stringify(target)) });
  });

  it('maps 401 to unauthorized without retrying, with the request_id', async () => {
    sim.scenarios.silent();
    sim.faults.set('unauthorized');
    const before = sim.apiRequests();
    const r = failure(await api().listAllOrders({ from: FROM, to: TO }));
    expect(r).toMatchObject({ kind: 'unauthorized', status: 401, code: 'auth_invalid_credential' });
    expect(r.requestId).toMatch(/^req_/);
    expect(r.message).toContain(r.requestId);
    expect(sleeps).toEqual([]);
    expect(sim.apiRequests() - before).toBe(1);
  });

  it('rejects wrong credentials as unauthorized and never retries 403', async () => {
    expect(failure(await api({ secretKey: 'wrong' }).getOrder(1))).toMatchObject({ kind: 'unauthorized', status: 401 });
    sim.faults.set('forbidden');
    expect(failure(await api().getOrder(1))).toMatchObject({ kind: 'forbidden', status: 403, code: 'auth_revoked' });
    expect(sleeps).toEqual([]);
  });

  it('honours Retry-After on 429, capped at 30 s', async () => {
    const order = sim.scenarios.silent();
    sim.faults.set('rate-limited', { times: 2, retryAfterSeconds: 7 });
    expect(await api().getOrder(order.id)).toMatchObject({ ok: true });
    expect(sleeps).toEqual([7000, 7000]);

    sleeps = [];
    sim.faults.set('rate-limited', { times: 1, retryAfterSeconds: 120 });
    expect(await api().getOrder(order.id)).toMatchObject({ ok: true });
    expect(sleeps).toEqual([30_000]);
  });

  it('gives up on a persistent 429 with retryAfterMs for the caller', async () => {
    sim.faults.set('rate-limited', { retryAfterSeconds: 3 });
    const r = failure(await api({ maxRetries: 2 }).getOrder(1));
    expect(r).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 3000 });
    expect(r.requestId).toMatch(/^req_/);
    expect(sleeps).toEqual([3000, 3000]);
  });

  it('retries 502 with jittered exponential backoff, then gives up', async () => {
    sim.faults.set('bad-gateway');
    const before = sim.apiRequests();
    const r = failure(await api({ maxRetries: 3 }).listOrders({ from: FROM, to: TO }));
    expect(r).toMatchObject({ kind: 'server', status: 502, code: 'downstream_unavailable' });
    expect(r.requestId).toMatch(/^req_/);
    // random() = 0.5 takes half of each ceiling: 500, 1000, 2000 ms.
    expect(sleeps).toEqual([250, 500, 1000]);
    expect(sim.apiRequests() - before).toBe(4);
  });

  it('recovers when 502s stop before the retries run out', async () => {
    sim.faults.set('bad-gateway', { times: 2 });
    expect(await api().listOrders({ from: FROM, to: TO })).toMatchObject({ ok: true });
    expect(sleeps).toHaveLength(2);
  });

  it('times out on a server that never answers, within timeoutMs', async () => {
    sim.faults.set('hang');
    const started = Date.now();
    const r = failure(await api({ timeoutMs: 300, maxRetries: 1 }).getOrder(1));
    expect(r.kind).toBe('timeout');
    expect(sleeps).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2 * 300 + 1500);
  });

  it('reports 404 and a bad range as values carrying the request_id', async () => {
    const missing = failure(await api().getOrder(999));
    expect(missing).toMatchObject({ kind: 'not-found', status: 404, code: 'resource_not_found' });
    expect(missing.requestId).toMatch(/^req_/);
    const range = failure(await api().listOrders({ from: '2026-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z' }));
    expect(range).toMatchObject({ kind: 'invalid', status: 400, code: 'request_invalid_range' });
    expect(range.requestId).toMatch(/^req_/);
    expect(sleeps).toEqual([]);
  });

  it('reports an unreachable server as a network failure', async () => {
    const url = sim.apiBaseUrl;
    await sim.close();
    const r = failure(await api({ baseUrl: url, maxRetries: 0 }).getOrder(1));
    expect(r.kind).toBe('network');
  });
});

describe('klikit error codes in the legacy spelling', () => {
  beforeEach(() => start({ errorCodeStyle: 'legacy' }));

  it('still branches on the HTTP status', async () => {
    sim.faults.set('unauthorized', { times: 1 });
    expect(failure(await api().getOrder(1))).toMatchObject({ kind: 'unauthorized', code: 'INVALID_CREDENTIALS' });
  });
});
