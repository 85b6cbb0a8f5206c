// Builds what ships: the Electron main, the sandboxed preload (CommonJS, one file), the core that
// runs as a utilityProcess, and the renderer. `node scripts/build.mjs [target…] [--outdir DIR]`
// where target is app | preload | core | renderer | bridge | relay (default: all). `bridge` is the headless
// service of `npm run bridge`: bundled, it starts faster and idles in less memory than under tsx
// (package.json runs it with --max-semi-space-size=1 --v8-pool-size=2: Node's 16 MiB default young
// generation costs an idle service ~8 MB of RSS for nothing, and four V8 background threads are more
// than the small PCs it runs on have cores; and without --enable-source-maps, whose map costs more:
// the bundle is not minified, so its stack traces stay readable). `relay` is `npm run relay`, bundled
// for the same reasons (tsx at run time cost the relay ~800 ms of cold start and ~65 MB of RSS), but
// run with a 16 MiB young generation: a busy relay allocates per webhook, and with 2 MiB it paid for
// scavenges in CPU per webhook (bench/relay-intake-vs-bare.ts measures both).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import process from 'node:process';
import { codeCacheFile } from './code-cache.cjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Native or worker-spawning packages stay in node_modules (electron-builder packs production deps).
const nodeExternals = ['electron', 'better-sqlite3', 'pino', 'node-thermal-printer', 'ws', 'bufferutil', 'utf-8-validate', '@napi-rs/canvas', 'serialport', 'koffi', 'pg'];

