import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DEFAULT_SETTINGS, settingsSchema, type SecretName, type Settings } from '../../common/settings.js';
import type { SecretStore, SettingsStore } from './deps.js';
import { errorText } from '../../common/error-text.js';

/**
 * Settings kept as JSON beside the database. A missing or unreadable file means "not set up yet"
 * (defaults), never a crash; writes go through a temp file and a rename so a power cut leaves
 * either the old or the new file.
 */
export function fileSettingsStore(path: string, onUnreadable: (message: string) => void = () => {}): SettingsStore {
  return {
    read(): Settings {
      if (!existsSync(path)) return DEFAULT_SETTINGS;
      try {
        const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...JSON.parse(readFileSync(path, 'utf8')) });
        if (parsed.success) return parsed.data;
        onUnreadable(`${path} holds invalid settings; using defaults`);
      } catch (err) {
        onUnreadable(`${path} is unreadable (${errorText(err)}); using defaults`);
      }
      return DEFAULT_SETTINGS;
    },
    write(settings: Settings): void {
      const temp = `${path}.tmp`;
      writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, path);
    },
  };
}

/**
 * The core keeps secrets in memory only: under Electron the main process owns them (encrypted
 * with safeStorage) and hands them over at start; headless, they come from the config file.
 */
export function memorySecretStore(initial: Partial<Record<SecretName, string>> = {}, onChange: (name: SecretName) => void = () => {}): SecretStore & { get(name: SecretName): string | undefined } {
  const values = new Map<SecretName, string>(Object.entries(initial) as Array<[SecretName, string]>);
  return {
    isSet: (name) => (values.get(name) ?? '') !== '',
    get: (name) => values.get(name),
    set(name, value) {
      values.set(name, value);
      onChange(name);
    },
  };
}
