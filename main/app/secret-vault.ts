import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SafeStorage } from 'electron';
import { z } from 'zod';
import { secretNameSchema, type SecretName } from '../../common/settings.js';

// Secrets (relay token, klikit secret key) at rest: each value encrypted with the OS keychain via
// safeStorage, stored as base64 in one file under userData. They go to the core process at start
// and never back to the renderer.

const fileSchema = z.partialRecord(secretNameSchema, z.string());

export type SecretVault = {
  load(): Partial<Record<SecretName, string>>;
  set(name: SecretName, value: string): { ok: true } | { ok: false; message: string };
};

export function createSecretVault(safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>, file: string): SecretVault {
  function readBlobs(): Partial<Record<SecretName, string>> {
    if (!existsSync(file)) return {};
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : {};
  }
  return {
    load() {
      if (!safeStorage.isEncryptionAvailable()) return {};
      const out: Partial<Record<SecretName, string>> = {};
      for (const [name, blob] of Object.entries(readBlobs()) as Array<[SecretName, string]>) {
        try {
          out[name] = safeStorage.decryptString(Buffer.from(blob, 'base64'));
        } catch {
          // Encrypted under another OS user or keychain: it must be entered again.
        }
      }
      return out;
    },
    set(name, value) {
      if (!safeStorage.isEncryptionAvailable()) {
        return { ok: false, message: 'this computer offers no secure storage for secrets (on Linux, a keyring such as gnome-keyring or kwallet is needed)' };
      }
      const blobs = { ...readBlobs(), [name]: safeStorage.encryptString(value).toString('base64') };
      const temp = `${file}.tmp`;
      writeFileSync(temp, JSON.stringify(blobs), { mode: 0o600 });
      renameSync(temp, file);
      return { ok: true };
    },
  };
}
