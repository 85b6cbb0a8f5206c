import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DEFAULT_SETTINGS, settingsSchema, type BoundSecret, type SecretName, type Settings } from '../../common/settings.js';
import type { SecretStore, SettingsStore } from './deps.js';
import { errorText } from '../../common/error-text.js';

export const SETTINGS_FILE = 'settings.json';

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
 * The core keeps the window's secrets in memory only, each with the origin it was entered for:
 * under Electron the main process owns them (encrypted with safeStorage) and hands them over at start.
 */
export function memorySecretStore(initial: Partial<Record<SecretName, BoundSecret>> = {}): SecretStore {
  const values = new Map<SecretName, BoundSecret>(Object.entries(initial) as Array<[SecretName, BoundSecret]>);
  return {
    get: (name) => values.get(name),
    set: (name, secret) => void values.set(name, secret),
    drop: (name) => void values.delete(name),
  };
}
