import { describe, expect, it } from 'vitest';
import { createKlikitApi, type KlikitApiOptions } from '../../../main/klikit/api-client.js';
import { parseRetryAfter, retryDelayMs, DEFAULT_RETRY_POLICY } from '../../../main/klikit/retry.js';
import { readKlikitFixture } from '../../helpers/fixtures.js';

const NOW = Date.parse('2026-06-25T09:00:00Z');
const clock = { now: () => NOW };

function scripted(responses: (() => Response | Promise<Response>)[]) {
  const calls: { url: string; headers: Headers }[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), headers: new Headers(init?.headers) });
    const next = responses[Math.min(calls.length - 1, responses.length - 1)];
    if (!next) throw new Error('no scripted response');
    return next();
  }) as typeof fetch;
  return { calls, fetchImpl };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

function client(fetchImpl: typeof fetch, overrides: Partial<KlikitApiOptions> = {}) {
  const sleeps: number[] = [];
  const api = createKlikitApi({
    baseUrl: 'https://api.dev.shadowchef.co/v1/partner/',
    partnerKey: 'pk',
    secretKey: 'sk',
    clock,
    random: () => 1 - Number.EPSILON,
    fetch: fetchImpl,
    sleep: async (ms) => void sleeps.push(ms),
    ...overrides,
  });
  return { api, sleeps };
}

describe('klikit API client (scripted fetch)', () => {
  it('sends Basic auth to the base URL with the /v1/partner prefix and returns the raw order', async () => {
    const fixture = readKlikitFixture('get-order-71280866.response.json') as { request_id: string; data: unknown };
    const { calls, fetchImpl } = scripted([json(200, fixture)]);
    const result = await client(fetchImpl).api.getOrder(71280866);
    expect(calls[0]?.url).toBe('https://api.dev.shadowchef.co/v1/partner/orders/71280866');
    expect(calls[0]?.headers.get('authorization')).toBe(`Basic ${Buffer.from('pk:sk').toString('base64')}`);
    expect(result).toEqual({ ok: true, value: fixture.data, requestId: fixture.request_id });
  });

  it('reports a body that is not JSON, or of the wrong shape, as bad-response', async () => {
    const notJson = scripted([() => new Response('<html>gateway</html>', { status: 200 })]);
    expect(await client(notJson.fetchImpl).api.getOrder(1)).toMatchObject({ ok: false, kind: 'bad-response', message: expect.stringContaining('not JSON') });
    const wrong = scripted([json(200, { request_id: 'req_1', data: { id: 'abc', status: 'new' } })]);
    const r = await client(wrong.fetchImpl).api.getOrder(1);
    expect(r).toMatchObject({ ok: false, kind: 'bad-response', requestId: 'req_1', message: expect.stringContaining('data.id') });
  });

  it('classifies errors by HTTP status whatever the code spelling', async () => {
    const cases: [number, string][] = [[401, 'unauthorized'], [403, 'forbidden'], [404, 'not-found'], [409, 'invalid'], [422, 'invalid'], [400, 'invalid']];
    for (const [status, kind] of cases) {
      const { fetchImpl } = scripted([json(status, { request_id: `req_${status}`, error: { code: 'SOMETHING_ELSE', message: 'm' } })]);
      const { api, sleeps } = client(fetchImpl);
      expect(await api.getOrder(1)).toMatchObject({ ok: false, kind, status, code: 'SOMETHING_ELSE', requestId: `req_${status}` });
      expect(sleeps).toEqual([]);
    }
  });

  it('retries 5xx with an error body that is not JSON, and keeps the status', async () => {
    const { calls, fetchImpl } = scripted([() => new Response('Bad Gateway', { status: 502 })]);
    const { api, sleeps } = client(fetchImpl, { maxRetries: 2 });
    expect(await api.getOrder(1)).toMatchObject({ ok: false, kind: 'server', status: 502 });
    expect(calls).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('never throws when fetch itself throws', async () => {
    const fetchImpl = (async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') });
    }) as typeof fetch;
    const r = await client(fetchImpl, { maxRetries: 5 }).api.listAllOrders({ from: 'a', to: 'b' });
    expect(r).toMatchObject({ ok: false, kind: 'network', message: expect.stringContaining('ECONNREFUSED') });
  });

  it('stops paging on a short page when klikit leaves out total', async () => {
    const page = (n: number) => json(200, { request_id: `req_p${n}`, data: { orders: Array.from({ length: n }, (_, i) => ({ id: i + 1 })) } });
    const { calls, fetchImpl } = scripted([page(2), page(1)]);
    const r = await client(fetchImpl, { pageSize: 2 }).api.listAllOrders({ from: '2026-06-25T00:00:00Z', to: '2026-06-26T00:00:00Z', branchId: 7 });
    expect(r).toMatchObject({ ok: true, requestId: 'req_p1' });
    expect(r.ok && r.value).toHaveLength(3);
    expect(calls.map((c) => new URL(c.url).searchParams.get('page'))).toEqual(['1', '2']);
    expect(new URL(calls[0]!.url).searchParams.get('branch_id')).toBe('7');
  });

  it('keeps paging past short pages while total says more orders exist', async () => {
    const page = (from: number, n: number) => json(200, { request_id: 'r', data: { orders: Array.from({ length: n }, (_, i) => ({ id: from + i })), total: 5 } });
    const { calls, fetchImpl } = scripted([page(1, 2), page(3, 2), page(5, 1)]);
    const r = await client(fetchImpl, { pageSize: 100 }).api.listAllOrders({ from: 'a', to: 'b' });
    expect(r.ok && r.value.map((o) => (o as { id: number }).id)).toEqual([1, 2, 3, 4, 5]);
    expect(calls).toHaveLength(3);
  });
});

describe('Retry-After from a hostile klikit', () => {
  it.each([
    ['0', DEFAULT_RETRY_POLICY.minDelayMs],
    [new Date(NOW - 86_400_000).toUTCString(), DEFAULT_RETRY_POLICY.minDelayMs],
    ['99999999999', DEFAULT_RETRY_POLICY.maxDelayMs],
    ['7', 7_000],
  ])('hands callers (the poller, the outbox) a wait within the floor and the ceiling for Retry-After %s', async (header, expected) => {
    const { fetchImpl } = scripted([json(429, { request_id: 'r', error: { code: 'rate_limit_exceeded', message: 'slow' } }, { 'Retry-After': header })]);
    const result = await client(fetchImpl, { maxRetries: 0 }).api.getOrder(1);
    expect(result).toMatchObject({ ok: false, kind: 'rate-limited', retryAfterMs: expected });
  });
});

describe('retry policy', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('12', clock)).toBe(12_000);
    expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), clock)).toBe(5000);
    expect(parseRetryAfter('soon', clock)).toBeUndefined();
    expect(parseRetryAfter(null, clock)).toBeUndefined();
  });

  it('uses full jitter under an exponential ceiling capped at 30 s, above a floor', () => {
    const top = () => 1 - Number.EPSILON;
    expect([0, 1, 2, 10].map((a) => retryDelayMs(a, undefined, DEFAULT_RETRY_POLICY, top))).toEqual([499, 999, 1999, 29_999]);
    expect(retryDelayMs(3, undefined, DEFAULT_RETRY_POLICY, () => 0)).toBe(DEFAULT_RETRY_POLICY.minDelayMs);
    expect(retryDelayMs(0, 90_000, DEFAULT_RETRY_POLICY, top)).toBe(30_000);
  });
});
