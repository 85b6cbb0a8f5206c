import { describe, expect, it } from 'vitest';
import { askRegistry, electronCurrencyVerdict, pinnedElectronVersion } from '../../../scripts/electron-currency.mjs';

const root = new URL('../../../', import.meta.url).pathname;

describe('electron currency check', () => {
  it('passes within two majors of the newest', () => {
    expect(electronCurrencyVerdict('43.1.0', { ok: true, version: '45.5.0' })).toMatchObject({ ok: true });
    expect(electronCurrencyVerdict('45.0.0', { ok: true, version: '45.5.0' })).toMatchObject({ ok: true });
  });

  it('fails more than two majors behind and says which major to move to', () => {
    const verdict = electronCurrencyVerdict('41.7.1', { ok: true, version: '45.5.0' });
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toContain('Electron 41 is 4 majors behind the newest (45.5.0)');
    expect(verdict.message).toContain('upgrade to 43 or later');
  });

  it('passes and says so when the registry cannot be reached', async () => {
    const offline = await askRegistry((_file, _args, _options, callback) => callback(new Error('exit 1'), '', 'npm error code ENOTFOUND\nnpm error network request failed'));
    expect(offline).toEqual({ ok: false, error: 'npm error code ENOTFOUND' });
    const verdict = electronCurrencyVerdict('41.7.1', offline);
    expect(verdict).toEqual({ ok: true, message: expect.stringContaining('not checked, the npm registry could not be reached (npm error code ENOTFOUND)') });
  });

  it('asks `npm view electron version` and reads its answer', async () => {
    const calls: string[][] = [];
    const answer = await askRegistry((file, args, _options, callback) => {
      calls.push([file, ...args]);
      return callback(null, '45.5.0\n', '');
    });
    expect(calls).toEqual([['npm', 'view', 'electron', 'version']]);
    expect(answer).toEqual({ ok: true, version: '45.5.0' });
  });

  it('treats a garbled answer as unreachable rather than guessing', async () => {
    const answer = await askRegistry((_f, _a, _o, callback) => callback(null, '<html>proxy login</html>', ''));
    expect(answer.ok).toBe(false);
  });

  it('reads the pinned version from the lockfile, and the pinned major is current', () => {
    const pinned = pinnedElectronVersion(root);
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(electronCurrencyVerdict(pinned, { ok: true, version: '45.5.0' }).ok).toBe(true);
  });
});
