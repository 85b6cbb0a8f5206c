import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAutoUpdate, type AutoUpdate, type AutoUpdateDeps, type UpdaterPort } from '../../../main/app/updater.js';
import { signUpdate, updateSignatureProblem } from '../../../main/app/update-signature.js';
import type { UpdateState } from '../../../common/update-state.js';
import { waitFor } from '../../helpers/wait.js';

// electron-updater's own code (GenericProvider, staging, download and sha512 check) against a feed
// on 127.0.0.1. Only what must come from Electron is replaced: `net.request` (by Node's http, whose
// request/response events electron-updater's executor uses the same way) and `session`.
const require = createRequire(import.meta.url);
const electronPath = createRequire(require.resolve('electron-updater')).resolve('electron');
let dir: string;
const fakeApp = {
  isPackaged: true,
  getVersion: () => '0.1.0',
  getName: () => 'Kitchen Bridge',
  getAppPath: () => dir,
  getPath: () => join(dir, 'userData'),
  whenReady: async () => {},
  quit: () => {},
  relaunch: () => {},
  once: () => {},
};
require.cache[electronPath] = {
  id: electronPath,
  filename: electronPath,
  loaded: true,
  exports: { app: fakeApp, net: { request: (options: object) => request(options) }, session: { fromPartition: () => ({}) } },
} as unknown as NodeJS.Module;
const { AppImageUpdater, NsisUpdater } = require('electron-updater') as typeof import('electron-updater');

const INSTALLER = Buffer.from('MZ fake installer for 0.2.0 '.repeat(2000));
const sha512 = createHash('sha512').update(INSTALLER).digest('base64');

let server: Server;
let feed: string;
let requested: string[];
let auto: AutoUpdate | undefined;

