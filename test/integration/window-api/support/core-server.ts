import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { screenGrantSchema, type ScreenGrant } from '../../../../common/screen-grant.js';
import { coreInboundSchema, initSecretsSchema, type CoreOutbound } from '../../../../common/core-protocol.js';
import { systemClock, systemRandom } from '../../../../main/core/clock.js';
import { startCoreHost } from '../../../../main/window-api/core-host.js';
import { memorySecretStore } from '../../../../main/window-api/settings-file.js';

// The test-only transport: the real core (bridge + window API) in this child process, the built
// renderer served over HTTP, and the window API over a WebSocket at /bridge that the page's
// `window.bridge` shim (bridge-shim.ts) talks to. Prints `LISTENING <port>` when ready.

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    renderer: { type: 'string' },
    secrets: { type: 'string', default: '{}' },
    overrides: { type: 'string', default: '{}' },
    /** Serial ports and device directories the core's printer discovery sees instead of this machine's. */
    discovery: { type: 'string' },
  },
});
if (!values.data || !values.renderer) throw new Error('usage: core-server --data DIR --renderer DIR [--secrets JSON] [--overrides JSON] [--discovery JSON]');
const rendererDir = values.renderer;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };
const sockets = new Set<WebSocket>();
const send = (ws: WebSocket, message: CoreOutbound): void => ws.send(JSON.stringify(message));

type FakeDiscovery = { serialPorts: Array<{ path: string; manufacturer?: string }>; deviceNames: Record<string, string[]> };
const fake = values.discovery ? (JSON.parse(values.discovery) as FakeDiscovery) : undefined;

const host = await startCoreHost({
  dataDir: values.data,
  clock: systemClock,
  random: systemRandom,
  logger: pino({ level: process.env.CORE_LOG_LEVEL ?? 'warn' }, pino.destination(2)),
  secrets: memorySecretStore(initSecretsSchema.parse(JSON.parse(values.secrets))),
  publish: (update) => {
    for (const ws of sockets) send(ws, { type: 'update', update });
  },
  configOverrides: JSON.parse(values.overrides) as Record<string, unknown>,
  feedIntervalMs: 50,
  ...(fake ? { discovery: { serialPorts: async () => fake.serialPorts, deviceNames: async (dir: string) => fake.deviceNames[dir] ?? [] } } : {}),
});

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^[/\\]+/, '') || 'index.html';
  if (path.startsWith('..')) {
    res.writeHead(403).end();
    return;
  }
  readFile(join(rendererDir, path)).then(
    (body) => res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body),
    () => res.writeHead(404).end(),
  );
});

/**
 * The screen a page plays, from `?grant=` on its socket (the shim passes the page's query on): the core
 * answers DESKTOP_GRANT itself, so this stands in for the LAN screen server's answer to `screenGrant`.
 */
function grantOf(url: string | undefined): ScreenGrant | null {
  const raw = new URL(url ?? '/', 'http://x').searchParams.get('grant');
  return raw === null ? null : screenGrantSchema.parse(JSON.parse(raw));
}

const wss = new WebSocketServer({ server, path: '/bridge' });
wss.on('connection', (ws, req) => {
  const grant = grantOf(req.url);
  sockets.add(ws);
  ws.on('close', () => sockets.delete(ws));
  ws.on('message', (data) => {
    let raw: unknown;
    try {
      raw = JSON.parse(String(data));
    } catch {
      return;
    }
    const parsed = coreInboundSchema.safeParse(raw);
    if (!parsed.success || parsed.data.type !== 'request') return;
    const { id, method, args } = parsed.data;
    if (grant && method === 'screenGrant') {
      send(ws, { type: 'response', id, result: { ok: true, value: grant } });
      return;
    }
    void host.handle(method, args).then((result) => send(ws, { type: 'response', id, result }));
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`LISTENING ${typeof address === 'object' && address ? address.port : 0}\n`);
});

async function shutdown(): Promise<void> {
  for (const ws of sockets) ws.terminate();
  wss.close();
  server.close();
  await host.stop();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
