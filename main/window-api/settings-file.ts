import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DEFAULT_SETTINGS, settingsSchema, type BoundSecret, type SecretName, type Settings } from '../../common/settings.js';
import type { SecretStore, SettingsStore } from './deps.js';
import { errorText } from '../../common/error-text.js';

export const SETTINGS_FILE = 'settings.json';

/** The settings with every top-level field the schema refuses set back to its default, and those fields' names. */
function withDefaultsFor(raw: Record<string, unknown>): { settings: Settings; reset: string[] } | null {
  const first = settingsSchema.safeParse(raw);
  if (first.success) return { settings: first.data, reset: [] };
  const reset = [...new Set(first.error.issues.map((issue) => String(issue.path[0] ?? '')))].filter((key) => Object.hasOwn(DEFAULT_SETTINGS, key));
  const repaired = settingsSchema.safeParse({ ...raw, ...Object.fromEntries(reset.map((key) => [key, DEFAULT_SETTINGS[key as keyof Settings]])) });
  return repaired.success ? { settings: repaired.data, reset } : null;
}

/**
 * Settings kept as JSON beside the database. A missing or unreadable file means "not set up yet"
 * (defaults), never a crash; a field a newer version refuses (a relay URL with cleartext to a public
 * host) goes back to its default alone, so the rest of the set-up survives an upgrade. Writes go
 * through a temp file and a rename so a power cut leaves either the old or the new file.
 */
export function fileSettingsStore(path: string, onUnreadable: (message: string) => void = () => {}): SettingsStore {
  return {
    read(): Settings {
      if (!existsSync(path)) return DEFAULT_SETTINGS;
      try {
        const parsed = withDefaultsFor({ ...DEFAULT_SETTINGS, ...JSON.parse(readFileSync(path, 'utf8')) });
        if (parsed && parsed.reset.length > 0) onUnreadable(`${path}: ${parsed.reset.join(', ')} not valid any more; using the default for ${parsed.reset.length === 1 ? 'it' : 'them'}`);
        if (parsed) return parsed.settings;
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
