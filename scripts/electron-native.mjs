// The parts of `npm start` that decide whether Electron can start at all, each with its
// filesystem and child processes passed in (test/unit/scripts/electron-native.test.ts).
//
// Electron embeds its own Node with its own module ABI, so the better-sqlite3 that `npm test`
// uses (built for the system Node) cannot load in it. A second copy is built for Electron under
// .native/electron/<version>-<arch>/ and its ABI is read back from the binary before it is used:
// a `nodedir` from ~/.npmrc (exported to scripts as npm_config_nodedir) makes node-gyp build
// against the system Node's headers whatever --target says, and that wrong binary used to be
// cached for ever.
import { Buffer } from 'node:buffer';
import { join } from 'node:path';

function nodeIsAtLeast(version, major, minor) {
  const [m = 0, n = 0] = version.split('.').map(Number);
  return m > major || (m === major && n >= minor);
}

/** Where `require('electron')` would find the binary, or why it cannot (electron/index.js's rules). */
export function electronBinaryStatus({ electronDir, env, fs, nodeVersion }) {
  const pathFile = join(electronDir, 'path.txt');
  const executable = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, executable || 'electron') : executable ? join(electronDir, 'dist', executable) : '';
  if (binary && fs.existsSync(binary)) return { ok: true, path: binary };
  const missing = binary || join(electronDir, 'dist');
  return {
    ok: false,
    message:
      `npm start: the Electron binary is not installed (${missing} is missing; the electron package was installed with ELECTRON_SKIP_BINARY_DOWNLOAD or its download failed).\n` +
      `Install it with \`npx install-electron\` (downloads from github.com; Electron's installer needs Node >= 22.12${nodeIsAtLeast(nodeVersion, 22, 12) ? '' : `, this is Node ${nodeVersion}`}), ` +
      'or run the headless bridge without Electron: `npm run bridge -- --config FILE`.',
  };
}

/** The module ABI (NODE_MODULE_VERSION) a Node addon was built for, read from its exported init symbol; null when it has none. */
export function abiOfAddon(bytes) {
  const symbol = Buffer.from('node_register_module_v');
  const at = bytes.indexOf(symbol);
  if (at < 0) return null;
  const digits = /^\d+/.exec(bytes.subarray(at + symbol.length, at + symbol.length + 6).toString('latin1'));
  return digits ? Number(digits[0]) : null;
}

// Keys npm exports from npmrc that would make node-gyp or prebuild-install pick headers or a
// target other than the one we pass explicitly.
const BUILD_SELECTING_CONFIG = /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|build_from_source)$/i;

/** The environment for the native build: ours, minus npmrc settings that override --target. */
export function buildEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !BUILD_SELECTING_CONFIG.test(key)));
}

/** The few lines of a build log that say why it failed (node-gyp ends every failure with boilerplate). */
export function failureReason(output) {
  const lines = output.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const strong = lines.filter((line) => /ENOTFOUND|EAI_AGAIN|ECONN\w+|ETIMEDOUT|error:|fatal error/i.test(line));
  const weak = lines.filter((line) => /\berror\b/i.test(line) && !/^gyp ERR! (not ok|stack\s+at )/.test(line) && !strong.includes(line));
  const telling = [...strong, ...weak];
  return (telling.length > 0 ? telling.slice(0, 3) : lines.slice(-3)).join('\n');
}

/**
 * Path of a better_sqlite3.node for this Electron whose ABI has been checked, building it when
 * missing or wrong. `run(command, args, { cwd, env })` resolves to `{ code, output }` (output
 * collected, not shown); `progress(line)` is the one line the user sees per step.
 * Resolves to `{ ok: true, path }` or `{ ok: false, message, output }`.
 */
export async function ensureElectronSqlite({ root, version, arch, expectedAbi, env, fs, run, progress, bin }) {
  const dir = join(root, '.native/electron', `${version}-${arch}`, 'better-sqlite3');
  const binary = join(dir, 'build/Release/better_sqlite3.node');
  const abiFound = () => (fs.existsSync(binary) ? abiOfAddon(fs.readFileSync(binary)) : null);
  if (abiFound() === expectedAbi) return { ok: true, path: binary };

  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const source = join(root, 'node_modules/better-sqlite3');
  fs.cpSync(source, dir, { recursive: true, filter: (src) => src !== join(source, 'build') });
  const options = { cwd: dir, env: buildEnv(env) };

  progress(`better-sqlite3 for Electron ${version} (ABI ${expectedAbi}, ${arch}): fetching a prebuilt binary…`);
  const prebuilt = await run(bin('prebuild-install'), ['--runtime', 'electron', '--target', version, '--arch', arch], options);
  let output = prebuilt.output;
  if (prebuilt.code !== 0) {
    progress(`no prebuilt binary; compiling against Electron ${version}'s headers (a minute or two, once)…`);
    const compiled = await run(
      bin('node-gyp'),
      ['rebuild', '--release', `--target=${version}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers', '--build-from-source'],
      options,
    );
    output += compiled.output;
    if (compiled.code !== 0) {
      fs.rmSync(dir, { recursive: true, force: true });
      return {
        ok: false,
        output,
        message: `npm start: could not build better-sqlite3 for Electron ${version}: no prebuilt binary could be fetched and compiling failed (exit ${compiled.code}):\n${failureReason(output)}\nThe full build output is above.`,
      };
    }
  }
  const built = abiFound();
  if (built !== expectedAbi) {
    fs.rmSync(dir, { recursive: true, force: true });
    return {
      ok: false,
      output,
      message:
        `npm start: the better-sqlite3 built for Electron ${version} has ABI ${built ?? 'unknown'}, Electron needs ${expectedAbi}; it was deleted, not cached. ` +
        'A `nodedir` or `target` in an npmrc (or npm_config_* in the environment) points node-gyp at other headers.',
    };
  }
  return { ok: true, path: binary };
}