function latestYml(stagingPercentage: number): string {
  return [
    'version: 0.2.0',
    'files:',
    '  - url: Kitchen-Bridge-Setup-0.2.0.exe',
    `    sha512: ${sha512}`,
    `    size: ${INSTALLER.length}`,
    'path: Kitchen-Bridge-Setup-0.2.0.exe',
    `sha512: ${sha512}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    `stagingPercentage: ${stagingPercentage}`,
    '',
  ].join('\n');
}

async function serveFeed(stagingPercentage: number): Promise<void> {
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    requested.push(path);
    if (/^\/latest(-linux|-mac)?\.yml$/.test(path)) res.writeHead(200, { 'content-type': 'text/yaml' }).end(latestYml(stagingPercentage));
    else if (path === '/Kitchen-Bridge-Setup-0.2.0.exe') res.writeHead(200, { 'content-length': INSTALLER.length }).end(INSTALLER);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feed = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

function packagedUpdater(): InstanceType<typeof NsisUpdater> {
  // What electron-builder writes into resources/ from `publish` (electron-builder.yml).
  writeFileSync(join(dir, 'app-update.yml'), `provider: generic\nurl: ${feed}\nupdaterCacheDirName: kitchen-bridge-updater\n`);
  mkdirSync(join(dir, 'userData'));
  // Packaged: app-update.yml is read from process.resourcesPath, the download cached under
  // XDG_CACHE_HOME (both pointed into this test's directory).
  const updater = new NsisUpdater();
  updater.logger = null;
  updater.disableWebInstaller = true;
  return updater;
}

function run(updater: InstanceType<typeof NsisUpdater> | InstanceType<typeof AppImageUpdater>, pendingJobs: number, verifyDownload?: AutoUpdateDeps['verifyDownload']): { states: UpdateState[] } {
  const states: UpdateState[] = [];
  auto = startAutoUpdate({
    updater: updater as unknown as UpdaterPort,
    currentVersion: '0.1.0',
    ...(verifyDownload ? { verifyDownload } : {}),
    quietInputs: async () => ({ pendingJobs, lastOrderAt: null, now: Date.now() }),
    setInterval: () => undefined,
    clearInterval: () => {},
    onState: (state) => states.push(state),
  });
  return { states };
}

const saved = { resourcesPath: process.resourcesPath, cache: process.env.XDG_CACHE_HOME };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'updater-'));
  requested = [];
  Object.assign(process, { resourcesPath: dir });
  process.env.XDG_CACHE_HOME = join(dir, 'cache');
});
afterEach(async () => {
  Object.assign(process, { resourcesPath: saved.resourcesPath });
  if (saved.cache === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = saved.cache;
  auto?.stop();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('electron-updater against a generic feed on 127.0.0.1', () => {
  it('reports the available version, downloads and checks the installer, and holds the install while tickets are pending', async () => {
    await serveFeed(100);
    const updater = packagedUpdater();
    const { states } = run(updater, 1);
    await waitFor('update downloaded', () => states.find((s) => s.phase === 'ready'), { timeoutMs: 15_000 });
    expect(states.map((s) => s.phase)).toContain('downloading');
    expect(auto!.state()).toMatchObject({ phase: 'ready', currentVersion: '0.1.0', version: '0.2.0' });
    expect(requested[0]).toMatch(/^\/latest(-linux)?\.yml$/);
    expect(requested).toContain('/Kitchen-Bridge-Setup-0.2.0.exe');
    const pending = join(dir, 'cache/kitchen-bridge-updater/pending');
    const installer = readdirSync(pending).find((name) => name.endsWith('.exe'))!;
    expect(readFileSync(join(pending, installer)).equals(INSTALLER)).toBe(true);

    expect(await auto!.tryInstall()).toBe(false);
    expect(auto!.state()).toMatchObject({ phase: 'ready', detail: 'waiting: 1 ticket still to print' });
  });

  it('leaves a machine outside the staged rollout on its version', async () => {
    await serveFeed(0);
    const { states } = run(packagedUpdater(), 0);
    await waitFor('check finished', () => states.find((s) => s.phase === 'current' || s.phase === 'error'), { timeoutMs: 15_000 });
    expect(auto!.state()).toMatchObject({ phase: 'current', version: null, detail: '' });
    expect(requested.filter((path) => path.endsWith('.exe'))).toEqual([]);
  });
});

// The release key of the build, and an AppImage signed with it the way `npm run release` signs it.
const releaseKey = generateKeyPairSync('ed25519');
const PUBLIC_PEM = releaseKey.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const APPIMAGE = Buffer.from('\x7fELF Kitchen Bridge 0.2.0 AppImage '.repeat(2000));
const sha512Of = (bytes: Buffer): string => createHash('sha512').update(bytes).digest('base64');
const GENUINE_SIGNATURE = signUpdate('0.2.0', sha512Of(APPIMAGE), releaseKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());

/** A Linux feed whose latest-linux.yml lists `served` with its own sha512 (the feed is trusted for nothing else). */
async function serveLinuxFeed(served: Buffer, signature: string): Promise<void> {
  const yml = ['version: 0.2.0', 'files:', '  - url: Kitchen-Bridge-0.2.0.AppImage', `    sha512: ${sha512Of(served)}`, `    size: ${served.length}`, `    signature: ${signature}`, 'path: Kitchen-Bridge-0.2.0.AppImage', `sha512: ${sha512Of(served)}`, "releaseDate: '2026-12-01T10:00:00.000Z'", ''].join('\n');
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    requested.push(path);
    if (path === '/latest-linux.yml') res.writeHead(200, { 'content-type': 'text/yaml' }).end(yml);
    else if (path === '/Kitchen-Bridge-0.2.0.AppImage') res.writeHead(200, { 'content-length': served.length }).end(served);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feed = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

function appImageUpdater(): InstanceType<typeof AppImageUpdater> {
  writeFileSync(join(dir, 'app-update.yml'), `provider: generic\nurl: ${feed}\nupdaterCacheDirName: kitchen-bridge-updater\n`);
  mkdirSync(join(dir, 'userData'));
  // The running AppImage electron-updater would replace.
  writeFileSync(join(dir, 'Kitchen-Bridge-0.1.0.AppImage'), 'old');
  process.env.APPIMAGE = join(dir, 'Kitchen-Bridge-0.1.0.AppImage');
  const updater = new AppImageUpdater();
  updater.logger = null;
  updater.disableDifferentialDownload = true;
  return updater;
}

describe.runIf(process.platform === 'linux')('electron-updater’s AppImage updater with the release-key check', () => {
  afterEach(() => {
    delete process.env.APPIMAGE;
  });
  const verify: AutoUpdateDeps['verifyDownload'] = (update) => updateSignatureProblem(update, PUBLIC_PEM);

  it('installs the AppImage the release key signed', async () => {
    await serveLinuxFeed(APPIMAGE, GENUINE_SIGNATURE);
    const updater = appImageUpdater();
    run(updater, 0, verify);
    await waitFor('verified', () => auto!.state().phase === 'ready' || auto!.state().phase === 'error', { timeoutMs: 15_000 });
    expect(auto!.state()).toMatchObject({ phase: 'ready', version: '0.2.0' });
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });

  it('refuses a tampered AppImage even with a feed that lists its sha512: never installed, now or at quit', async () => {
    const tampered = Buffer.concat([APPIMAGE, Buffer.from('\n#!/bin/sh\ntouch /tmp/pwned\n')]);
    await serveLinuxFeed(tampered, GENUINE_SIGNATURE);
    const updater = appImageUpdater();
    run(updater, 0, verify);
    await waitFor('verified', () => auto!.state().phase === 'ready' || auto!.state().phase === 'error', { timeoutMs: 15_000 });
    expect(requested).toContain('/Kitchen-Bridge-0.2.0.AppImage');
    expect(auto!.state()).toMatchObject({ phase: 'error', detail: expect.stringMatching(/^Version 0\.2\.0 was downloaded but refused: the signature of version 0\.2\.0 does not match the release key/) });
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(await auto!.tryInstall()).toBe(false);
  });
});

