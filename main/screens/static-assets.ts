import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

// The renderer bundle the desktop window uses (dist/renderer), read once at start: the screen server
// serves exactly those files and nothing else on disk. index.html gets the socket client
// (screen-link.js) ahead of the app, and a CSP that lets it reach this one origin's socket.

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.ttf': 'font/ttf' };

export const SCREEN_CLIENT_FILE = 'screen-link.js';

export type Asset = { body: Buffer; type: string };
export type Assets = { get(path: string, host: string): Asset | undefined };

export function loadAssets(dir: string): Assets {
  const files = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type && statSync(join(dir, name)).isFile()) files.set(`/${name}`, { body: readFileSync(join(dir, name)), type });
  }
  const index = files.get('/index.html');
  if (!index || !files.has(`/${SCREEN_CLIENT_FILE}`)) throw new Error(`${dir} is not a renderer build with ${SCREEN_CLIENT_FILE}: run \`npm run build renderer\``);
  const html = index.body.toString('utf8');
  return {
    get(path, host) {
      if (path === '/' || path === '/index.html') {
        const page = html
          .replace("connect-src 'self'", `connect-src 'self' ws://${host}`)
          .replace('<script type="module" src="app.js"></script>', `<script src="${SCREEN_CLIENT_FILE}"></script>\n  <script type="module" src="app.js"></script>`);
        return { body: Buffer.from(page), type: TYPES['.html']! };
      }
      return files.get(path);
    },
  };
}
