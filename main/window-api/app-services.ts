import { basename } from 'node:path';
import type { Logger } from 'pino';
import type { ExportOutcome, Health } from '../../common/bridge-api.js';
import { usableSecret } from '../../common/settings.js';
import type { UpdateState } from '../../common/update-state.js';
import type { Clock } from '../../ground/clock.js';
import { exportAppDiagnostics } from '../diagnostics/app-export.js';
import { APP_VERSION } from '../diagnostics/versions.js';
import type { Db } from '../store/connection.js';
import type { SecretStore, SettingsStore } from './deps.js';
import { errorText } from '../../common/error-text.js';
import type { Translator } from '../../common/i18n/translator.js';
import { ENGLISH } from '../core/core-language.js';

// The window's "about this app" operations as the core answers them. Under Electron the main
// process answers getAppStatus itself (it owns the updater); the core's answer is what a window
// without that main process (the test transport) should see: the version, updates not managed here.

export type AppServicesDeps = {
  dataDir: string;
  clock: Clock;
  logger: Logger;
  db: () => Db;
  settings: SettingsStore;
  secrets: SecretStore;
  health: () => Health;
  /** The window's language now; English when absent. */
  words?: () => Translator;
};

export function appServices(deps: AppServicesDeps): { status(): UpdateState; exportDiagnostics(): Promise<ExportOutcome> } {
  return {
    status: () => ({ phase: 'disabled', currentVersion: APP_VERSION, version: null, percent: null, detail: (deps.words ?? ENGLISH)().t('core.update.byDesktop') }),
    async exportDiagnostics(): Promise<ExportOutcome> {
      try {
        const settings = deps.settings.read();
        const relayToken = deps.secrets.get('relayToken');
        const klikitSecretKey = deps.secrets.get('klikitSecretKey');
        const written = await exportAppDiagnostics({
          dataDir: deps.dataDir,
          clock: deps.clock,
          db: deps.db(),
          settings,
          secrets: {
            set: { relayToken: usableSecret(settings, 'relayToken', relayToken) !== undefined, klikitSecretKey: usableSecret(settings, 'klikitSecretKey', klikitSecretKey) !== undefined },
            values: [relayToken?.value, klikitSecretKey?.value],
          },
          health: deps.health(),
        });
        deps.logger.info(written, 'diagnostics archive written');
        return { ok: true, path: written.path, message: `Diagnostics saved as ${basename(written.path)} (${Math.max(1, Math.round(written.bytes / 1024))} KB)` };
      } catch (err) {
        deps.logger.error({ err }, 'diagnostics archive failed');
        return { ok: false, message: `The diagnostics could not be saved: ${errorText(err)}` };
      }
    },
  };
}
