import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../dev/simulator/simulator.js';
import type { SimOrder } from '../../../dev/simulator/order-generator.js';

const START = Date.parse('2026-06-25T09:00:00Z');
const AUTH = `Basic ${Buffer.from('pk:sk').toString('base64')}`;
const FROM = '2026-06-25T00:00:00Z';
const TO = '2026-06-26T00:00:00Z';

let sim: Simulator;
let orders: SimOrder[];

beforeEach(async () => {
  let t = START;
  sim = await startSimulator({ seed: 3, clock: { now: () => (t += 60_000) }, webhookSecret: 'w', partnerKey: 'pk', secretKey: 'sk', branchIds: [1293, 1294], brandIds: [5297, 5301, 5302] });
  orders = Array.from({ length: 60 }, () => sim.scenarios.silent());
});
afterEach(() => sim.close());

async function get(path: string, auth: string | null = AUTH) {
  const res = await fetch(`${sim.apiBaseUrl}${path}`, { headers: auth === null ? {} : { Authorization: auth }, signal: AbortSignal.timeout(5000) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { request_id: string; data?: { orders: SimOrder[]; page: number; size: number; total: number } & SimOrder; error?: { code: string; message: string } } };
}

const list = (query: Record<string, string | number>) => get(`/orders?${new URLSearchParams({ from: FROM, to: TO, ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) })}`);
const ids = (os: SimOrder[]) => os.map((o) => o.id);

describe('simulated partner API', () => {
  it('lists orders created in [from, to), sorted by created_at, paged 1-based', async () => {
    const first = await list({ size: 25 });
    expect(first.status).toBe(200);
    expect(first.body.request_id).toMatch(/^req_/);
    expect(first.body.data).toMatchObject({ page: 1, size: 25, total: 60 });
    expect(ids(first.body.data!.orders)).toEqual(ids(orders.slice(0, 25)));
    const third = await list({ size: 25, page: 3 });
    expect(ids(third.body.data!.orders)).toEqual(ids(orders.slice(50)));
    expect((await list({ size: 25, page: 4 })).body.data!.orders).toEqual([]);

    const from = orders[10]!.created_at;
    const to = orders[20]!.created_at;
    const window = await get(`/orders?${new URLSearchParams({ from, to, size: '100' })}`);
    expect(ids(window.body.data!.orders)).toEqual(ids(orders.slice(10, 20)));
  });

  it('filters by branch, brand (with branch), status and provider', async () => {
    const branch = await list({ branch_id: 1294, size: 100 });
    expect(ids(branch.body.data!.orders)).toEqual(ids(orders.filter((o) => o.branch_id === 1294)));
    const brand = await list({ branch_id: 1293, brand_id: 5301, size: 100 });
    expect(ids(brand.body.data!.orders)).toEqual(ids(orders.filter((o) => o.branch_id === 1293 && o.brands.some((b) => b.id === 5301))));
    const status = await list({ status: 6, size: 100 });
    expect(ids(status.body.data!.orders)).toEqual(ids(orders.filter((o) => o.status === 6)));
    const provider = await list({ provider_id: 6, size: 100 });
    expect(ids(provider.body.data!.orders)).toEqual(ids(orders.filter((o) => o.provider_id === 6)));
    expect(provider.body.data!.orders.length).toBeGreaterThan(0);
  });

  it('serves the latest version of an order, and 404 for an unknown one', async () => {
    const target = orders[5]!;
    const cancelled = sim.generator.withStatus(target, 3);
    sim.record.publish(cancelled);
    const one = await get(`/orders/${target.id}`);
    expect(one.status).toBe(200);
    expect(one.body.data).toEqual(JSON.parse(JSON.stringify(cancelled)));
    const missing = await get('/orders/1');
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'resource_not_found' } } });
    expect(missing.body.request_id).toMatch(/^req_/);
  });

  it('rejects a window over 90 days, brand_id without branch_id, and bad parameters', async () => {
    const range = await get(`/orders?from=2026-01-01T00:00:00Z&to=2026-04-02T00:00:00Z`);
    expect(range).toMatchObject({ status: 400, body: { error: { code: 'request_invalid_range' } } });
    expect((await get(`/orders?from=2026-01-01T00:00:00Z&to=2026-03-31T00:00:00Z`)).status).toBe(200);
    expect(await list({ brand_id: 5297 })).toMatchObject({ status: 400, body: { error: { code: 'request_invalid' } } });
    expect(await get('/orders?to=2026-01-01T00:00:00Z')).toMatchObject({ status: 400, body: { error: { code: 'request_invalid' } } });
    expect(await list({ page: 0 })).toMatchObject({ status: 400, body: { error: { code: 'request_invalid' } } });
  });

  it('requires HTTP Basic partner_key:secret_key', async () => {
    expect(await get('/orders/1', null)).toMatchObject({ status: 401, body: { error: { code: 'auth_missing' } } });
    const wrong = await get('/orders/1', `Basic ${Buffer.from('pk:nope').toString('base64')}`);
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'auth_invalid_credential' } } });
    expect(wrong.body.request_id).toMatch(/^req_/);
  });

  it('answers fault switches for the next N requests, then recovers', async () => {
    const id = orders[0]!.id;
    sim.faults.set('unauthorized', { times: 1 });
    expect((await get(`/orders/${id}`)).status).toBe(401);
    expect((await get(`/orders/${id}`)).status).toBe(200);

    sim.faults.set('forbidden', { times: 2 });
    expect((await get(`/orders/${id}`)).body.error?.code).toBe('auth_revoked');
    expect((await get(`/orders/${id}`)).status).toBe(403);
    expect((await get(`/orders/${id}`)).status).toBe(200);

    sim.faults.set('rate-limited', { times: 1, retryAfterSeconds: 9 });
    const limited = await get(`/orders/${id}`);
    expect(limited).toMatchObject({ status: 429, body: { error: { code: 'rate_limit_exceeded' } } });
    expect(limited.headers.get('retry-after')).toBe('9');

    sim.faults.set('bad-gateway');
    expect((await get(`/orders/${id}`)).status).toBe(502);
    expect((await get(`/orders/${id}`)).body.error?.code).toBe('downstream_unavailable');
    sim.faults.clear();
    expect((await get(`/orders/${id}`)).status).toBe(200);
  });

  it('hangs without answering while the hang switch is on', async () => {
    sim.faults.set('hang', { times: 1 });
    const hung = fetch(`${sim.apiBaseUrl}/orders/1`, { headers: { Authorization: AUTH }, signal: AbortSignal.timeout(200) });
    await expect(hung).rejects.toThrow(/timeout|aborted/i);
    expect((await get(`/orders/${orders[0]!.id}`)).status).toBe(200);
  });
});
