import * as fs from 'node:fs';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { abiOfAddon, buildEnv, electronBinaryStatus, ensureElectronSqlite, type Run } from '../../../scripts/electron-native.mjs';

const addon = (abi: number): Buffer => Buffer.concat([Buffer.from('\x7fELF....'), Buffer.from(`node_register_module_v${abi}\0`), Buffer.alloc(64)]);
const ELECTRON_ABI = 148;

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'electron-native-'));
  mkdirSync(join(root, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
  writeFileSync(join(root, 'node_modules/better-sqlite3/package.json'), '{"name":"better-sqlite3"}');
  writeFileSync(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), addon(115));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const built = (cwd: string, abi: number): void => {
  mkdirSync(join(cwd, 'build/Release'), { recursive: true });
  writeFileSync(join(cwd, 'build/Release/better_sqlite3.node'), addon(abi));
};

function ensure(run: Run, env: Record<string, string> = {}) {
  const progress: string[] = [];
  const result = ensureElectronSqlite({ root, version: '43.1.0', arch: 'x64', expectedAbi: ELECTRON_ABI, env, fs, run, progress: (line) => progress.push(line), bin: (name) => `/bin/${name}` });
  return { result, progress };
}

describe('electronBinaryStatus', () => {
  it('says the binary is missing, where, and what to do instead', () => {
    const dir = join(root, 'node_modules/electron');
    mkdirSync(dir, { recursive: true });
    const status = electronBinaryStatus({ electronDir: dir, env: {}, fs, nodeVersion: '20.20.2' });
    expect(status.ok).toBe(false);
    if (status.ok) return;
    expect(status.message).toContain('the Electron binary is not installed');
    expect(status.message).toContain('npx install-electron');
    expect(status.message).toContain('npm run bridge');
    expect(status.message).toContain('needs Node >= 22.12, this is Node 20.20.2');
  });

  it('finds the binary that path.txt names, and honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const dir = join(root, 'node_modules/electron');
    mkdirSync(join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(electronBinaryStatus({ electronDir: dir, env: {}, fs, nodeVersion: '22.12.0' }).ok).toBe(false);
    writeFileSync(join(dir, 'dist/electron'), '');
    expect(electronBinaryStatus({ electronDir: dir, env: {}, fs, nodeVersion: '22.12.0' })).toEqual({ ok: true, path: join(dir, 'dist/electron') });
    expect(electronBinaryStatus({ electronDir: dir, env: { ELECTRON_OVERRIDE_DIST_PATH: join(root, 'nowhere') }, fs, nodeVersion: '22.12.0' }).ok).toBe(false);
  });
});

describe('abiOfAddon and buildEnv', () => {
  it('reads the module version from the init symbol', () => {
    expect(abiOfAddon(addon(148))).toBe(148);
    expect(abiOfAddon(Buffer.from('napi_register_module_v1'))).toBeNull();
  });

  it('drops npmrc settings that would override the Electron target, keeps the rest', () => {
    expect(buildEnv({ npm_config_nodedir: '/usr', NPM_CONFIG_NODEDIR: '/usr', npm_config_target: '20.0.0', npm_config_cache: '/c', PATH: '/bin' })).toEqual({ npm_config_cache: '/c', PATH: '/bin' });
  });
});

describe('ensureElectronSqlite', () => {
  it('uses a prebuilt binary for Electron, built beside and never instead of the Node one', async () => {
    const calls: { command: string; args: string[]; env: Record<string, string | undefined> }[] = [];
    const { result, progress } = ensure(async (command, args, { cwd, env }) => {
      calls.push({ command, args, env });
      built(cwd, ELECTRON_ABI);
      return { code: 0, output: 'prebuild-install info downloading\n' };
    }, { npm_config_nodedir: '/usr', PATH: '/bin' });
    const answer = await result;
    expect(answer).toEqual({ ok: true, path: join(root, '.native/electron/43.1.0-x64/better-sqlite3/build/Release/better_sqlite3.node') });
    expect(calls).toEqual([{ command: '/bin/prebuild-install', args: ['--runtime', 'electron', '--target', '43.1.0', '--arch', 'x64'], env: { PATH: '/bin' } }]);
    expect(progress).toHaveLength(1);
    expect(abiOfAddon(readFileSync(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')))).toBe(115);
  });

  it('compiles against Electron headers when there is no prebuilt binary, ignoring npmrc nodedir', async () => {
    const calls: { command: string; args: string[]; env: Record<string, string | undefined> }[] = [];
    const answer = await ensure(async (command, args, { cwd, env }) => {
      calls.push({ command, args, env });
      if (command.endsWith('prebuild-install')) return { code: 1, output: 'prebuild-install warn install No prebuilt binaries found\n' };
      built(cwd, ELECTRON_ABI);
      return { code: 0, output: 'gyp info ok\n' };
    }, { npm_config_nodedir: '/usr' }).result;
    expect(answer.ok).toBe(true);
    expect(calls[1]).toEqual({
      command: '/bin/node-gyp',
      args: ['rebuild', '--release', '--target=43.1.0', '--arch=x64', '--dist-url=https://electronjs.org/headers', '--build-from-source'],
      env: {},
    });
  });

  it('refuses and deletes a binary built for the wrong ABI (the nodedir bug) instead of caching it', async () => {
    const answer = await ensure(async (command, _args, { cwd }) => {
      if (command.endsWith('prebuild-install')) return { code: 1, output: '' };
      built(cwd, 115);
      return { code: 0, output: '' };
    }).result;
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.message).toContain('has ABI 115, Electron needs 148; it was deleted, not cached');
    expect(answer.message).toContain('nodedir');
    expect(fs.existsSync(join(root, '.native/electron/43.1.0-x64/better-sqlite3'))).toBe(false);
  });

  it('replaces a wrong binary cached by an earlier start and reuses a right one without running anything', async () => {
    built(join(root, '.native/electron/43.1.0-x64/better-sqlite3'), 115);
    let runs = 0;
    const rebuild: Run = async (_c, _a, { cwd }) => {
      runs += 1;
      built(cwd, ELECTRON_ABI);
      return { code: 0, output: '' };
    };
    expect((await ensure(rebuild).result).ok).toBe(true);
    expect(runs).toBe(1);
    expect((await ensure(rebuild).result).ok).toBe(true);
    expect(runs).toBe(1);
  });

  it('keeps the compiler output for a failure and says what failed in its last lines', async () => {
    const noisy = Array.from({ length: 95 }, (_, i) => `  CXX(target) line ${i}`).join('\n');
    const answer = await ensure(async (command) =>
      command.endsWith('prebuild-install')
        ? { code: 1, output: 'no prebuilt\n' }
        : { code: 1, output: `${noisy}\ngyp ERR! stack Error: getaddrinfo ENOTFOUND electronjs.org\n` },
    ).result;
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.message).toContain('could not build better-sqlite3 for Electron 43.1.0');
    expect(answer.message).toContain('ENOTFOUND electronjs.org');
    expect(answer.message.split('\n').length).toBeLessThan(6);
    expect(answer.output).toContain('line 94');
  });
});
