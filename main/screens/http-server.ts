import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from 'pino';
import type { ScreenGrant } from '../../common/screen-grant.js';
import { SCREEN_LANGUAGE_PARAM, SCREEN_SOCKET_PATH } from '../../common/screen-socket.js';
import type { Clock } from '../../ground/clock.js';
import { credentialCookie, readCookie, SCREEN_COOKIE, sessionCookie } from './cookies.js';
import { grantOf, sameSecret, type CredentialStore } from './credentials.js';
import { isLoopbackAddress, isLoopbackHostName, isOwnHost, isSameOrigin } from './host-check.js';
import { pairingPage, PAIRING_CSP, PAIRING_CSS } from './pairing-page.js';
import { createRateLimit } from './rate-limit.js';
import type { Assets } from './static-assets.js';
import type { Connection, SocketEndpoint } from './socket-endpoint.js';
import { matchLocale } from '../../common/i18n/locales.js';
import { createTranslator } from '../../common/i18n/translator.js';
import { requestLanguage } from './request-language.js';
import { socketLanguage } from './socket-language.js';
import { SCREEN_WORDS as W, screenWords, type ScreenWords } from './words.js';

// The screen server's HTTP side: every request's Host is checked first (DNS rebinding), then the
// pairing page is the only thing answered without a credential; everything else, the board's files
// and its socket, needs the screen's cookie. Writes and socket upgrades must come from this origin.

export type LaunchOption = {
  /** Per-run token printed in browser mode's URL; only a loopback peer on a loopback name may use it. */
  token: string;
  grant: ScreenGrant;
};

export type HttpServerOptions = {
  port: number;
  bind: string;
  hostNames: () => ReadonlySet<string>;
  assets: Assets;
  credentials: () => CredentialStore;
  endpoint: SocketEndpoint;
  clock: Clock;
  logger: Logger;
  launch?: LaunchOption;
  newSessionId: () => string;
  pairLimit?: { perKey: number; global: number; windowMs: number };
};

// same-origin, not no-referrer: under no-referrer a browser sends `Origin: null` with a form post, and
// the pairing form's own origin could not be told from a foreign one.
const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY', 'cache-control': 'no-store' };
const text = (res: ServerResponse, status: number, body: string): void => {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end(body);
};
/** The pairing page in the language picked on it, else the browser's; `problem` picks its sentence from that language's words. */
const page = (req: IncomingMessage, url: URL, res: ServerResponse, status: number, problem?: (words: ScreenWords) => string): void => {
  const chosen = matchLocale(url.searchParams.get('lang'));
  const locale = requestLanguage(chosen, req.headers['accept-language']);
  const body = pairingPage(locale, chosen !== null, problem?.(screenWords(createTranslator(locale))));
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-language': locale, 'content-security-policy': PAIRING_CSP }).end(body);
};

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > limit) {
        resolve(null);
        req.destroy();
      }
    });
    req.on('end', () => resolve(body));
    req.on('error', () => resolve(null));
  });
}

const MAX_CONNECTIONS = 256;
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 15_000;

/** The request target as a URL, or null: Node's parser lets through targets (`http://[`) that URL refuses. */
function parseTarget(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://screen');
  } catch {
    return null;
  }
}

