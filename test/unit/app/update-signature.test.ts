import { generateKeyPairSync } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateState } from '../../../common/update-state.js';
import { updateFeedProblem } from '../../../main/app/update-feed-url.js';
import { downloadVerifier, sha512Of, signUpdate, updateSignatureProblem, type DownloadedUpdate } from '../../../main/app/update-signature.js';
import { builtInFeedOf, startAutoUpdate, type UpdaterPort } from '../../../main/app/updater.js';
import { waitFor } from '../../helpers/wait.js';

const keys = () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
};
const release = keys();
const APPIMAGE = Buffer.from('\x7fELF fake Kitchen Bridge 0.2.0 AppImage '.repeat(500));

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A downloaded AppImage with the feed entry the release command writes for it. */
async function downloaded(bytes: Buffer, version = '0.2.0', signedAs = version, signer = release.privatePem): Promise<DownloadedUpdate> {
  dir ??= mkdtempSync(join(tmpdir(), 'update-sig-'));
  const file = join(dir, `Kitchen-Bridge-${version}.AppImage`);
  writeFileSync(file, APPIMAGE);
  const sha512 = await sha512Of(file);
  const entry = { url: 'Kitchen-Bridge-0.2.0.AppImage', sha512, signature: signUpdate(signedAs, sha512, signer) };
  writeFileSync(file, bytes);
  return { version, downloadedFile: file, files: [entry] };
}

describe('Linux update signatures', () => {
  it('accepts the file the release key signed for this version', async () => {
    expect(await updateSignatureProblem(await downloaded(APPIMAGE), release.publicPem)).toBeNull();
  });

  it('refuses a tampered file, another key, another version, a missing signature and a build without a key', async () => {
    const tampered = Buffer.from(APPIMAGE);
    tampered[100] = 0x21;
    expect(await updateSignatureProblem(await downloaded(tampered), release.publicPem)).toMatch(/lists no signature for the downloaded file/);
    expect(await updateSignatureProblem(await downloaded(APPIMAGE, '0.2.0', '0.2.0', keys().privatePem), release.publicPem)).toMatch(/does not match the release key/);
    expect(await updateSignatureProblem(await downloaded(APPIMAGE, '9.9.9', '0.2.0'), release.publicPem)).toMatch(/does not match the release key/);
    const unsigned = await downloaded(APPIMAGE);
    expect(await updateSignatureProblem({ ...unsigned, files: unsigned.files!.map(({ sha512 }) => ({ sha512 })) }, release.publicPem)).toMatch(/lists no signature/);
    expect(await updateSignatureProblem(unsigned, null)).toMatch(/no update signing key/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(await updateSignatureProblem(unsigned, rsa)).toMatch(/not Ed25519/);
  });

  it('a feed whose sha512 matches the tampered file (the feed is the attacker) is still refused', async () => {
    const update = await downloaded(APPIMAGE);
    const evil = Buffer.from('#!/bin/sh\ntouch /tmp/pwned\n');
    writeFileSync(update.downloadedFile, evil);
    const forged = { ...update, files: [{ sha512: await sha512Of(update.downloadedFile), signature: update.files![0]!.signature }] };
    expect(await updateSignatureProblem(forged, release.publicPem)).toMatch(/does not match the release key/);
  });
});

describe('download verification per platform', () => {
  const read = (files: Record<string, string>) => (path: string): string | null => files[path] ?? null;
  const paths = { publicKey: '/app/dist/update-public-key.pem', appUpdateYml: '/app/resources/app-update.yml' };

  it('Windows leaves it to electron-updater when a publisher is named, and refuses every download when none is', async () => {
    expect(downloadVerifier('win32', read({ [paths.appUpdateYml]: 'provider: generic\npublisherName:\n  - klikit\n' }), paths)).toBeUndefined();
    const refuse = downloadVerifier('win32', read({ [paths.appUpdateYml]: 'provider: generic\n' }), paths)!;
    expect(await refuse({ version: '0.2.0', downloadedFile: 'x' })).toMatch(/names no code-signing publisher/);
  });

  it('Linux checks the release key embedded in the build', async () => {
    const verify = downloadVerifier('linux', read({ [paths.publicKey]: release.publicPem }), paths)!;
    expect(await verify(await downloaded(APPIMAGE))).toBeNull();
  });
});

class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  feeds: unknown[] = [];
  checks = 0;
  installs = 0;
  setFeedURL(options: unknown): void {
    this.feeds.push(options);
  }
  async checkForUpdates(): Promise<unknown> {
    this.checks += 1;
    return null;
  }
  quitAndInstall(): void {
    this.installs += 1;
  }
}

function run(options: { feedUrl?: string; builtInFeedUrl?: string | undefined; verifyDownload?: (u: DownloadedUpdate) => Promise<string | null> }) {
  const updater = new FakeUpdater();
  const states: UpdateState[] = [];
  const auto = startAutoUpdate({
    updater: updater as unknown as UpdaterPort,
    currentVersion: '0.1.0',
    quietInputs: async () => ({ pendingJobs: 0, lastOrderAt: null, now: 0 }),
    setInterval: () => undefined,
    clearInterval: () => {},
    onState: (state) => states.push(state),
    ...options,
  });
  return { updater, states, auto };
}

describe('the updater', () => {
  it.each(['http://updates.example.com/kitchen-bridge', 'file:///tmp/feed', 'https://user:pw@updates.example.com/'])('refuses the feed %s and stays off', (feedUrl) => {
    const { updater, auto } = run({ feedUrl });
    expect(updater.feeds).toEqual([]);
    expect(updater.checks).toBe(0);
    expect(auto.state()).toMatchObject({ phase: 'disabled', detail: expect.stringMatching(/^Updates are off: KITCHEN_BRIDGE_UPDATE_URL must/) });
  });

  it('refuses an http feed built into the app', () => {
    const { updater, auto } = run({ builtInFeedUrl: builtInFeedOf('provider: generic\nurl: http://updates.example.com/kb\nupdaterCacheDirName: kb\n') });
    expect(updater.checks).toBe(0);
    expect(auto.state().detail).toMatch(/^Updates are off: the feed built into this app \(app-update\.yml\) must be an https:\/\/ URL/);
  });

  it('a tampered Linux download is refused: never installed, now or at quit', async () => {
    const { updater, auto } = run({ verifyDownload: (u) => updateSignatureProblem(u, release.publicPem) });
    expect(updater.autoInstallOnAppQuit).toBe(false);
    const tampered = Buffer.from(APPIMAGE);
    tampered[7] = 0;
    updater.emit('update-downloaded', await downloaded(tampered));
    await waitFor('the verdict', () => auto.state().phase === 'error');
    expect(auto.state().detail).toMatch(/^Version 0\.2\.0 was downloaded but refused: .*This version keeps running\.$/);
    expect(await auto.tryInstall()).toBe(false);
    expect(updater.installs).toBe(0);
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });

  it('a signed Linux download installs at a quiet moment', async () => {
    const { updater, auto } = run({ verifyDownload: (u) => updateSignatureProblem(u, release.publicPem) });
    updater.emit('update-downloaded', await downloaded(APPIMAGE));
    await waitFor('ready', () => auto.state().phase === 'ready');
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(await auto.tryInstall()).toBe(true);
    expect(updater.installs).toBe(1);
  });

  it('names the variable when the feed is wrong at build time', () => {
    expect(updateFeedProblem(undefined)).toMatch(/KITCHEN_BRIDGE_UPDATE_URL is not set/);
    expect(updateFeedProblem('https://updates.example.com/kitchen-bridge')).toBeNull();
  });
});
