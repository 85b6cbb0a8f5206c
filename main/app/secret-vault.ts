import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SafeStorage } from 'electron';
import * as z from 'zod';
import { secretNameSchema, type BoundSecret, type SecretName } from '../../common/settings.js';

// Secrets (relay token, klikit secret key) at rest: each value encrypted with the OS keychain via
// safeStorage, stored as base64 in one file under userData together with the origin (scheme, host,
// port) it was entered for. They go to the core process at start and never back to the renderer;
// the core sends each only to its origin (common/settings.ts `usableSecret`).

const entrySchema = z.object({ blob: z.string(), origin: z.string().min(1) });
/** A bare string is a secret stored before secrets were bound to an origin. */
const fileSchema = z.partialRecord(secretNameSchema, z.union([entrySchema, z.string()]));
type Entries = Partial<Record<SecretName, z.infer<typeof entrySchema>>>;

export type Origins = Record<SecretName, string | null>;

export type SecretVault = {
  load(): Partial<Record<SecretName, BoundSecret>>;
  set(name: SecretName, value: string, origin: string): { ok: true } | { ok: false; message: string };
  /** Drops every secret not bound to the origin the settings now send it to. */
  keepMatching(origins: Origins): void;
  /** Binds secrets stored before binding existed to the origins the settings had when this version first started. */
  bindUnbound(origins: Origins): void;
};

export function createSecretVault(safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>, file: string): SecretVault {
  function readFile(): Partial<Record<SecretName, z.infer<typeof fileSchema>[SecretName]>> {
    if (!existsSync(file)) return {};
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : {};
  }
  const bound = (): Entries =>
    Object.fromEntries(Object.entries(readFile()).filter(([, entry]) => typeof entry === 'object')) as Entries;
  function write(entries: Record<string, unknown>): void {
    const temp = `${file}.tmp`;
    writeFileSync(temp, JSON.stringify(entries), { mode: 0o600 });
    renameSync(temp, file);
  }
  return {
    load() {
      if (!safeStorage.isEncryptionAvailable()) return {};
      const out: Partial<Record<SecretName, BoundSecret>> = {};
      for (const [name, entry] of Object.entries(bound()) as Array<[SecretName, z.infer<typeof entrySchema>]>) {
        try {
          out[name] = { value: safeStorage.decryptString(Buffer.from(entry.blob, 'base64')), origin: entry.origin };
        } catch {
          // Encrypted under another OS user or keychain: it must be entered again.
        }
      }
      return out;
    },
    set(name, value, origin) {
      if (!safeStorage.isEncryptionAvailable()) {
        return { ok: false, message: 'this computer offers no secure storage for secrets (on Linux, a keyring such as gnome-keyring or kwallet is needed)' };
      }
      write({ ...readFile(), [name]: { blob: safeStorage.encryptString(value).toString('base64'), origin } });
      return { ok: true };
    },
    keepMatching(origins) {
      const entries = readFile();
      const kept = Object.entries(entries).filter(([name, entry]) => typeof entry === 'object' && entry.origin === origins[name as SecretName]);
      if (kept.length !== Object.keys(entries).length) write(Object.fromEntries(kept));
    },
    bindUnbound(origins) {
      const entries = readFile();
      if (!Object.values(entries).some((entry) => typeof entry === 'string')) return;
      const rebound = Object.entries(entries).flatMap(([name, entry]) => {
        if (typeof entry === 'object') return [[name, entry]];
        const origin = origins[name as SecretName];
        return origin === null ? [] : [[name, { blob: entry, origin }]];
      });
      write(Object.fromEntries(rebound));
    },
  };
}
