import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import type { Random } from '../../ground/clock.js';
import type { Fault, Faults } from './faults.js';
import type { SimOrder } from './order-generator.js';
import { picker } from './prng.js';
import { createAvailability, type Availability, type AvailabilityPatch } from './availability.js';

export const PARTNER_PREFIX = '/v1/partner';
const MAX_WINDOW_MS = 90 * 24 * 3_600_000;
const MAX_PAGE_SIZE = 100;

export type PartnerApiOptions = {
  orders: () => SimOrder[];
  partnerKey: string;
  secretKey: string;
  faults: Faults;
  /** Draws request ids. */
  random: Random;
  port?: number;
  /** klikit's error codes come in two spellings; `legacy` answers the UPPER_CASE one. */
  errorCodeStyle?: 'snake' | 'legacy';
  /** Publishes the order's next version in `status` (a PATCH moved it) and returns it. */
  applyStatus(order: SimOrder, status: number): SimOrder;
};

/** One PATCH /orders/{id}/status as it arrived, answered or not. */
export type StatusPatch = { orderId: number; idempotencyKey: string | undefined; body: string };

export type PartnerApi = {
  url: string;
  requests(): number;
  patches(): readonly StatusPatch[];
  /** Every PATCH /items/{sku}/availability received, in order. */
  availabilityPatches(): readonly AvailabilityPatch[];
  availability: Pick<Availability, 'available' | 'map'>;
  close(): Promise<void>;
};

const LEGACY_CODES: Record<string, string> = {
  auth_missing: 'MISSING_CREDENTIALS',
  auth_invalid_credential: 'INVALID_CREDENTIALS',
  auth_revoked: 'CREDENTIAL_REVOKED',
  request_invalid: 'INVALID_REQUEST',
  request_invalid_range: 'INVALID_DATE_RANGE',
  resource_not_found: 'NOT_FOUND',
  rate_limit_exceeded: 'RATE_LIMITED',
  downstream_unavailable: 'DOWNSTREAM_UNAVAILABLE',
  invalid_transition: 'INVALID_STATUS_TRANSITION',
  idempotency_conflict: 'IDEMPOTENCY_CONFLICT',
};

// klikit's order state machine for PATCH /orders/{id}/status: which statuses each target may leave.
const PLACED = 1, ACCEPTED = 2, CANCELLED = 3, READY = 4, SCHEDULED = 6, DRIVER_ASSIGNED = 7, DRIVER_ARRIVED = 8, PICKED_UP = 9;
const TRANSITIONS: Record<string, { to: number; from: readonly number[] }> = {
  accepted: { to: ACCEPTED, from: [PLACED, SCHEDULED] },
  rejected: { to: CANCELLED, from: [PLACED, SCHEDULED] },
  ready: { to: READY, from: [ACCEPTED, DRIVER_ASSIGNED, DRIVER_ARRIVED] },
  picked_up: { to: PICKED_UP, from: [READY, DRIVER_ARRIVED] },
  cancelled: { to: CANCELLED, from: [PLACED, ACCEPTED, READY, SCHEDULED, DRIVER_ASSIGNED, DRIVER_ARRIVED] },
};
const STATUS_NAMES: Record<number, string> = { 1: 'PLACED', 2: 'ACCEPTED', 3: 'CANCELLED', 4: 'READY', 5: 'DELIVERED', 6: 'SCHEDULED', 7: 'DRIVER_ASSIGNED', 8: 'DRIVER_ARRIVED', 9: 'PICKED_UP' };
const patchBodySchema = z.object({ status: z.string(), reason_code: z.string().max(64).optional() });
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,64}$/;

const timestamp = z.string().refine((v) => !Number.isNaN(Date.parse(v)), { message: 'expected an ISO-8601 timestamp' }).transform((v) => Date.parse(v));
const positiveInt = z.coerce.number().int().positive();
const listQuerySchema = z.object({
  from: timestamp,
  to: timestamp,
  branch_id: positiveInt.optional(),
  brand_id: positiveInt.optional(),
  status: positiveInt.optional(),
  provider_id: positiveInt.optional(),
  page: positiveInt.default(1),
  size: positiveInt.default(20).transform((v) => Math.min(v, MAX_PAGE_SIZE)),
});

