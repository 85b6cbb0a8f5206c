import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAutoUpdate, type AutoUpdate, type UpdaterPort } from '../../../main/app/updater.js';
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
const { NsisUpdater } = require('electron-updater') as typeof import('electron-updater');

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

function run(updater: InstanceType<typeof NsisUpdater>, pendingJobs: number): { states: UpdateState[] } {
  const states: UpdateState[] = [];
  auto = startAutoUpdate({
    updater: updater as unknown as UpdaterPort,
    currentVersion: '0.1.0',
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
