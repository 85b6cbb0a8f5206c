import { setTimeout as delay } from 'node:timers/promises';
import type { z } from 'zod';
import type { Clock, Random } from '../../ground/clock.js';
import { apiErrorSchema, describeZodError, getOrderResponseSchema, listOrdersResponseSchema } from './schemas.js';
import { boundedDelayMs, DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelayMs, type RetryPolicy } from './retry.js';
import { errorText } from '../../common/error-text.js';

/**
 * `too-large`: the answer went past its byte cap and was cut off; `redirect`: klikit answered 3xx, which
 * is never followed (the credentials and the body would go to whatever host it names).
 */
export type ApiFailureKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'invalid'
  | 'server'
  | 'timeout'
  | 'network'
  | 'bad-response'
  | 'too-large'
  | 'redirect';

export type ApiFailure = {
  ok: false;
  kind: ApiFailureKind;
  status?: number;
  code?: string;
  message: string;
  /** klikit's own words (`error.message`), to show staff as it is. */
  detail?: string;
  requestId?: string;
  retryAfterMs?: number;
};

export type ApiResult<T> = { ok: true; value: T; requestId?: string } | ApiFailure;

export type OrdersPage = { orders: unknown[]; page: number; size: number; total: number | undefined };

export type ListOrdersQuery = {
  /** created_at, inclusive (ISO-8601). */
  from: string;
  /** created_at, exclusive; klikit rejects windows over 90 days. */
  to: string;
  branchId?: number;
  /** klikit accepts brand_id only together with branch_id. */
  brandId?: number;
  status?: number;
  providerId?: number;
  page?: number;
  size?: number;
};

export type KlikitApiOptions = {
  /** Includes the `/v1/partner` prefix, e.g. `https://gateway-enterprise.klikit.io/v1/partner`. */
  baseUrl: string;
  partnerKey: string;
  secretKey: string;
  clock: Clock;
  random: Random;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Per attempt, covering the whole response body. */
  timeoutMs?: number;
  maxRetries?: number;
  retry?: Partial<Omit<RetryPolicy, 'maxRetries'>>;
  /** listAllOrders' page size. */
  pageSize?: number;
  /** Byte caps on answers; beyond them the read stops and the connection is dropped. */
  limits?: Partial<AnswerLimits>;
};

export type AnswerLimits = { patchBytes: number; orderBytes: number; pageBytes: number };

/**
 * klikit's answer to a PATCH is a request id and at most the order; an order is a few tens of KiB
 * (100+ fields, a long cart); a page holds up to `size` orders. Far above what klikit sends, far
 * below what would hurt the core.
 */
export const DEFAULT_ANSWER_LIMITS: AnswerLimits = { patchBytes: 64 * 1024, orderBytes: 1024 * 1024, pageBytes: 8 * 1024 * 1024 };

export type KlikitApi = {
  listOrders(query: ListOrdersQuery): Promise<ApiResult<OrdersPage>>;
  /** Every page of the query; the requestId is the last page's. */
  listAllOrders(query: Omit<ListOrdersQuery, 'page'>): Promise<ApiResult<unknown[]>>;
  /** The raw order (klikit's fields untouched, for ingest to validate and store). */
  getOrder(id: number): Promise<ApiResult<unknown>>;
  /**
   * One attempt, never retried here: the caller owns the retries because the same Idempotency-Key must
   * go with every one of them, across restarts.
   */
  patchOrderStatus(id: number, body: OrderStatusPatch, idempotencyKey: string): Promise<ApiResult<unknown>>;
  /** "86": `PATCH /items/{sku}/availability`, one attempt like patchOrderStatus (the caller owns the key and the retries). */
  patchItemAvailability(sku: string, body: ItemAvailabilityPatch, idempotencyKey: string): Promise<ApiResult<unknown>>;
};

export type ItemAvailabilityPatch = { available: boolean };

