import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { coreInboundSchema, type CoreOutbound } from '../../common/core-protocol.js';
import { systemClock, systemRandom } from '../../ground/clock.js';
import { CORE_LOG_FILE } from '../diagnostics/app-export.js';
import { DEFAULT_LOG_ROTATION, LOG_DIR, openRotatingFile } from '../diagnostics/rotating-file.js';
import { scrubUrlCredentials } from '../diagnostics/redact.js';
import { describeZodError } from '../klikit/schemas.js';
import { startCoreHost, type CoreHost } from './core-host.js';
import { memorySecretStore } from './settings-file.js';
import { errorText } from '../../common/error-text.js';

// The core's process entry under Electron (bundled to dist/core/entry.js and started with
// utilityProcess.fork). It talks to the Electron main over `process.parentPort` only: no electron
// import, so the same core also runs headless and in tests.

type ParentPort = {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: CoreOutbound): void;
};

const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!port) {
  console.error('dist/core/entry.js runs under Electron utilityProcess.fork; use `npm run bridge` for the headless bridge.');
  process.exit(2);
}

// Logs go to stdout and, once the data directory is known, to <dataDir>/logs/core.log (rotated)
// for "Export diagnostics".
const logStreams = pino.multistream([{ stream: pino.destination(1) }]);
const logger = pino({ name: 'core', hooks: { streamWrite: scrubUrlCredentials } }, logStreams);
let host: CoreHost | undefined;
const pending: Array<{ id: number; method: string; args?: unknown }> = [];

async function answer(id: number, method: string, args: unknown): Promise<void> {
  const result = await host!.handle(method, args);
  port!.postMessage({ type: 'response', id, result });
}

port.on('message', ({ data }) => {
  const parsed = coreInboundSchema.safeParse(data);
  if (!parsed.success) {
    logger.warn({ reason: describeZodError(parsed.error) }, 'ignored a malformed message from main');
    return;
  }
  const message = parsed.data;
  if (message.type === 'init' && !host) {
    logStreams.add({ stream: openRotatingFile({ path: join(message.dataDir, LOG_DIR, CORE_LOG_FILE), ...DEFAULT_LOG_ROTATION }) });
    const secrets = memorySecretStore(message.secrets);
    startCoreHost({
      dataDir: message.dataDir,
      clock: systemClock,
      random: systemRandom,
      logger,
      secrets,
      publish: (update) => port.postMessage({ type: 'update', update }),
      // dist/core/entry.js beside dist/renderer: LAN screens get the bundle this window runs.
      rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
      ...(process.env.KITCHEN_BRIDGE_NATIVE_BINDING ? { nativeBinding: process.env.KITCHEN_BRIDGE_NATIVE_BINDING } : {}),
    })
      .then(async (started) => {
        host = started;
        port.postMessage({ type: 'ready' });
        for (const request of pending.splice(0)) await answer(request.id, request.method, request.args);
      })
      .catch((err: unknown) => {
        port.postMessage({ type: 'fatal', message: errorText(err) });
        process.exit(1);
      });
  } else if (message.type === 'request') {
    if (host) void answer(message.id, message.method, message.args);
    else pending.push(message);
  } else if (message.type === 'stop') {
    void (host?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
  }
});