export async function startHttpServer(options: HttpServerOptions): Promise<{ server: Server; port: number }> {
  const { assets, endpoint, logger } = options;
  const limit = createRateLimit(options.clock, options.pairLimit ?? { perKey: 5, global: 30, windowMs: 60_000 });
  /** Browser-mode sessions, in memory for this run only. */
  const sessions = new Map<string, ScreenGrant>();
  let port = options.port;

  const hostOk = (req: IncomingMessage): boolean => isOwnHost(req.headers.host, port, options.hostNames());

  /** The screen this request's cookie stands for, or null. */
  function who(req: IncomingMessage): Omit<Connection, 'language'> | null {
    const value = readCookie(req.headers.cookie, SCREEN_COOKIE);
    const address = req.socket.remoteAddress ?? '';
    if (!value) return null;
    const session = sessions.get(value);
    if (session) return isLoopbackAddress(address) ? { grant: session, screenId: null, address } : null;
    const screen = options.credentials().screenFor(value);
    return screen ? { grant: grantOf(screen), screenId: screen.id, address } : null;
  }

  async function pair(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!isSameOrigin(req.headers.origin, req.headers.host)) return text(res, 403, W.crossSite);
    const address = req.socket.remoteAddress ?? 'unknown';
    const body = await readBody(req, 1024);
    // Checked after the body, with nothing awaited between the check, the redeem and the count: attempts
    // sent in parallel cannot all pass the check before the first wrong one is counted.
    if (!limit.allows(address)) return page(req, url, res, 429, (w) => w.tooMany);
    const code = body === null ? '' : (new URLSearchParams(body).get('code') ?? '');
    const result = options.credentials().redeem(code, address);
    if (!result.ok) {
      limit.failed(address);
      logger.warn({ address, reason: result.reason }, 'screen pairing refused');
      return page(req, url, res, result.reason === 'expired' ? 410 : 401, (w) => (result.reason === 'expired' ? w.expired : w.wrong));
    }
    logger.info({ address, screen: result.screen.id, kind: result.screen.kind }, 'screen paired');
    // A language picked on the pairing page goes on to the screen, which keeps it (screen-link/entry.ts).
    const chosen = matchLocale(url.searchParams.get('lang'));
    const location = chosen ? `/?lang=${encodeURIComponent(chosen)}` : '/';
    res.writeHead(303, { ...SECURITY_HEADERS, location, 'set-cookie': credentialCookie(result.credential) }).end();
  }

  function launch(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const given = url.searchParams.get('token') ?? '';
    const ok = options.launch && isLoopbackAddress(req.socket.remoteAddress) && isLoopbackHostName(req.headers.host) && sameSecret(given, options.launch.token);
    if (!ok) return text(res, 404, W.notFound);
    const session = options.newSessionId();
    sessions.set(session, options.launch!.grant);
    res.writeHead(303, { ...SECURITY_HEADERS, location: '/', 'set-cookie': sessionCookie(session) }).end();
  }

  const server = createServer((req, res) => {
    if (!hostOk(req)) return text(res, 421, W.foreignHost);
    const url = parseTarget(req.url);
    if (!url) return text(res, 400, W.notFound);
    const path = url.pathname;
    if (path === '/pair' && req.method === 'POST') {
      void pair(req, res, url).catch((err: unknown) => {
        logger.error({ err }, 'pairing failed');
        text(res, 500, W.wrong);
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, W.notFound);
    if (path === '/pair') return page(req, url, res, 200);
    if (path === '/pair.css') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/css; charset=utf-8' }).end(PAIRING_CSS);
      return;
    }
    if (path === '/launch') return launch(req, res, url);
    if (!who(req)) {
      if (path === '/' || path === '/index.html') {
        res.writeHead(303, { ...SECURITY_HEADERS, location: '/pair' }).end();
        return;
      }
      return text(res, 401, W.wrong);
    }
    const asset = assets.get(path, req.headers.host ?? '');
    if (!asset) return text(res, 404, W.notFound);
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': asset.type }).end(req.method === 'HEAD' ? undefined : asset.body);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const refuse = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!hostOk(req)) return refuse(421, 'Misdirected Request');
    if (!isSameOrigin(req.headers.origin, req.headers.host)) return refuse(403, 'Forbidden');
    const target = parseTarget(req.url);
    if (target?.pathname !== SCREEN_SOCKET_PATH) return refuse(404, 'Not Found');
    const screen = who(req);
    if (!screen) return refuse(401, 'Unauthorized');
    const connection: Connection = { ...screen, language: socketLanguage(screen.grant, target.searchParams.get(SCREEN_LANGUAGE_PARAM)) };
    endpoint.wss.handleUpgrade(req, socket, head, (ws) => endpoint.accept(ws, connection));
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  // A LAN device may not hold sockets open without end, nor send its headers a byte a minute.
  server.maxConnections = MAX_CONNECTIONS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bind, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return { server, port };
}
