import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

// Linux updates (AppImage, deb) carry no code signature electron-updater checks: it trusts the sha512
// written in the same feed. Each file in latest-linux.yml therefore carries an Ed25519 signature by
// the integrator's release key over the version and the file's sha512, and the app checks it with
// the public key embedded at build time (dist/update-public-key.pem) before the update may install.
// Binding the version refuses an old signed file offered as a newer one.

/** The file the release command writes the public key to; it ships in the app's asar. */
export const UPDATE_PUBLIC_KEY_FILE = 'update-public-key.pem';

/** Exactly what is signed for one file of one release. */
export const signedMessage = (version: string, sha512: string): Buffer => Buffer.from(`kitchen-bridge update\nversion ${version}\nsha512 ${sha512}\n`, 'utf8');

export const signUpdate = (version: string, sha512: string, privateKeyPem: string): string =>
  sign(null, signedMessage(version, sha512), privateKeyPem).toString('base64');

/** The base64 sha512 of a file, as electron-builder writes it into latest*.yml. */
export async function sha512Of(path: string): Promise<string> {
  const hash = createHash('sha512');
  await pipeline(createReadStream(path), hash);
  return hash.digest('base64');
}

export function ed25519PublicKey(pem: string): KeyObject | string {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : `the update key is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`;
  } catch {
    return 'the update key is not a PEM public key';
  }
}

/** What electron-updater reports with `update-downloaded` (latest-linux.yml plus the local file). */
export type DownloadedUpdate = { version: string; downloadedFile: string; files?: ReadonlyArray<{ sha512?: unknown; signature?: unknown }> };

/** Why the downloaded file may not be installed, or null when the release key signed it for this version. */
export async function updateSignatureProblem(update: DownloadedUpdate, publicKeyPem: string | null): Promise<string | null> {
  if (publicKeyPem === null) return 'this build carries no update signing key, so no update can be verified';
  const key = ed25519PublicKey(publicKeyPem);
  if (typeof key === 'string') return key;
  const sha512 = await sha512Of(update.downloadedFile);
  const signatures = (update.files ?? []).filter((f) => f.sha512 === sha512 && typeof f.signature === 'string').map((f) => f.signature as string);
  if (signatures.length === 0) return `the feed lists no signature for the downloaded file of version ${update.version}`;
  const valid = signatures.some((signature) => verify(null, signedMessage(update.version, sha512), key, Buffer.from(signature, 'base64')));
  return valid ? null : `the signature of version ${update.version} does not match the release key`;
}

export type DownloadVerifier = (update: DownloadedUpdate) => Promise<string | null>;

/**
 * How this platform's downloads are verified before they install. Windows: electron-updater checks the
 * installer's Authenticode signature against `publisherName` in app-update.yml (electron-builder writes
 * it from `win.signtoolOptions.publisherName`); without one it would accept an unsigned installer, so
 * then every download is refused. Linux: the release key's signature (`updateSignatureProblem`).
 */
export function downloadVerifier(platform: NodeJS.Platform, readText: (path: string) => string | null, paths: { publicKey: string; appUpdateYml: string }): DownloadVerifier | undefined {
  if (platform === 'linux') return (update) => updateSignatureProblem(update, readText(paths.publicKey));
  if (platform === 'win32') {
    if (/^publisherName:/m.test(readText(paths.appUpdateYml) ?? '')) return undefined;
    return async () => 'this build names no code-signing publisher (win.signtoolOptions.publisherName), so the installer cannot be verified';
  }
  return undefined;
}
