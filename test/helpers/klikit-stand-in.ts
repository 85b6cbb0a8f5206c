import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A klikit stand-in on 127.0.0.1 whose answers a test scripts per request: errors, redirects, and
// bodies streamed with backpressure so a test can see how much the client read before it hung up.

export type SeenRequest = { method: string; path: string; orderId: number | null; idempotencyKey: string | null; body: string; at: number };

/** Answers one request; the default answers klikit's 200 `{request_id}` to a PATCH and 404 to a GET. */
export type Answer = (req: SeenRequest, res: ServerResponse) => void | Promise<void>;

export type StreamedBody = { bytesWritten: number; closedEarly: boolean; done: Promise<void> };

export type KlikitStandIn = {
  /** The base URL with klikit's `/v1/partner` prefix. */
  baseUrl: string;
  origin: string;
  requests: SeenRequest[];
  patches(orderId?: number): SeenRequest[];
  answer(handler: Answer): void;
  close(): Promise<void>;
};

export const PARTNER_PREFIX = '/v1/partner';

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export const ok: Answer = (req, res) =>
  req.method === 'PATCH' ? json(res, 200, { request_id: `req_${req.at}` }) : json(res, 404, { request_id: 'req_get', error: { code: 'resource_not_found', message: 'Order not found' } });

export const badGateway: Answer = (_req, res) => json(res, 502, { request_id: 'req_502', error: { code: 'downstream_unavailable', message: 'An internal klikit dependency is unreachable' } });

export const rateLimited =
  (retryAfter: string): Answer =>
  (_req, res) =>
    json(res, 429, { request_id: 'req_429', error: { code: 'rate_limit_exceeded', message: 'slow down' } }, { 'Retry-After': retryAfter });

export const redirectTo =
  (status: number, location: string): Answer =>
  (_req, res) => {
    res.writeHead(status, { Location: location, 'Content-Length': '0' });
    res.end();
  };

/**
 * Streams `totalBytes` of a JSON string in 64 KiB chunks, waiting for the socket to drain: the bytes
 * written then measure what the client read (plus the kernel's buffers). No Content-Length, so only
 * reading tells the client how large the answer is.
 */
export function streamHuge(status: number, totalBytes: number, record: StreamedBody[]): Answer {
  return (_req, res) => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const stream: StreamedBody = { bytesWritten: 0, closedEarly: false, done: Promise.resolve() };
    record.push(stream);
    stream.done = new Promise<void>((resolve) => {
      res.on('close', () => {
        stream.closedEarly = stream.bytesWritten < totalBytes;
        resolve();
      });
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.write('{"request_id":"req_big","pad":"');
      const pump = (): void => {
        while (stream.bytesWritten < totalBytes && !res.destroyed) {
          stream.bytesWritten += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end('"}');
      };
      pump();
    });
  };
}

export async function startKlikitStandIn(): Promise<KlikitStandIn> {
  const requests: SeenRequest[] = [];
  let handler: Answer = ok;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      const match = /\/orders\/(\d+)/.exec(path);
      const seen: SeenRequest = {
        method: req.method ?? '',
        path,
        orderId: match ? Number(match[1]) : null,
        idempotencyKey: (req.headers['idempotency-key'] as string | undefined) ?? null,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      requests.push(seen);
      Promise.resolve(handler(seen, res)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: `${origin}${PARTNER_PREFIX}`,
    origin,
    requests,
    patches: (orderId) => requests.filter((r) => r.method === 'PATCH' && (orderId === undefined || r.orderId === orderId)),
    answer(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
