import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { initSecretsSchema } from '../../../../common/core-protocol.js';
import { DESKTOP_GRANT } from '../../../../common/screen-grant.js';
import { systemClock, systemRandom } from '../../../../ground/clock.js';
import { startCoreHost } from '../../../../main/window-api/core-host.js';
import { memorySecretStore } from '../../../../main/window-api/settings-file.js';

// The real core (bridge + window API) in this child process, with the window served by the product's
// own screen server (main/screens) on 127.0.0.1: the page opens the per-run launch URL and gets the
// desktop grant, and `window.bridge` is the product's socket client (renderer/screen-link), the one
// LAN screens and browser mode use. Prints `LISTENING <port> <token>` when ready.

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

type FakeDiscovery = { serialPorts: Array<{ path: string; manufacturer?: string }>; deviceNames: Record<string, string[]> };
const fake = values.discovery ? (JSON.parse(values.discovery) as FakeDiscovery) : undefined;
const token = randomBytes(16).toString('base64url');

const host = await startCoreHost({
  dataDir: values.data,
  clock: systemClock,
  random: systemRandom,
  logger: pino({ level: process.env.CORE_LOG_LEVEL ?? 'warn' }, pino.destination(2)),
  secrets: memorySecretStore(initSecretsSchema.parse(JSON.parse(values.secrets))),
  publish: () => {},
  configOverrides: JSON.parse(values.overrides) as Record<string, unknown>,
  feedIntervalMs: 50,
  rendererDir: values.renderer,
  launch: { token, grant: DESKTOP_GRANT },
  ...(fake ? { discovery: { serialPorts: async () => fake.serialPorts, deviceNames: async (dir: string) => fake.deviceNames[dir] ?? [] } } : {}),
});

process.stdout.write(`LISTENING ${host.screens.port() ?? 0} ${token}\n`);

async function shutdown(): Promise<void> {
  await host.stop();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
