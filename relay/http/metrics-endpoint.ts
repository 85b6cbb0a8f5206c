import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { RelayMetrics } from '../metrics.js';
import { bearerToken } from './bearer.js';
import { sendJson } from './respond.js';

/** Who may read /metrics on the public listener: holders of the bearer token, or nobody. */
type MetricsAccess = { token: string | undefined };

function bearerMatches(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(bearerToken(req) ?? '', 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function writeMetrics(res: ServerResponse, metrics: RelayMetrics): Promise<void> {
  const text = await metrics.render();
  res.writeHead(200, { 'content-type': metrics.contentType });
  res.end(text);
}

/** GET /metrics on the public listener: device names and sizes are not for anyone on the internet. */
export function serveMetricsWithToken(req: IncomingMessage, res: ServerResponse, metrics: RelayMetrics, access: MetricsAccess): Promise<void> | void {
  if (access.token === undefined) {
    return sendJson(res, 404, { error: 'metrics are served on --metrics-port, or here with RELAY_METRICS_TOKEN set' });
  }
  if (!bearerMatches(req, access.token)) {
    return sendJson(res, 401, { error: 'metrics need the bearer token' }, { 'www-authenticate': 'Bearer' });
  }
  return writeMetrics(res, metrics);
}

/** A listener of its own for /metrics, on loopback only, for a scraper on the same host (no token). */
export function createMetricsServer(metrics: RelayMetrics): Server {
  return createServer((req, res) => {
    if ((req.url ?? '/').split('?')[0] === '/metrics' && req.method === 'GET') {
      void writeMetrics(res, metrics);
      return;
    }
    sendJson(res, 404, { error: 'not found' });
  });
}
