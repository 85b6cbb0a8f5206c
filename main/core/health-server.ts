import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

// The headless bridge's /health: loopback only, for the machine's own supervisor. Listening on
// 127.0.0.1 is not enough: a page in a browser on this machine can point a name it controls at
// 127.0.0.1 (DNS rebinding) and read the answer as same-origin. Such a request carries that name in
// its Host header, so only the loopback names with this server's port are answered.

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether a Host header names this loopback server: 127.0.0.1, localhost or [::1], with its port. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const match = /^(\[[^\]]*\]|[^:]+)(?::(\d+))?$/.exec(host.trim().toLowerCase());
  if (!match || !LOOPBACK_NAMES.has(match[1]!)) return false;
  // A browser leaves the port out only when it is the scheme's default.
  return match[2] === undefined ? port === 80 : Number(match[2]) === port;
}

const json = (body: unknown): string => JSON.stringify(body);

export function serveHealth(health: () => unknown, port: number, logger: Logger): Promise<Server> {
  const server = createServer((req: IncomingMessage, res) => {
    const { port: bound } = server.address() as AddressInfo;
    if (!isLoopbackHost(req.headers.host, bound)) {
      res.writeHead(421, { 'content-type': 'application/json' }).end(json({ error: 'this endpoint answers only http://127.0.0.1, localhost or [::1] on its own port' }));
      return;
    }
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/health') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(json({ error: 'not found' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(json(health()));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      logger.info({ url: `http://127.0.0.1:${bound}/health` }, 'health endpoint listening');
      resolve(server);
    });
  });
}
