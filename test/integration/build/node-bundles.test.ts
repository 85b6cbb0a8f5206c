import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAINS } from '../../../common/i18n/catalogue.js';
import { LOCALES } from '../../../common/i18n/locales.js';
import { KLIKIT_FIXTURES_DIR } from '../../helpers/fixtures.js';
import { codeCacheFile } from '../../../scripts/code-cache.cjs';

// The core's bundles as scripts/build.mjs writes them. Their source is ASCII (V8 keeps a script's
// source at one byte a character only while all of it is Latin-1), and the CommonJS packages are
// required, not imported (an import makes Node parse each with cjs-module-lexer, whose WebAssembly
// instance stays for the life of the process). A locale's messages are evaluated when the locale is
// first used, from a file of its own beside the bundle. The bundled CLIs answer as their sources do, in
// every language.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BUNDLES = ['bridge/cli.js', 'bridge/raster-child.js', 'core/entry.js', 'ticket/cli.cjs', 'printers/cli.cjs'];
const ORDER = join(KLIKIT_FIXTURES_DIR, 'created-v2.single-order.envelope.json');

type Run = { code: number | null; stdout: string; stderr: string };
function run(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { timeout: 30_000 }, (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }));
  });
}

describe('the bundles of the core and its CLIs', () => {
  const root = mkdtempSync(join(tmpdir(), 'node-bundles-'));
  const dist = join(root, 'dist');
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  beforeAll(() => {
    // Laid out like the project: dist/ beside assets/ (the ticket fonts) and node_modules/.
    // Started elsewhere than the project, as `node …/scripts/run-bundled.cjs` may be.
    execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), 'bridge', 'core', 'ticket', 'printers', '--outdir', dist], { cwd: root });
    symlinkSync(join(ROOT, 'assets'), join(root, 'assets'));
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ type: 'module' }));
  }, 120_000);

  it('are ASCII, so that V8 keeps their source at one byte a character', () => {
    for (const bundle of BUNDLES) {
      const outside = readFileSync(join(dist, bundle), 'utf8').match(/[\u0080-\uffff]/g) ?? [];
      expect({ bundle, outside }).toEqual({ bundle, outside: [] });
    }
  });

  it('run the CommonJS CLIs in strict mode, as the ES module bundles always are: the directive is their first statement', () => {
    for (const cli of ['ticket/cli.cjs', 'printers/cli.cjs']) {
      expect(readFileSync(join(dist, cli), 'utf8').split('\n')[0]).toBe("'use strict';");
    }
  });

  it('require the CommonJS packages instead of importing them', () => {
    for (const bundle of BUNDLES) {
      const imported = readFileSync(join(dist, bundle), 'utf8').match(/^import .* from "(pino|ws|better-sqlite3|node-thermal-printer)";$/gm) ?? [];
      expect({ bundle, imported }).toEqual({ bundle, imported: [] });
    }
    expect(readFileSync(join(dist, 'bridge/cli.js'), 'utf8')).toMatch(/__require\("better-sqlite3"\)/);
  });

  it('read the messages of a locale but English from a file of their own, only when it is first used', () => {
    for (const dir of ['bridge', 'core', 'ticket', 'printers']) {
      const source = readFileSync(join(dist, dir, { core: 'entry.js', bridge: 'cli.js' }[dir] ?? 'cli.cjs'), 'utf8');
      for (const locale of LOCALES.filter((l) => l !== 'en')) {
        expect(source.match(new RegExp(`get ${locale}\\(\\) \\{\\n\\s+try \\{\\n\\s+return (__)?require\\("\\./locales/[\\w-]+/${locale}\\.cjs"\\)\\.${locale};`, 'g'))).toHaveLength(Object.keys(DOMAINS).length);
        for (const domain of readdirSync(join(dist, dir, 'locales'))) {
          const file = readFileSync(join(dist, dir, 'locales', domain, `${locale}.cjs`), 'utf8');
          expect({ domain, locale, outside: file.match(/[\u0080-\uffff]/g) ?? [] }).toEqual({ domain, locale, outside: [] });
        }
      }
      expect(readdirSync(join(dist, dir, 'locales'))).toHaveLength(Object.keys(DOMAINS).length);
    }
  });

  it('speak English, with a warning, in a language whose file is missing beside the bundle, rather than fail', async () => {
    const args = [ORDER, '--lang', 'th', '--tz', 'Asia/Bangkok'];
    const thai = await run([join(dist, 'ticket/cli.cjs'), ...args]);
    const english = await run([join(dist, 'ticket/cli.cjs'), ORDER, '--lang', 'en', '--tz', 'Asia/Bangkok']);
    const file = join(dist, 'ticket/locales/ticket/th.cjs');
    const kept = readFileSync(file);
    rmSync(file);
    try {
      const missing = await run([join(dist, 'ticket/cli.cjs'), ...args]);
      expect(missing.code).toBe(0);
      expect(missing.stdout).not.toBe(thai.stdout);
      expect(missing.stderr).toContain('locales/ticket/th.cjs could not be read beside the bundle');
      // The ticket's own words in English; the order's dates and numbers still in the language asked for.
      expect(missing.stdout.split('\n').length).toBe(english.stdout.split('\n').length);
    } finally {
      writeFileSync(file, kept);
    }
  });

  it('give each CommonJS module one namespace, whatever the number of modules importing it', () => {
    for (const bundle of BUNDLES) {
      const source = readFileSync(join(dist, bundle), 'utf8');
      if (!source.includes('__toESM(')) continue;
      expect({ bundle, shared: source.match(/^var __esmNamespaces = new WeakMap\(\), __toESM = /gm)?.length ?? 0 }).toEqual({ bundle, shared: 1 });
    }
  });

  it('build the window contract (common/bridge-api.ts) at the first window call, not when the bridge starts', () => {
    const source = readFileSync(join(dist, 'bridge/cli.js'), 'utf8');
    const inits = source.split('\n').filter((line) => /\binit_bridge_api\(\)/.test(line));
    expect(inits).toHaveLength(1);
    expect(inits[0]).toMatch(/await Promise\.resolve\(\)\.then\(\(\) => \(init_bridge_api\(\), bridge_api_exports\)\)/);
  });

  it('list only files as what the CLIs were built from, so scripts/run-bundled.cjs does not rebuild them at every run', () => {
    for (const cli of ['ticket/cli.cjs', 'printers/cli.cjs']) {
      const inputs = JSON.parse(readFileSync(join(dist, `${cli}.inputs.json`), 'utf8')) as string[];
      expect(inputs).toContain(cli === 'ticket/cli.cjs' ? 'main/tickets/cli.ts' : 'main/printing/printers-cli.ts');
      expect(inputs.filter((input) => !existsSync(join(ROOT, input)))).toEqual([]);
      expect(inputs).toContain('common/i18n/ticket/th.ts');
    }
  });

  it('print the same ticket and printer answer from their V8 code cache (scripts/run-bundled.cjs) as without it', async () => {
    const cached = (bundle: string, args: string[]) => run(['-e', `require(${JSON.stringify(join(ROOT, 'scripts/code-cache.cjs'))}).runWithCodeCache(process.argv[1], process.argv.slice(2))`, join(dist, bundle), ...args]);
    for (const args of [[ORDER, '--lang', 'th', '--tz', 'Asia/Bangkok', '--width', '32'], [ORDER, '--kind', 'cancel']]) {
      const plain = await run([join(dist, 'ticket/cli.cjs'), ...args]);
      rmSync(codeCacheFile(join(dist, 'ticket/cli.cjs')), { force: true });
      expect(await cached('ticket/cli.cjs', args)).toEqual(plain);
      expect(existsSync(codeCacheFile(join(dist, 'ticket/cli.cjs')))).toBe(true);
      expect(await cached('ticket/cli.cjs', args)).toEqual(plain);
      expect(plain.stdout).toContain('#');
    }
    const printerArgs = ['--test', 'tcp://127.0.0.1:9', '--lang', 'id'];
    const plainPrinters = await run([join(dist, 'printers/cli.cjs'), ...printerArgs]);
    expect(await cached('printers/cli.cjs', printerArgs)).toEqual(plainPrinters);
    expect(await cached('printers/cli.cjs', printerArgs)).toEqual(plainPrinters);
    expect(plainPrinters.code).toBe(1);
  }, 120_000);

  it('print the same ticket and the same printer answer as the sources', async () => {
    for (const lang of LOCALES) {
      const args = [ORDER, '--lang', lang, '--tz', 'Asia/Bangkok'];
      const [bundledTicket, sourceTicket] = await Promise.all([run([join(dist, 'ticket/cli.cjs'), ...args]), run(['--import', 'tsx', join(ROOT, 'main/tickets/cli.ts'), ...args])]);
      expect(bundledTicket).toEqual(sourceTicket);
      expect(bundledTicket.stdout).toContain('#');
    }

    const printerArgs = ['--test', 'tcp://127.0.0.1:9', '--lang', 'id'];
    const [bundledPrinters, sourcePrinters] = await Promise.all([
      run([join(dist, 'printers/cli.cjs'), ...printerArgs]),
      run(['--import', 'tsx', join(ROOT, 'main/printing/printers-cli.ts'), ...printerArgs]),
    ]);
    expect(bundledPrinters).toEqual(sourcePrinters);
    expect(bundledPrinters.code).toBe(1);
  }, 120_000);
});