// CommonJS dependencies bundled into an ES module still call require(): give them one.
const esmRequire = { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" };

// CommonJS packages and Node's built-in modules the core and the relay import are required, not
// imported. Node finds the named exports of a CommonJS module imported from an ES module by parsing it
// with cjs-module-lexer, a WebAssembly instance kept for the life of the process: pino, ws,
// better-sqlite3 and node-thermal-printer cost the headless bridge ~7 MB of RSS that way; and each
// built-in imported gets an ES module facade of all its exports (some milliseconds of a CLI's start).
// require() returns the same module.exports, which esbuild maps default and named imports onto as Node
// does. A require also stays where its module is evaluated: the relay's PostgreSQL store, imported
// dynamically, loads node-postgres at its first use, where an import statement of pg would be hoisted
// to the top of the bundle and load it in every SQLite relay too (bench/relay-idle-memory.ts). Dynamic
// imports of packages (serialport, loaded when a serial printer is used) stay imports.
const COMMONJS_EXTERNALS = new Set(['better-sqlite3', 'pino', 'node-thermal-printer', 'ws', 'pg']);
const isRequired = (path) => COMMONJS_EXTERNALS.has(path) || path.startsWith('node:') || builtinModules.includes(path);
const requireCommonJsExternals = {
  name: 'require-commonjs-externals',
  setup(build) {
    build.onResolve({ filter: /^[\w@][\w@/.:-]*$/ }, (args) => (args.kind === 'import-statement' && isRequired(args.path) ? { path: args.path, namespace: 'required' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'required' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

// The core speaks the one or two languages it is set to. English is in its bundle; every other
// locale's messages are a file of their own beside it (locales/<domain>/<locale>.cjs), read the first
// time that locale is used: kept in the bundle, their source (some 0.9 MB of a 1.6 MB bundle) stayed
// in memory for the life of the process (bench/bridge-idle.ts: ~1.3 MB of RSS). Each domain's
// index.ts (common/i18n/<domain>/index.ts, one import per locale and one object of them) is bundled
// with its other locales behind getters that require those files. An index in any other form fails
// the build rather than load every locale unnoticed.
const I18N = join(root, 'common/i18n');
const DOMAIN_INDEX = /[\\/]common[\\/]i18n[\\/][\w-]+[\\/]index\.ts$/;
const LOCALE_FILE = /^\.\/locales\/[\w-]+\/\w+\.cjs$/;
export function lazyLocalesIndex(source, file) {
  const imports = [...source.matchAll(/^import \{ (\w+) \} from '\.\/(\w+)\.js';$/gm)].filter(([, name, module]) => name === module).map(([, name]) => name);
  const domain = /^export const (\w+): Domain<typeof en> = \{ ([\w, ]+) \};$/m.exec(source);
  const locales = domain?.[2].split(', ');
  if (!domain || !locales.includes('en') || imports.length !== locales.length || !locales.every((locale) => imports.includes(locale))) {
    throw new Error(`${file}: expected one import per locale and \`export const <domain>: Domain<typeof en> = { en, id, … };\` (see common/i18n/common/index.ts)`);
  }
  const folder = basename(dirname(file));
  // A locale file missing beside the bundle (a hand-copied or partial install) leaves that language in
  // English, with a warning, rather than stop the core or fail every ticket in that language.
  const entries = locales.map((locale) =>
    locale === 'en' ? 'en' : `get ${locale}() { try { return require('./locales/${folder}/${locale}.cjs').${locale}; } catch (err) { return missing('locales/${folder}/${locale}.cjs', err); } }`,
  );
  const missing = `const missing = (file, err) => { process.emitWarning(\`\${file} could not be read beside the bundle (\${err.message.split('\\n')[0]}): its words are shown in English\`); return en; };`;
  return `import { en } from './en.ts';\n${missing}\nexport const ${domain[1]} = { ${entries.join(', ')} };\n`;
}
const lazyLocales = {
  name: 'lazy-locales',
  setup(build) {
    build.onLoad({ filter: DOMAIN_INDEX }, (args) => ({ contents: lazyLocalesIndex(readFileSync(args.path, 'utf8'), args.path), loader: 'js', resolveDir: dirname(args.path) }));
    build.onResolve({ filter: LOCALE_FILE }, (args) => (args.kind === 'require-call' ? { path: args.path, external: true } : undefined));
  },
};

/** The messages of every locale but English, `<domain>/<locale>.ts`, as the files the bundles' getters require. */
function localeSources() {
  return readdirSync(I18N, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(I18N, entry.name, 'index.ts')))
    .flatMap((entry) =>
      readdirSync(join(I18N, entry.name))
        .filter((file) => /^[\w-]+\.ts$/.test(file) && file !== 'en.ts' && file !== 'index.ts')
        .map((file) => ({ domain: entry.name, locale: file.slice(0, -3), path: join(I18N, entry.name, file) })),
    );
}

/** Writes locales/<domain>/<locale>.cjs into `dir` (beside a bundle built with lazyLocales); returns the sources read. */
async function buildLocaleFiles(dir) {
  const sources = localeSources();
  const entryPoints = Object.fromEntries(sources.map(({ domain, locale, path }) => [`${domain}/${locale}`, path]));
  await build({ entryPoints, outdir: join(dir, 'locales'), outExtension: { '.js': '.cjs' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', legalComments: 'none', logLevel: 'warning' });
  for (const { domain, locale } of sources) {
    const file = join(dir, 'locales', domain, `${locale}.cjs`);
    const text = readFileSync(file, 'utf8');
    const ascii = keepSourceOneByte(text, file);
    if (ascii !== text) writeFileSync(file, ascii);
  }
  return sources.map(({ path }) => relative(root, path).split(sep).join('/'));
}

// The CLIs scripts/run-bundled.cjs runs are CommonJS, the one kind of script V8 can be given a code
// cache for in Node 20 (scripts/code-cache.cjs). It compiles them through vm.Script, which has no
// loader for import(): the packages they load on demand (serialport) are required there, and a bundle
// with an import() left fails the build. import.meta.url is the bundle's own URL, as in an ES module.
const DYNAMIC_IMPORT = /\bimport\(/;
const requireDynamicImports = {
  name: 'require-dynamic-imports',
  setup(build) {
    build.onResolve({ filter: /^[\w@][\w@/.:-]*$/ }, (args) => (args.kind === 'dynamic-import' && nodeExternals.includes(args.path) ? { path: args.path, namespace: 'required' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'required' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};
const commonJsCli = (entry, outfile) => ({
  entryPoints: [entry],
  outfile,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: nodeExternals,
  define: { 'import.meta.url': '__bundle_url' },
  // The directive first: esbuild writes its own after the banner, where it no longer makes the bundle strict.
  banner: { js: "'use strict';\nvar __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [requireDynamicImports, lazyLocales],
  metafile: true,
});

// The raster process (main/printing/raster-process.ts) forks raster-child.js from beside the bundle that runs it.
const rasterChild = (out, dir) => ({ entryPoints: [join(root, 'main/printing/raster-child.ts')], outfile: join(out, dir, 'raster-child.js'), platform: 'node', format: 'esm', target: 'node20', external: nodeExternals, banner: esmRequire, plugins: [requireCommonJsExternals, lazyLocales] });

const targets = {
  app: (out) => ({ entryPoints: [join(root, 'main/app/main.ts')], outfile: join(out, 'app/main.js'), platform: 'node', format: 'esm', target: 'node20', external: nodeExternals, banner: esmRequire }),
  preload: (out) => ({ entryPoints: [join(root, 'preload/preload.ts')], outfile: join(out, 'preload/preload.cjs'), platform: 'node', format: 'cjs', target: 'chrome120', external: ['electron'] }),
  core: (out) => [{ entryPoints: [join(root, 'main/window-api/utility-entry.ts')], outfile: join(out, 'core/entry.js'), platform: 'node', format: 'esm', target: 'node20', external: nodeExternals, banner: esmRequire, plugins: [requireCommonJsExternals, lazyLocales] }, rasterChild(out, 'core')],
  bridge: (out) => [{ entryPoints: [join(root, 'main/core/cli.ts')], outfile: join(out, 'bridge/cli.js'), platform: 'node', format: 'esm', target: 'node20', external: nodeExternals, banner: esmRequire, plugins: [requireCommonJsExternals, lazyLocales] }, rasterChild(out, 'bridge')],
  relay: (out) => ({ entryPoints: [join(root, 'relay/cli.ts')], outfile: join(out, 'relay/cli.js'), platform: 'node', format: 'esm', target: 'node20', external: nodeExternals, banner: esmRequire, plugins: [requireCommonJsExternals] }),
  // `npm run ticket` and `npm run printers` (scripts/run-bundled.cjs): tsx compiled them at every run.
  ticket: (out) => commonJsCli(join(root, 'main/tickets/cli.ts'), join(out, 'ticket/cli.cjs')),
  printers: (out) => commonJsCli(join(root, 'main/printing/printers-cli.ts'), join(out, 'printers/cli.cjs')),
  // UTF-8 output: the catalogues' Thai, Arabic and Chinese would take 6 bytes a character as \u escapes
  // (both servers send the bundle as text/javascript; charset=utf-8).
  renderer: (out) => ({ entryPoints: [join(root, 'renderer/app.ts')], outfile: join(out, 'renderer/app.js'), platform: 'browser', format: 'esm', target: 'chrome120', minify: true, charset: 'utf8' }),
};

// Thai and Arabic for the window where the OS has none (styles.css uses each only for its own letters;
// Chinese, Japanese and Korean come from the OS: every platform the window runs on has them, and the
// bundled files weigh megabytes).
const WINDOW_FONTS = ['NotoSansThai-Regular.ttf', 'NotoSansThai-Bold.ttf', 'NotoSansArabic-Regular.ttf', 'NotoSansArabic-Bold.ttf'];

// The board's WebSocket client for LAN screens and browser mode (main/screens serves it ahead of app.js).
const screenLink = (out) => ({ entryPoints: [join(root, 'renderer/screen-link/entry.ts')], outfile: join(out, 'renderer/screen-link.js'), platform: 'browser', format: 'iife', target: 'chrome100', minify: true, charset: 'utf8' });

// V8 keeps a script's source in memory (functions compile on first call) at one byte a character only
// while every character is Latin-1, else at two. esbuild escapes non-ASCII in strings and regular
// expressions but keeps comments as written: one "…" in a comment made the bridge's 2 MB source take
// 4 MB of heap. Only comment lines are escaped (there a character changes nothing but the comment); a
// non-ASCII character anywhere else (a tagged template's raw text, an identifier) fails the build rather
// than be changed under the code's feet.
const COMMENT_LINE = /^\s*(\/\/|\/\*|\*)/;
export function keepSourceOneByte(text, file) {
  return text
    .split('\n')
    .map((line, i) => {
      if (!/[\u0080-\uffff]/.test(line)) return line;
      // A comment line, or a comment after the code (esbuild has escaped what is in the code's strings).
      const code = COMMENT_LINE.test(line) ? '' : line.split(' //')[0];
      if (line === code || /[\u0080-\uffff]/.test(code)) throw new Error(`${file}:${i + 1}: a non-ASCII character outside a comment; the core's bundles are kept ASCII (see keepSourceOneByte)`);
      return line.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
    })
    .join('\n');
}

// esbuild turns each `import … from 'node:fs'` of a CommonJS module into its own
// `__toESM(require_node_fs(), 1)`: a fresh object with a getter closure for every export, one per
// importing module (69 in the bridge, node:fs and node:path 15 times each: ~0.7 MB of the idle
// bridge's RSS, bench/bridge-idle.ts). In the core's bundles every importer gets the one namespace of
// a module instead: it only reads through the getters, as Node's own namespace of a CommonJS module is
// one object (an export added to the module since, as in a require cycle, gets its getter when the
// next importer asks). The helper is rewritten on its own line, so the source map still holds for
// everything after it; a helper in any other form fails the build rather than go back to a namespace
// per importer unnoticed.
const TO_ESM = 'var __toESM = (mod, isNodeMode, target) => (';
const SHARED_TO_ESM =
  'var __esmNamespaces = new WeakMap(), __toESM = (mod, isNodeMode) => { if (!isNodeMode || mod === null || (typeof mod !== "object" && typeof mod !== "function")) return __toESMEach(mod, isNodeMode); const ns = __esmNamespaces.get(mod); if (ns) return __copyProps(ns, mod); const made = __toESMEach(mod, isNodeMode); __esmNamespaces.set(mod, made); return made; }, __toESMEach = (mod, isNodeMode, target) => (';
export function shareCommonJsNamespaces(text, file) {
  if (!text.includes('__toESM(')) return text;
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.startsWith(TO_ESM));
  if (at === -1 || lines.filter((line) => line.startsWith(TO_ESM)).length !== 1) throw new Error(`${file}: esbuild's __toESM helper is not in the form scripts/build.mjs shares (see shareCommonJsNamespaces)`);
  lines[at] = SHARED_TO_ESM + lines[at].slice(TO_ESM.length);
  return lines.join('\n');
}

export async function buildTargets(names = Object.keys(targets), outdir = join(root, 'dist')) {
  for (const name of names) {
    const options = targets[name];
    if (!options) throw new Error(`unknown build target ${name}; use ${Object.keys(targets).join(', ')}`);
    const localeDirs = new Map();
    for (const entry of [options(outdir)].flat()) {
      // Paths in the metafile relative to the project, whatever directory the build was started from.
      const built = await build({ bundle: true, sourcemap: true, legalComments: 'none', logLevel: 'warning', absWorkingDir: root, ...entry });
      const withLocales = entry.plugins?.includes(lazyLocales);
      const dir = dirname(entry.outfile);
      if (withLocales && !localeDirs.has(dir)) localeDirs.set(dir, await buildLocaleFiles(dir));
      // What the bundle was built from, so scripts/run-bundled.cjs rebuilds only when a source changed.
      // (Files only: a required package is the module `required:<name>` the plugin makes, not a file.)
      const files = [...Object.keys(built.metafile?.inputs ?? {}).filter((input) => !input.startsWith('required:')), ...(withLocales ? localeDirs.get(dir) : [])];
      if (built.metafile) writeFileSync(`${entry.outfile}.inputs.json`, JSON.stringify(files));
      if (entry.platform === 'node') {
        const text = readFileSync(entry.outfile, 'utf8');
        const shared = entry.plugins?.some((plugin) => plugin === requireCommonJsExternals || plugin === requireDynamicImports) ? shareCommonJsNamespaces(text, entry.outfile) : text;
        const ascii = keepSourceOneByte(shared, entry.outfile);
        if (ascii !== text) writeFileSync(entry.outfile, ascii);
        if (entry.plugins?.includes(requireDynamicImports) && DYNAMIC_IMPORT.test(ascii)) {
          // Left in place, the bundle would look up to date to scripts/run-bundled.cjs and fail only where it imports.
          for (const file of [entry.outfile, `${entry.outfile}.inputs.json`]) rmSync(file, { force: true });
          throw new Error(`${entry.outfile}: an import() is left in a bundle run through vm.Script, which cannot load it (see requireDynamicImports)`);
        }
      }
      // The cache of the bundle this one replaces would be refused (it names that bundle's hash): gone.
      if (entry.plugins?.includes(requireDynamicImports)) rmSync(codeCacheFile(entry.outfile), { force: true });
    }
    if (name === 'renderer') {
      await build({ bundle: true, sourcemap: true, legalComments: 'none', logLevel: 'warning', ...screenLink(outdir) });
      mkdirSync(join(outdir, 'renderer'), { recursive: true });
      for (const file of ['index.html', 'styles.css', 'screens.css']) copyFileSync(join(root, 'renderer', file), join(outdir, 'renderer', file));
      for (const font of WINDOW_FONTS) copyFileSync(join(root, 'assets/fonts', font), join(outdir, 'renderer', font));
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ options: { outdir: { type: 'string' } }, allowPositionals: true });
  await buildTargets(positionals.length > 0 ? positionals : undefined, values.outdir ? resolve(values.outdir) : undefined);
}
