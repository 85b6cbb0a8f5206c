import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, validateSettings } from '../../../common/settings.js';
import { DEFAULT_SCREENS } from '../../../common/screens.js';
import { parseConfig } from '../../../main/core/config.js';

// `screens` in the bridge config and in Settings: off by default, every key checked, an unknown key
// (a typo) an error naming it.

const base = { relay: { url: 'wss://relay.example.com/v1/bridge', token: 't' }, printers: [], dataDir: '/tmp/x' };

describe('screens config', () => {
  it('is off by default and takes port, bind and names', () => {
    const parsed = parseConfig(base);
    expect(parsed.ok && parsed.config.screens).toEqual(DEFAULT_SCREENS);
    expect(DEFAULT_SCREENS.enabled).toBe(false);
    const on = parseConfig({ ...base, screens: { enabled: true, port: 9000, bind: '192.168.1.20', hostNames: ['Kitchen.Local'] } });
    expect(on.ok && on.config.screens).toEqual({ enabled: true, port: 9000, bind: '192.168.1.20', hostNames: ['kitchen.local'] });
  });

  it('names an unknown key and a bad port', () => {
    const typo = parseConfig({ ...base, screens: { enabled: true, port: 9000, bind: '0.0.0.0', prot: 1 } });
    expect(typo.ok).toBe(false);
    expect(!typo.ok && typo.error).toMatch(/screens.*prot/);
    const port = parseConfig({ ...base, screens: { enabled: true, port: 70_000, bind: '0.0.0.0' } });
    expect(!port.ok && port.error).toMatch(/screens\.port/);
  });

  it('in Settings, refuses an unknown key inside screens by its path', () => {
    const result = validateSettings(DEFAULT_SETTINGS, { screens: { ...DEFAULT_SCREENS, enable: true } });
    expect(result).toEqual({ ok: false, errors: [{ field: 'screens.enable', message: 'is not a setting' }] });
    expect(validateSettings(DEFAULT_SETTINGS, { screens: { ...DEFAULT_SCREENS, enabled: true } }).ok).toBe(true);
  });
});
