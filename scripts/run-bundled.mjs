// `node scripts/run-bundled.mjs ticket|printers [args…]`: runs a CLI from its esbuild bundle (dist/),
// rebuilt first only when one of the files it was built from changed. tsx compiled the CLI at every
// run (about 0.5 s before the first byte); the bundle starts about as fast as a plain script.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLIS = { ticket: 'dist/ticket/cli.js', printers: 'dist/printers/cli.js' };

const [name, ...args] = process.argv.slice(2);
const bundle = CLIS[name] && join(root, CLIS[name]);
if (!bundle) {
  process.stderr.write(`usage: node scripts/run-bundled.mjs ${Object.keys(CLIS).join('|')} [args…]\n`);
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
  return files.some((input) => !(statSync(join(root, input), { throwIfNoEntry: false })?.mtimeMs <= builtAt));
}

if (stale()) {
  const { buildTargets } = await import('./build.mjs');
  await buildTargets([name]);
}
process.argv = [process.argv[0], bundle, ...args];
await import(pathToFileURL(bundle).href);
