import { bridgeMethods, type BridgeResult } from '../../common/bridge-api.js';
import { SECRET_NEEDS_URL, secretOrigin, type SaveSettingsResult, type Settings } from '../../common/settings.js';
import type { Intercept } from './ipc.js';
import type { Origins, SecretVault } from './secret-vault.js';

// The window's two calls that touch secrets, as the Electron main handles them: a secret is stored
// bound to the origin the settings send it to when it is entered, and a save that moves a URL to
// another origin drops the stored secret for it from the vault (the core drops its copy too).

export const originsOf = (settings: Pick<Settings, 'relayUrl' | 'klikitBaseUrl'>): Origins => ({
  relayToken: secretOrigin(settings, 'relayToken'),
  klikitSecretKey: secretOrigin(settings, 'klikitSecretKey'),
});

const answer = (value: unknown): BridgeResult<unknown> => ({ ok: true, value });

export function secretIntercepts(vault: SecretVault, onSaved: (result: SaveSettingsResult) => void): Required<Pick<Intercept, 'setSecret' | 'saveSettings'>> {
  return {
    async setSecret(args, forward) {
      const { name, value } = bridgeMethods.setSecret.args.parse(args);
      const current = await forward('getSettings', undefined);
      if (!current.ok) return current;
      const view = bridgeMethods.getSettings.result.parse(current.value);
      const origin = secretOrigin(view.settings, name);
      if (origin === null) return answer({ ok: false, message: SECRET_NEEDS_URL[name] });
      const stored = vault.set(name, value, origin);
      if (!stored.ok) return answer({ ok: false, message: stored.message });
      return forward('setSecret', args);
    },
    async saveSettings(args, forward) {
      const result = await forward('saveSettings', args);
      const saved = result.ok ? bridgeMethods.saveSettings.result.safeParse(result.value).data : undefined;
      if (saved?.ok) {
        vault.keepMatching(originsOf(saved.view.settings));
        onSaved(saved);
      }
      return result;
    },
  };
}
