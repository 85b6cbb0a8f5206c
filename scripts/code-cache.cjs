// Runs a CommonJS bundle with a V8 code cache kept beside it (`<bundle>.v8-cache`). Without one, V8
// compiles the bundle at every run, and then each function again the first time it is called: a third
// of what `npm run ticket` spends beyond Node's own start (bench/cli-start.ts). The cache is made after
// a run, so it also holds the functions that run called, which a cache made at compile time (as
// v8-compile-cache makes it) does not. Node 20 has no module.enableCompileCache, and an ES module
// cannot be given a cache at all: hence a CommonJS bundle, compiled here through vm.Script.
//
// V8 checks a cache's V8 version and flags, but of the source only its length, and it does not check
// the bytes of the cache itself in a release build: a stale cache of a bundle rebuilt to the same
// length, or a damaged file, would run the wrong code or crash. So the file's first line names the
// bundle's and the cache's SHA-256, and a cache whose line does not match is ignored and made again.
// A cache made by a run that failed (a usage error) holds little of the CLI: it is made again, once,
// after the first run that succeeds. Writing is best effort: a read-only directory only means no cache.
// CommonJS, as scripts/run-bundled.cjs is: an ES module entry makes Node start its ES module loader.
const { Buffer } = require('node:buffer');
const { createHash } = require('node:crypto');
const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');
const process = require('node:process');
const { Script } = require('node:vm');

const FORMAT = 'klikit-v8-cache/1';
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

const codeCacheFile = (bundle) => `${bundle}.v8-cache`;

/** What a cache must have been made for: this format, this Node on this architecture, this bundle's source. */
const codeCacheKey = (source) => `${FORMAT} ${process.version} ${process.arch} ${sha256(source)}`;

/** The cache made for `key`, and whether a run that succeeded made it; undefined when missing, stale or damaged. */
function readCodeCache(file, key) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const end = bytes.indexOf(0x0a);
  if (end === -1) return undefined;
  const [format, node, arch, source, digest, made, ...rest] = bytes.subarray(0, end).toString('latin1').split(' ');
  if (`${format} ${node} ${arch} ${source}` !== key || (made !== 'complete' && made !== 'partial') || rest.length > 0) return undefined;
  const data = bytes.subarray(end + 1);
  return sha256(data) === digest ? { data, complete: made === 'complete' } : undefined;
}

/** Writes the cache whole or not at all (a run reading it meanwhile sees the old file or the new one); false when it cannot. */
function writeCodeCache(file, key, data, complete) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${key} ${sha256(data)} ${complete ? 'complete' : 'partial'}\n`, 'latin1'), data]));
    renameSync(temporary, file);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing could be written there either.
    }
    return false;
  }
}

/**
 * Runs the CommonJS bundle `bundle` with `args` as its arguments, from its code cache when that was
 * made for it, and (re)writes the cache when the process exits if it was missing, stale, refused by V8
 * or made by a failed run. The bundle must not use import(): a vm.Script has no loader for it in Node 20
 * without an experimental flag (scripts/build.mjs fails the build of such a bundle).
 */
function runWithCodeCache(bundle, args) {
  const source = readFileSync(bundle, 'utf8');
  const file = codeCacheFile(bundle);
  const key = codeCacheKey(source);
  const cached = readCodeCache(file, key);
  // The wrapper Node gives a CommonJS module; on the first line, so that line numbers stay the bundle's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, { filename: bundle, cachedData: cached?.data });
  const used = cached !== undefined && !script.cachedDataRejected;
  if (!used || !cached.complete) {
    process.once('exit', (code) => {
      if (!used || code === 0) writeCodeCache(file, key, script.createCachedData(), code === 0);
    });
  }
  process.argv = [process.argv[0], bundle, ...args];
  const module = { exports: {}, filename: bundle, id: bundle };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
}

module.exports = { codeCacheFile, codeCacheKey, readCodeCache, writeCodeCache, runWithCodeCache };
