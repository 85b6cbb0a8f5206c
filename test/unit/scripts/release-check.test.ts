import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { sha512Of, updateSignatureProblem } from '../../../main/app/update-signature.js';
import { releaseProblems, signLinuxFeeds } from '../../../scripts/release-check.js';

const pair = () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
};
const keys = pair();
const files: Record<string, string> = { '/keys/update.pub': keys.publicPem, '/keys/update.key': keys.privatePem };
const read = (path: string): string | null => files[path] ?? null;
const FEED = 'https://updates.example.com/kitchen-bridge';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('a release build', () => {
  it('is refused without an https feed, naming the variable', () => {
    for (const url of [undefined, 'http://updates.example.com/kb', 'file:///srv/feed']) {
      const env = { KITCHEN_BRIDGE_UPDATE_URL: url, KITCHEN_BRIDGE_PUBLISHER_NAME: 'klikit', CSC_LINK: 'cert.pfx' };
      expect(releaseProblems(env, 'win', read)).toEqual([expect.stringMatching(/^KITCHEN_BRIDGE_UPDATE_URL (is not set|must be an https:\/\/ URL)/)]);
    }
  });

  it('for Windows needs the certificate and the publisher name', () => {
    expect(releaseProblems({ KITCHEN_BRIDGE_UPDATE_URL: FEED }, 'win', read)).toEqual([
      expect.stringMatching(/^KITCHEN_BRIDGE_PUBLISHER_NAME is not set/),
      expect.stringMatching(/^CSC_LINK \(or WIN_CSC_LINK\) is not set/),
    ]);
    expect(releaseProblems({ KITCHEN_BRIDGE_UPDATE_URL: FEED, KITCHEN_BRIDGE_PUBLISHER_NAME: 'klikit', WIN_CSC_LINK: 'c.pfx' }, 'win', read)).toEqual([]);
  });

  it('for Linux needs a readable Ed25519 key pair', () => {
    const env = { KITCHEN_BRIDGE_UPDATE_URL: FEED, KITCHEN_BRIDGE_UPDATE_PUBLIC_KEY: '/keys/update.pub', KITCHEN_BRIDGE_UPDATE_SIGNING_KEY: '/keys/update.key' };
    expect(releaseProblems(env, 'linux', read)).toEqual([]);
    expect(releaseProblems({ KITCHEN_BRIDGE_UPDATE_URL: FEED }, 'linux', read)).toEqual([expect.stringContaining('KITCHEN_BRIDGE_UPDATE_PUBLIC_KEY and KITCHEN_BRIDGE_UPDATE_SIGNING_KEY must name')]);
    expect(releaseProblems({ ...env, KITCHEN_BRIDGE_UPDATE_SIGNING_KEY: '/keys/missing' }, 'linux', read)).toEqual(['KITCHEN_BRIDGE_UPDATE_SIGNING_KEY: cannot read /keys/missing']);
    expect(releaseProblems({ ...env, KITCHEN_BRIDGE_UPDATE_SIGNING_KEY: '/keys/update.pub' }, 'linux', read)).toEqual([expect.stringMatching(/is not an Ed25519 private key/)]);
  });

  it('signs every file of the Linux feed so that the app accepts it, after checking its sha512', async () => {
    dir = mkdtempSync(join(tmpdir(), 'release-'));
    writeFileSync(join(dir, 'Kitchen-Bridge-0.2.0.AppImage'), 'appimage bytes');
    writeFileSync(join(dir, 'kitchen-bridge_0.2.0_amd64.deb'), 'deb bytes');
    const entries = await Promise.all(['Kitchen-Bridge-0.2.0.AppImage', 'kitchen-bridge_0.2.0_amd64.deb'].map(async (url) => ({ url, sha512: await sha512Of(join(dir!, url)), size: 9 })));
    writeFileSync(join(dir, 'latest-linux.yml'), stringify({ version: '0.2.0', files: entries, path: entries[0]!.url, releaseDate: '2026-12-07T08:00:00.000Z' }));
    expect(await signLinuxFeeds(dir, keys.privatePem, keys.publicPem)).toEqual(['latest-linux.yml']);
    const feed = parse(readFileSync(join(dir, 'latest-linux.yml'), 'utf8')) as { version: string; files: Array<{ url: string; sha512: string; signature: string }> };
    for (const file of feed.files) {
      expect(await updateSignatureProblem({ version: feed.version, downloadedFile: join(dir, file.url), files: feed.files }, keys.publicPem)).toBeNull();
    }
    writeFileSync(join(dir, 'kitchen-bridge_0.2.0_amd64.deb'), 'swapped after the build');
    await expect(signLinuxFeeds(dir, keys.privatePem, keys.publicPem)).rejects.toThrow(/does not have the sha512 the feed lists/);
  });
});
