// `npm start`: fail fast and say why, then build what Electron needs and start it.
// 1. The Electron binary must exist (checked first, in well under a second: nothing heavy is
//    imported before it), because without it everything after is wasted time.
// 2. better-sqlite3 for Electron's ABI under .native/electron/ (scripts/electron-native.mjs),
//    quietly: one line per step, the full build output only when it fails. The core is told where
//    it is with KITCHEN_BRIDGE_NATIVE_BINDING. Packaged builds do not need this: electron-builder
//    rebuilds native modules for Electron (electron-builder.yml).
// 3. The bundles (scripts/build.mjs), then Electron.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { electronBinaryStatus, ensureElectronSqlite } from './electron-native.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function runQuietly(command, args, { cwd, env }) {
  return new Promise((resolveRun) => {
    const chunks = [];
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('error', (err) => resolveRun({ code: 127, output: `${err.message}\n` }));
    child.on('close', (code) => resolveRun({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

const electron = electronBinaryStatus({ electronDir: join(root, 'node_modules/electron'), env: process.env, fs, nodeVersion: process.versions.node });
if (!electron.ok) {
  console.error(electron.message);
  process.exit(1);
}

const version = JSON.parse(fs.readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const native = await ensureElectronSqlite({
  root,
  version,
  arch: process.arch,
  expectedAbi: Number(require('node-abi').getAbi(version, 'electron')),
  env: process.env,
  fs,
  run: runQuietly,
  progress: (line) => console.log(line),
  bin: (name) => join(root, 'node_modules/.bin', process.platform === 'win32' ? `${name}.cmd` : name),
});
if (!native.ok) {
  process.stderr.write(native.output);
  console.error(native.message);
  process.exit(1);
}

const { buildTargets } = await import('./build.mjs');
await buildTargets();
const child = spawn(electron.path, [root], { stdio: 'inherit', env: { ...process.env, KITCHEN_BRIDGE_NATIVE_BINDING: native.path } });
child.on('exit', (code) => process.exit(code ?? 0));
