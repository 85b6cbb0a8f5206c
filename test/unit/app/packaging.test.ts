import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
const semver = require('semver') as { subset(range: string, superset: string): boolean; satisfies(version: string, range: string): boolean };
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<{ asarUnpack?: string[]; files?: unknown; asar?: boolean }>;
  validateConfiguration(config: object, debugLogger: { add(key: string, value: unknown): void }): Promise<void>;
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

type LockEntry = { dev?: boolean; version?: string; engines?: { node?: string } };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const production = Object.entries(lock.packages).filter(([path, meta]) => path.startsWith('node_modules/') && !meta.dev);

/** Every installed package that ships in the app (not dev), as its folder relative to the project. */
function productionPackages(): string[] {
  return production.filter(([path]) => existsSync(join(root, path))).map(([path]) => path);
}

describe('packaging (electron-builder’s resolved config)', async () => {
  const config = await getConfig(root, 'electron-builder.yml', null);
  const unpacked = (path: string): boolean => (config.asarUnpack ?? []).some((pattern) => minimatch(path, pattern, { dot: true }));

  it('is a configuration electron-builder accepts', async () => {
    await expect(validateConfiguration(config, { add: () => {} })).resolves.toBeUndefined();
    expect(config.asar).toBe(true);
  });

  it('keeps every native binary of the production dependencies out of the asar', () => {
    const binaries = productionPackages().flatMap((pkg) => filesUnder(join(root, pkg)).filter((f) => f.endsWith('.node')).map((f) => relative(root, f)));
    const packages = new Set(binaries.map((f) => /^(node_modules\/(?:@[^/]+\/)?[^/]+)/.exec(f)?.[1] ?? f));
    // The native modules this app has, on this platform: if one is missing here the check is void.
    for (const expected of ['node_modules/better-sqlite3', 'node_modules/@serialport/bindings-cpp']) expect(packages).toContain(expected);
    expect([...packages].some((p) => p.startsWith('node_modules/@napi-rs/canvas-'))).toBe(true);
    expect([...packages].some((p) => p.startsWith('node_modules/@koromix/koffi-'))).toBe(true);
    expect(binaries.filter((f) => !unpacked(f))).toEqual([]);
  });

  it('ships the fonts and keeps them on disk for the native rasteriser', () => {
    const fonts = filesUnder(join(root, 'assets/fonts')).map((f) => relative(root, f)).filter((f) => f.endsWith('.ttf'));
    expect(fonts.length).toBeGreaterThan(0);
    expect(JSON.stringify(config.files)).toContain('assets/fonts/**');
    expect(fonts.filter((f) => !unpacked(f))).toEqual([]);
  });

  it('does not unpack what needs no unpacking', () => {
    for (const path of ['dist/app/main.js', 'node_modules/pino/pino.js', 'node_modules/zod/index.js']) expect(unpacked(path), path).toBe(false);
  });
});

describe('engines.node', () => {
  it('allows only Node versions every production dependency supports', () => {
    const ours = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const refusing = production
      .filter(([, meta]) => meta.engines?.node && !semver.subset(ours, meta.engines.node))
      .map(([path, meta]) => `${path}@${meta.version} wants ${meta.engines!.node}`);
    expect(refusing).toEqual([]);
    expect(semver.satisfies('20.19.0', ours)).toBe(true);
    expect(semver.satisfies('21.7.0', ours)).toBe(false);
  });
});