export type OrderStatusPatch = { status: string; reason_code?: string };

type Validated<S extends z.ZodType> = { parsed: z.output<S>; raw: unknown };

const RETRYABLE: ReadonlySet<ApiFailureKind> = new Set(['rate-limited', 'server', 'timeout']);
/** A runaway guard: a server that keeps reporting more orders than it returns must not loop forever. */
const MAX_PAGES = 1000;

function kindOfStatus(status: number): ApiFailureKind {
  // klikit's error codes come in two spellings, so the HTTP status decides.
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'invalid';
}

class AnswerTooLarge extends Error {
  constructor(readonly capBytes: number) {
    super(`klikit's answer is larger than ${capBytes} bytes`);
  }
}

/** The body as text, read chunk by chunk and abandoned (the connection dropped) as soon as it passes the cap. */
async function readCapped(response: Response, capBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > capBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new AnswerTooLarge(capBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > capBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AnswerTooLarge(capBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The host a redirect points at (for the message), or the raw value when it is not a URL. */
function redirectTarget(location: string, base: string): string {
  try {
    return new URL(location, base).host;
  } catch {
    return JSON.stringify(location.slice(0, 100));
  }
}

/** klikit's partner orders API. Never throws: every outcome, including a hang or a 429, is a value. */
export function createKlikitApi(options: KlikitApiOptions): KlikitApi {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry, maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries };
  const limits: AnswerLimits = { ...DEFAULT_ANSWER_LIMITS, ...options.limits };
  const pageSize = options.pageSize ?? 100;
  const base = options.baseUrl.replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${options.partnerKey}:${options.secretKey}`).toString('base64')}`;

  /** One request; a success carries both the validated body and the raw JSON it came from. */
  async function once<S extends z.ZodType>(
    url: string,
    schema: S,
    capBytes: number,
    write?: { method: 'PATCH'; body: string; headers: Record<string, string> },
  ): Promise<ApiResult<Validated<S>>> {
    let response: Response;
    let text: string;
    try {
      const headers = { Authorization: authorization, Accept: 'application/json', ...write?.headers };
      response = await doFetch(url, { method: write?.method ?? 'GET', headers, body: write?.body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        const where = location ? ` to ${redirectTarget(location, url)}` : '';
        return { ok: false, kind: 'redirect', status: response.status, message: `klikit answered ${response.status} (a redirect${where}); not followed` };
      }
      text = await readCapped(response, capBytes);
    } catch (err) {
      if (err instanceof AnswerTooLarge) return { ok: false, kind: 'too-large', message: err.message };
      if (err instanceof Error && err.name === 'TimeoutError') return { ok: false, kind: 'timeout', message: `klikit did not answer within ${timeoutMs} ms` };
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      return { ok: false, kind: 'network', message: `cannot reach klikit (${errorText(err)}${cause})` };
    }
    const json = readJson(text);
    const envelope = apiErrorSchema.safeParse(json);
    const requestId = envelope.success ? envelope.data.request_id : undefined;
    if (!response.ok) {
      const kind = kindOfStatus(response.status);
      const code = envelope.success ? envelope.data.error?.code : undefined;
      const detail = envelope.success ? envelope.data.error?.message : undefined;
      return {
        ok: false,
        kind,
        status: response.status,
        code,
        detail,
        message: `klikit answered ${response.status}${code ? ` ${code}` : ''}${detail ? `: ${detail}` : ''}${requestId ? ` (request_id ${requestId})` : ''}`,
        requestId,
        retryAfterMs: kind === 'rate-limited' ? retryAfterOf(response.headers.get('retry-after')) : undefined,
      };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const what = json === undefined ? 'a body that is not JSON' : `an unexpected shape (${describeZodError(parsed.error)})`;
      return { ok: false, kind: 'bad-response', status: response.status, message: `klikit answered ${response.status} with ${what}${requestId ? ` (request_id ${requestId})` : ''}`, requestId };
    }
    return { ok: true, value: { parsed: parsed.data, raw: json }, requestId };
  }

  /** The server's wish, held within the policy's floor and ceiling: a caller never waits 0 ms or a day. */
  function retryAfterOf(header: string | null): number | undefined {
    const wanted = parseRetryAfter(header, options.clock);
    return wanted === undefined ? undefined : boundedDelayMs(wanted, policy);
  }

  async function call<S extends z.ZodType>(url: string, schema: S, capBytes: number): Promise<ApiResult<Validated<S>>> {
    for (let attempt = 0; ; attempt++) {
      const result = await once(url, schema, capBytes);
      if (result.ok || !RETRYABLE.has(result.kind) || attempt >= policy.maxRetries) return result;
      await sleep(retryDelayMs(attempt, result.retryAfterMs, policy, options.random));
    }
  }

  async function listOrders(query: ListOrdersQuery): Promise<ApiResult<OrdersPage>> {
    const params = new URLSearchParams({ from: query.from, to: query.to });
    const optional: [string, number | undefined][] = [
      ['branch_id', query.branchId],
      ['brand_id', query.brandId],
      ['status', query.status],
      ['provider_id', query.providerId],
      ['page', query.page],
      ['size', query.size],
    ];
    for (const [name, value] of optional) if (value !== undefined) params.set(name, String(value));
    const result = await call(`${base}/orders?${params}`, listOrdersResponseSchema, limits.pageBytes);
    if (!result.ok) return result;
    const { orders, page, size, total } = result.value.parsed.data;
    return { ok: true, requestId: result.requestId, value: { orders, page: page ?? query.page ?? 1, size: size ?? query.size ?? orders.length, total } };
  }

  async function listAllOrders(query: Omit<ListOrdersQuery, 'page'>): Promise<ApiResult<unknown[]>> {
    const all: unknown[] = [];
    const size = query.size ?? pageSize;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const result = await listOrders({ ...query, page, size });
      if (!result.ok) return result;
      all.push(...result.value.orders);
      const { orders, total } = result.value;
      // Trust total when klikit sends it: a server that caps the page size below ours would make a
      // short page look like the last one.
      const lastPage = orders.length === 0 || (total === undefined ? orders.length < result.value.size : all.length >= total);
      if (lastPage) return { ok: true, value: all, requestId: result.requestId };
    }
    return { ok: false, kind: 'bad-response', message: `klikit kept returning full pages past page ${MAX_PAGES}` };
  }

  async function getOrder(id: number): Promise<ApiResult<unknown>> {
    const result = await call(`${base}/orders/${encodeURIComponent(String(id))}`, getOrderResponseSchema, limits.orderBytes);
    if (!result.ok) return result;
    // Validated, but handed on untransformed so that the stored body is exactly klikit's.
    const raw = result.value.raw as { data: unknown };
    return { ok: true, value: raw.data, requestId: result.requestId };
  }

  async function patchOrderStatus(id: number, body: OrderStatusPatch, idempotencyKey: string): Promise<ApiResult<unknown>> {
    const result = await once(`${base}/orders/${encodeURIComponent(String(id))}/status`, apiErrorSchema, limits.patchBytes, {
      method: 'PATCH',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    });
    return result.ok ? { ok: true, value: result.value.raw, requestId: result.requestId } : result;
  }

  async function patchItemAvailability(sku: string, body: ItemAvailabilityPatch, idempotencyKey: string): Promise<ApiResult<unknown>> {
    const result = await once(`${base}/items/${encodeURIComponent(sku)}/availability`, apiErrorSchema, limits.patchBytes, {
      method: 'PATCH',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    });
    return result.ok ? { ok: true, value: result.value.raw, requestId: result.requestId } : result;
  }

  return { listOrders, listAllOrders, getOrder, patchOrderStatus, patchItemAvailability };
}
