import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Protocol } from 'electron';
import { APP_SCHEME } from './window-options.js';

// The renderer is served from app://renderer/… out of dist/renderer, never from file:// (which
// would give the page the whole disk as its origin) and never from the network.

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; " +
  "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.ttf': 'font/ttf',
};

/** Must run before `app.whenReady()`: a standard, secure scheme gets a real origin for CSP 'self'. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } }]);
}

export function createRendererHandler(rootDir: string, read: (path: string) => Promise<Buffer> = readFile) {
  const root = normalize(rootDir + sep);
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.host !== 'renderer') return new Response('not found', { status: 404 });
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const file = normalize(join(root, relative));
    if (!file.startsWith(root)) return new Response('forbidden', { status: 403 });
    const type = TYPES[extname(file)];
    if (!type) return new Response('not found', { status: 404 });
    try {
      const body = await read(file);
      return new Response(new Uint8Array(body), {
        status: 200,
        headers: { 'content-type': type, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
}

export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, createRendererHandler(rootDir));
}
