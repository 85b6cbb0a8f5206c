// `npm start`: build, make sure a better-sqlite3 binary for Electron's ABI exists, start Electron.
//
// Electron embeds its own Node with a different ABI from the system Node that `npm test` uses, so
// one node_modules/better-sqlite3 cannot serve both. We leave node_modules alone (tests keep
// working) and build a second copy under .native/electron/better-sqlite3 for Electron's ABI:
// first `prebuild-install --runtime electron` (a prebuilt download), else node-gyp against
// Electron's headers. The core is told where it is with KITCHEN_BRIDGE_NATIVE_BINDING and opens
// the database with openDatabase(path, { nativeBinding }). Packaged builds do not need this:
// electron-builder rebuilds native modules for Electron (electron-builder.yml).
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { buildTargets } from './build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export function electronVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
}

/** Path of a better_sqlite3.node built for this Electron version; builds it when missing. */
export function ensureElectronSqlite(version = electronVersion(), arch = process.arch) {
  const dir = join(root, '.native/electron', `${version}-${arch}`, 'better-sqlite3');
  const binary = join(dir, 'build/Release/better_sqlite3.node');
  if (existsSync(binary)) return binary;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  cpSync(join(root, 'node_modules/better-sqlite3'), dir, { recursive: true, filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`) });
  const bin = (name) => join(root, 'node_modules/.bin', process.platform === 'win32' ? `${name}.cmd` : name);
  try {
    execFileSync(bin('prebuild-install'), ['--runtime', 'electron', '--target', version, '--arch', arch], { cwd: dir, stdio: 'inherit' });
  } catch {
    console.warn('no prebuilt better-sqlite3 for this Electron; compiling it against Electron headers');
    execFileSync(bin('node-gyp'), ['rebuild', '--release', `--target=${version}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'], { cwd: dir, stdio: 'inherit' });
  }
  if (!existsSync(binary)) throw new Error(`building better-sqlite3 for Electron ${version} produced no ${binary}`);
  return binary;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildTargets();
  const nativeBinding = ensureElectronSqlite();
  let electronBinary;
  try {
    electronBinary = require('electron');
  } catch (err) {
    console.error(`The Electron binary is not installed (${err.message}). Run \`node node_modules/electron/install.js\`, or use \`npm run bridge\` for the headless bridge.`);
    process.exit(1);
  }
  const child = spawn(electronBinary, [root], { stdio: 'inherit', env: { ...process.env, KITCHEN_BRIDGE_NATIVE_BINDING: nativeBinding } });
  child.on('exit', (code) => process.exit(code ?? 0));
}
