import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { BridgeUpdate } from '../../common/bridge-api.js';
import { createScreenService, type ScreenService } from '../screens/screen-service.js';
import { startHeadlessWindow } from '../window-api/headless-window.js';
import type { Bridge } from './bridge.js';
import { systemClock, systemRandom } from '../../ground/clock.js';
import type { BridgeConfig } from './config.js';

// The headless bridge's screens: LAN screens when the config enables them, and browser mode
// (`npm run window`): the board on 127.0.0.1, opened by a per-run token printed in the URL, granted
// as a counter (a headless bridge's settings are its config file, so there is no Settings to show).

export type ServedScreens = { stop(): Promise<void> };

/** dist/bridge/cli.js beside dist/renderer (scripts/build.mjs). */
const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));

export async function serveScreens(bridge: Bridge, config: BridgeConfig, browserMode: boolean, logger: Logger, rendererDir = RENDERER_DIR): Promise<ServedScreens | undefined> {
  if (!config.screens.enabled && !browserMode) return undefined;
  const token = randomBytes(24).toString('base64url');
  let publishToScreens: (update: BridgeUpdate) => void = () => {};
  let handle: ReturnType<typeof startHeadlessWindow>['handle'] = async () => ({ ok: false, error: 'starting' });
  const screens: ScreenService = createScreenService({
    db: () => bridge.db,
    clock: systemClock,
    logger,
    handle: (method, args, reader) => handle(method, args, reader),
    rendererDir,
    stations: () => config.printers.map((p) => p.id),
    ...(browserMode ? { launch: { token, grant: { kind: 'counter' } } } : {}),
  });
  const window = startHeadlessWindow({ bridge, config, clock: systemClock, random: systemRandom, logger, publish: (u) => publishToScreens(u), screens: screens.admin });
  handle = window.handle;
  publishToScreens = screens.publish;
  // Browser mode alone serves this computer only; with LAN screens on, the same server does both.
  try {
    await screens.configure(config.screens.enabled ? config.screens : { enabled: true, port: 0, bind: '127.0.0.1', hostNames: [] });
  } catch (err) {
    // No board served: its outboxes and auto-accept must not go on against a bridge about to stop.
    await window.stop();
    await screens.stop();
    throw err;
  }
  if (browserMode) process.stdout.write(`The board is at http://127.0.0.1:${screens.port()}/launch?token=${token}\n`);
  return {
    async stop() {
      await screens.stop();
      await window.stop();
    },
  };
}
