import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeCacheFile, codeCacheKey, readCodeCache } from '../../../scripts/code-cache.cjs';

// scripts/code-cache.cjs, as scripts/run-bundled.cjs uses it, on a small CommonJS bundle: each run is
// a process of its own. V8 itself would take a cache made for another source of the same length (and
// run the old code) and a cache whose bytes were damaged: these runs must not.

const CODE_CACHE = fileURLToPath(new URL('../../../scripts/code-cache.cjs', import.meta.url));
const bundleSource = (factor: number): string =>
  [
    'const { basename } = require("node:path");',
    `function scaled(n) { return n * ${factor}; }`,
    'const n = Number(process.argv[2]);',
    'process.stdout.write(`${basename(__filename)} ${process.argv.slice(2).join(" ")}: ${scaled(n)}\\n`);',
    'process.exitCode = n < 0 ? 1 : 0;',
    '',
  ].join('\n');

type Run = { code: number | null; stdout: string; stderr: string };
function run(bundle: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const script = `require(${JSON.stringify(CODE_CACHE)}).runWithCodeCache(process.argv[1], process.argv.slice(2))`;
    execFile(process.execPath, ['-e', script, bundle, ...args], { timeout: 20_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

let dir: string;
let bundle: string;
let cacheFile: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'code-cache-'));
  bundle = join(dir, 'cli.cjs');
  cacheFile = codeCacheFile(bundle);
  writeFileSync(bundle, bundleSource(2));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cacheOf = (source = readFileSync(bundle, 'utf8')) => readCodeCache(cacheFile, codeCacheKey(source));

describe('a CommonJS bundle run with a code cache', () => {
  it('prints the same with and without the cache, which its first run writes and later runs only read', async () => {
    const first = await run(bundle, ['21', 'x']);
    expect(first).toEqual({ code: 0, stdout: 'cli.cjs 21 x: 42\n', stderr: '' });
    expect(cacheOf()).toMatchObject({ complete: true });
    const written = readFileSync(cacheFile);
    const writtenAt = statSync(cacheFile).mtimeMs;

    expect(await run(bundle, ['21', 'x'])).toEqual(first);
    expect(readFileSync(cacheFile).equals(written)).toBe(true);
    expect(statSync(cacheFile).mtimeMs).toBe(writtenAt);
  });

  it('ignores and rewrites the cache of a bundle rebuilt since, even to the same length', async () => {
    await run(bundle, ['21']);
    writeFileSync(bundle, bundleSource(3));
    expect(bundleSource(3).length).toBe(bundleSource(2).length);

    expect(await run(bundle, ['21'])).toEqual({ code: 0, stdout: 'cli.cjs 21: 63\n', stderr: '' });
    expect(cacheOf(bundleSource(3))).toMatchObject({ complete: true });
    expect(cacheOf(bundleSource(2))).toBeUndefined();
  });

  it('ignores and rewrites a cache whose bytes were damaged, cut short, or made by another Node', async () => {
    await run(bundle, ['21']);
    const good = readFileSync(cacheFile);
    const damaged = Buffer.from(good);
    damaged[damaged.length - 100] = damaged[damaged.length - 100]! ^ 0xff;
    const otherNode = Buffer.from(good.toString('latin1').replace(process.version, 'v0.0.1'), 'latin1');
    for (const bad of [damaged, good.subarray(0, good.length - 10), otherNode, Buffer.from('not a cache')]) {
      writeFileSync(cacheFile, bad);
      expect(cacheOf()).toBeUndefined();
      expect(await run(bundle, ['21'])).toEqual({ code: 0, stdout: 'cli.cjs 21: 42\n', stderr: '' });
      expect(cacheOf()).toMatchObject({ complete: true });
    }
  });

  it('makes the cache of a failed run again after the first run that succeeds, and then keeps it', async () => {
    expect(await run(bundle, ['-1'])).toMatchObject({ code: 1, stdout: 'cli.cjs -1: -2\n' });
    expect(cacheOf()).toMatchObject({ complete: false });
    await run(bundle, ['-1']);
    expect(cacheOf()).toMatchObject({ complete: false });

    await run(bundle, ['1']);
    expect(cacheOf()).toMatchObject({ complete: true });
    const complete = readFileSync(cacheFile);
    await run(bundle, ['-1']);
    expect(readFileSync(cacheFile).equals(complete)).toBe(true);
  });

  it('runs without a cache, silently, where none can be written', async () => {
    // A directory where the cache would be: neither readable as a file nor replaceable (as a read-only
    // folder would be, even for root).
    mkdirSync(cacheFile);
    for (let i = 0; i < 2; i++) expect(await run(bundle, ['21'])).toEqual({ code: 0, stdout: 'cli.cjs 21: 42\n', stderr: '' });
    expect(statSync(cacheFile).isDirectory()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['cli.cjs', 'cli.cjs.v8-cache']);
  });
});
