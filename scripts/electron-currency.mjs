// CI check: Electron supports only its latest three majors, so a pinned major more than two behind
// the newest published one ships a browser engine without security fixes. Fails (exit 1) and says so;
// passes with a note when the registry cannot be asked, because an offline CI run proves nothing
// either way and must not block unrelated work.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export const MAX_MAJORS_BEHIND = 2;

const majorOf = (version) => Number(/^v?(\d+)\./.exec(version.trim())?.[1] ?? Number.NaN);

/** The verdict on a pinned Electron version given the registry's answer. */
export function electronCurrencyVerdict(pinnedVersion, latest) {
  if (!latest.ok) {
    return { ok: true, message: `electron currency: not checked, the npm registry could not be reached (${latest.error}); pinned ${pinnedVersion}` };
  }
  const pinned = majorOf(pinnedVersion);
  const newest = majorOf(latest.version);
  if (!Number.isInteger(pinned) || !Number.isInteger(newest)) {
    return { ok: false, message: `electron currency: cannot compare pinned "${pinnedVersion}" with the registry's "${latest.version}"` };
  }
  const behind = newest - pinned;
  if (behind > MAX_MAJORS_BEHIND) {
    return {
      ok: false,
      message: `electron currency: Electron ${pinned} is ${behind} majors behind the newest (${latest.version}); Electron supports only the latest ${MAX_MAJORS_BEHIND + 1} majors, so upgrade to ${newest - MAX_MAJORS_BEHIND} or later`,
    };
  }
  return { ok: true, message: `electron currency: Electron ${pinnedVersion} is ${behind} major(s) behind the newest (${latest.version}): supported` };
}

/** The Electron version the lockfile pins (what `npm ci` installs). */
export function pinnedElectronVersion(root) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const version = lock.packages?.['node_modules/electron']?.version;
  if (typeof version !== 'string') throw new Error('package-lock.json pins no node_modules/electron');
  return version;
}

/** `npm view electron version`, as a value: `{ ok, version }` or `{ ok: false, error }`. */
export function askRegistry(run = execFile, timeoutMs = 20_000) {
  return new Promise((resolveAnswer) => {
    run('npm', ['view', 'electron', 'version'], { timeout: timeoutMs, shell: process.platform === 'win32' }, (err, stdout, stderr) => {
      const text = String(stdout ?? '').trim();
      if (err || !/^\d+\.\d+\.\d+/.test(text)) {
        const why = String(stderr ?? '').trim().split('\n').find((line) => line.trim() !== '') ?? err?.message ?? `unexpected answer "${text}"`;
        resolveAnswer({ ok: false, error: why });
        return;
      }
      resolveAnswer({ ok: true, version: text });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const verdict = electronCurrencyVerdict(pinnedElectronVersion(root), await askRegistry());
  (verdict.ok ? console.log : console.error)(verdict.message);
  process.exitCode = verdict.ok ? 0 : 1;
}
