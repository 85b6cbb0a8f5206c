// `node scripts/run-bundled.cjs ticket|printers [args…]`: runs a CLI from its esbuild bundle (dist/),
// rebuilt first only when one of the files it was built from changed, and from the V8 code cache kept
// beside it (scripts/code-cache.cjs). tsx compiled the CLI at every run (about 0.5 s before the first
// byte); the bundle with its cache starts in less than twice the time of a plain script. CommonJS: an
// ES module entry would make Node start its ES module loader, some milliseconds a run.
const { existsSync, readFileSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');
const process = require('node:process');
const { pathToFileURL } = require('node:url');
const { runWithCodeCache } = require('./code-cache.cjs');

const root = resolve(__dirname, '..');
const CLIS = { ticket: 'dist/ticket/cli.cjs', printers: 'dist/printers/cli.cjs' };

const [name, ...args] = process.argv.slice(2);
const bundle = CLIS[name] && join(root, CLIS[name]);
if (!bundle) {
  process.stderr.write(`usage: node scripts/run-bundled.cjs ${Object.keys(CLIS).join('|')} [args…]\n`);
  process.exit(2);
}

// npm rewrites its record of the install at every install: the packages count as that one file, so
// that a run stats the project's sources and not each package file too (without npm's record, each is).
const PACKAGES_RECORD = 'node_modules/.package-lock.json';

/** Whether the bundle is missing or older than a file it was built from (or one added since cannot be known: a new import changes an old file). */
function stale() {
  const inputsFile = `${bundle}.inputs.json`;
  const builtAt = statSync(bundle, { throwIfNoEntry: false })?.mtimeMs;
  if (builtAt === undefined || !existsSync(inputsFile)) return true;
  const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
  const files = existsSync(join(root, PACKAGES_RECORD)) ? [...inputs.filter((input) => !input.startsWith('node_modules/')), PACKAGES_RECORD] : inputs;
  // Joined by hand: normalising each of some 120 paths with path.join cost about a third of this check.
  const base = `${root}/`;
  return files.some((input) => !(statSync(base + input, { throwIfNoEntry: false })?.mtimeMs <= builtAt));
}

async function main() {
  if (stale()) {
    const { buildTargets } = await import(pathToFileURL(join(__dirname, 'build.mjs')).href);
    await buildTargets([name]);
  }
  runWithCodeCache(bundle, args);
}

void main();