/** klikit's partner REST API over the simulator's orders, with switchable faults. */
export async function startPartnerApi(options: PartnerApiOptions): Promise<PartnerApi> {
  const p = picker(options.random);
  const expectedAuth = Buffer.from(`Basic ${Buffer.from(`${options.partnerKey}:${options.secretKey}`).toString('base64')}`);
  let count = 0;
  const patches: StatusPatch[] = [];
  /** Idempotency-Key → the body it came with and the answer given, replayed for the same body. */
  const remembered = new Map<string, { body: string; status: number; answer: object }>();
  const availabilityPatches: AvailabilityPatch[] = [];
  const availability = createAvailability((status, code, message) => {
    const spelled = options.errorCodeStyle === 'legacy' ? (LEGACY_CODES[code] ?? code.toUpperCase()) : code;
    return { status, answer: { error: { code: spelled, message } } };
  });

  function reply(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  function fail(res: ServerResponse, requestId: string, status: number, code: string, message: string, headers?: Record<string, string>) {
    const spelled = options.errorCodeStyle === 'legacy' ? (LEGACY_CODES[code] ?? code.toUpperCase()) : code;
    reply(res, status, { request_id: requestId, error: { code: spelled, message } }, headers);
  }

  function authorised(req: IncomingMessage): boolean {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === expectedAuth.length && timingSafeEqual(given, expectedAuth);
  }

  function listOrders(res: ServerResponse, requestId: string, params: URLSearchParams) {
    const parsed = listQuerySchema.safeParse(Object.fromEntries(params));
    if (!parsed.success) return fail(res, requestId, 400, 'request_invalid', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const q = parsed.data;
    if (q.to <= q.from) return fail(res, requestId, 400, 'request_invalid', '`to` must be after `from`');
    if (q.to - q.from > MAX_WINDOW_MS) return fail(res, requestId, 400, 'request_invalid_range', 'Date range > 90 days');
    if (q.brand_id !== undefined && q.branch_id === undefined) return fail(res, requestId, 400, 'request_invalid', 'brand_id requires branch_id');
    const matching = options
      .orders()
      .map((order) => ({ order, created: Date.parse(order.created_at) }))
      .filter(
        ({ order: o, created }) =>
          created >= q.from &&
          created < q.to &&
          (q.branch_id === undefined || o.branch_id === q.branch_id) &&
          (q.brand_id === undefined || o.brands.some((b) => b.id === q.brand_id)) &&
          (q.status === undefined || o.status === q.status) &&
          (q.provider_id === undefined || o.provider_id === q.provider_id),
      )
      .sort((a, b) => a.created - b.created || a.order.id - b.order.id)
      .map(({ order }) => order);
    const start = (q.page - 1) * q.size;
    reply(res, 200, { request_id: requestId, data: { orders: matching.slice(start, start + q.size), page: q.page, size: q.size, total: matching.length } });
  }

  function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  }

  /** Applies a status PATCH; the answer it gives is what an idempotent replay answers too. */
  function applyPatch(orderId: number, text: string, requestId: string): { status: number; answer: object } {
    const failure = (status: number, code: string, message: string) => {
      const spelled = options.errorCodeStyle === 'legacy' ? (LEGACY_CODES[code] ?? code.toUpperCase()) : code;
      return { status, answer: { request_id: requestId, error: { code: spelled, message } } };
    };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return failure(400, 'request_invalid', 'body is not JSON');
    }
    const body = patchBodySchema.safeParse(json);
    if (!body.success) return failure(422, 'request_invalid', body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const transition = TRANSITIONS[body.data.status];
    if (!transition) return failure(422, 'request_invalid', `status must be one of ${Object.keys(TRANSITIONS).join(', ')}`);
    const order = options.orders().find((o) => o.id === orderId);
    if (!order) return failure(404, 'resource_not_found', `order ${orderId} does not exist`);
    if (!transition.from.includes(order.status)) {
      const now = STATUS_NAMES[order.status] ?? `status ${order.status}`;
      return failure(409, 'invalid_transition', `Order ${order.short_id || order.id} cannot be ${body.data.status.replace('_', ' ')}: it is already ${now}`);
    }
    const next = options.applyStatus(order, transition.to);
    return { status: 200, answer: { request_id: requestId, data: { id: next.id, status: next.status, updated_at: next.updated_at } } };
  }

  async function patchStatus(req: IncomingMessage, res: ServerResponse, requestId: string, orderId: number, fault: Fault | undefined) {
    const text = await readBody(req);
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined;
    patches.push({ orderId, idempotencyKey: key, body: text });
    if (!key || !IDEMPOTENCY_KEY.test(key)) return fail(res, requestId, 400, 'request_invalid', 'Idempotency-Key header (1-64 printable characters) is required');
    const seen = remembered.get(key);
    if (seen && seen.body !== text) return fail(res, requestId, 409, 'idempotency_conflict', 'Idempotency-Key was already used with a different body');
    const outcome = seen ?? { body: text, ...applyPatch(orderId, text, requestId) };
    remembered.set(key, outcome);
    if (fault?.kind === 'lost-response') {
      res.socket?.destroy();
      return;
    }
    reply(res, outcome.status, outcome.answer);
  }

  /** Same key + same body: the first answer again, applied once; same key + another body (or path): 409. */
  async function patchAvailability(req: IncomingMessage, res: ServerResponse, requestId: string, sku: string, fault: Fault | undefined) {
    const text = await readBody(req);
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined;
    availabilityPatches.push({ sku, idempotencyKey: key, body: text });
    if (!key || !IDEMPOTENCY_KEY.test(key)) return fail(res, requestId, 400, 'request_invalid', 'Idempotency-Key header (1-64 printable characters) is required');
    const remembers = `PATCH /items/${sku}/availability ${text}`;
    const seen = remembered.get(key);
    if (seen && seen.body !== remembers) return fail(res, requestId, 409, 'idempotency_conflict', 'Idempotency-Key was already used with a different body');
    const outcome = seen ?? { body: remembers, ...availability.apply(sku, text, requestId) };
    remembered.set(key, outcome);
    if (fault?.kind === 'lost-response') {
      res.socket?.destroy();
      return;
    }
    reply(res, outcome.status, { request_id: requestId, ...outcome.answer });
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    count += 1;
    const requestId = `req_${p.hex(8)}-${p.hex(4)}-${p.hex(4)}-${p.hex(12)}`;
    const fault = options.faults.take();
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'unauthorized') return fail(res, requestId, 401, 'auth_invalid_credential', 'partner_key or secret_key did not verify');
    if (fault?.kind === 'forbidden') return fail(res, requestId, 403, 'auth_revoked', 'Credential is revoked');
    if (fault?.kind === 'rate-limited') return fail(res, requestId, 429, 'rate_limit_exceeded', 'Per-credential rate cap hit', { 'Retry-After': String(fault.retryAfterSeconds) });
    if (fault?.kind === 'bad-gateway') return fail(res, requestId, 502, 'downstream_unavailable', 'An internal klikit dependency is unreachable');

    if (!req.headers.authorization) return fail(res, requestId, 401, 'auth_missing', 'Authorization header absent / malformed');
    if (!authorised(req)) return fail(res, requestId, 401, 'auth_invalid_credential', 'partner_key or secret_key did not verify');

    const url = new URL(req.url ?? '/', 'http://simulator');
    const patch = url.pathname.match(/^\/v1\/partner\/orders\/(\d+)\/status$/);
    if (patch && req.method === 'PATCH') {
      patchStatus(req, res, requestId, Number(patch[1]), fault).catch(() => res.destroy());
      return;
    }
    const item = url.pathname.match(/^\/v1\/partner\/items\/([^/]{1,192})\/availability$/);
    if (item && req.method === 'PATCH') {
      patchAvailability(req, res, requestId, decodeURIComponent(item[1]!), fault).catch(() => res.destroy());
      return;
    }
    if (req.method !== 'GET') return fail(res, requestId, 405, 'request_invalid', `${req.method} is not supported here`);
    if (url.pathname === `${PARTNER_PREFIX}/orders`) return listOrders(res, requestId, url.searchParams);
    const single = url.pathname.match(/^\/v1\/partner\/orders\/(\d+)$/);
    if (single) {
      const order = options.orders().find((o) => o.id === Number(single[1]));
      if (!order) return fail(res, requestId, 404, 'resource_not_found', `order ${single[1]} does not exist`);
      return reply(res, 200, { request_id: requestId, data: order });
    }
    fail(res, requestId, 404, 'resource_not_found', `no route ${url.pathname}`);
  }

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    patches: () => patches,
    availabilityPatches: () => availabilityPatches,
    availability,
    close: () =>
      new Promise<void>((resolve) => {
        // Hung requests and keep-alive sockets would hold close() open forever.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
