import { ACCEPTANCE_DEFAULTS } from '../../../common/acceptance.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, validateSettings, type Settings } from '../../../common/settings.js';
import { parseConfig } from '../../../main/core/config.js';
import { bridgeConfigFrom } from '../../../main/window-api/core-host.js';
import { fileSettingsStore, memorySecretStore } from '../../../main/window-api/settings-file.js';

// Settings → Kitchen: the owner's undo time for a Ready, when stations make an order READY at klikit,
// and the age past which an order is not printed; checked like every setting, carried into the
// bridge's config, and by default exactly what the headless config file does.

const RELAY = 'ws://127.0.0.1:1/v1/bridge';
const secrets = () => memorySecretStore({ relayToken: { value: 'token', origin: 'ws://127.0.0.1:1' } });
const configOf = (settings: Settings, overrides: Record<string, unknown> = {}) => {
  const result = bridgeConfigFrom({ ...settings, relayUrl: RELAY }, secrets(), '/tmp/unused', overrides);
  if (!result.ok) throw new Error(result.error);
  return result.config;
};
const kitchen = (patch: Record<string, unknown>) => validateSettings(DEFAULT_SETTINGS, { kitchen: { ...DEFAULT_SETTINGS.kitchen, ...patch } });
const errorsOf = (result: ReturnType<typeof validateSettings>) => (result.ok ? [] : result.errors);

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the kitchen settings', () => {
  it('default to what the config file does without an actions section or staleOrderHours', () => {
    const file = parseConfig({ relay: { url: RELAY, token: 't' }, printers: [], dataDir: '/tmp/unused' });
    if (!file.ok) throw new Error(file.error);
    expect(DEFAULT_SETTINGS.kitchen).toEqual({ undoSeconds: 10, readyWhen: 'all-stations', staleOrderHours: 24, acceptance: ACCEPTANCE_DEFAULTS, allDayStrip: false, statsRetentionDays: 90 });
    const fromSettings = configOf(DEFAULT_SETTINGS);
    expect(fromSettings.acceptance).toEqual(file.config.acceptance);
    expect(fromSettings.actions).toEqual(file.config.actions);
    expect(fromSettings.staleOrderHours).toBe(file.config.staleOrderHours);
    expect(fromSettings.stats).toEqual(file.config.stats);
  });

  it('keep the day in numbers for the days the owner chooses, within bounds, and become the config’s stats.retentionDays', () => {
    expect(errorsOf(kitchen({ statsRetentionDays: 6 }))).toEqual([{ field: 'kitchen.statsRetentionDays', message: 'at least 7 days' }]);
    expect(errorsOf(kitchen({ statsRetentionDays: 401 }))).toEqual([{ field: 'kitchen.statsRetentionDays', message: 'at most 400 days' }]);
    expect(errorsOf(kitchen({ allDayStrip: 'yes' }))).toEqual([{ field: 'kitchen.allDayStrip', message: 'choose on or off' }]);
    const saved = kitchen({ statsRetentionDays: 30, allDayStrip: true });
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    expect(configOf(saved.settings).stats).toEqual({ retentionDays: 30 });
  });

  it('become the config’s actions.undoSeconds, actions.readyWhen and staleOrderHours, keeping the retry windows', () => {
    const saved = validateSettings(DEFAULT_SETTINGS, { kitchen: { undoSeconds: 45, readyWhen: 'expo', staleOrderHours: 6 } });
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    const config = configOf(saved.settings);
    expect(config.actions).toEqual({ undoSeconds: 45, readyWhen: 'expo', acceptWindowMinutes: 15, bumpWindowMinutes: 180 });
    expect(config.staleOrderHours).toBe(6);
    // 0 is a real choice (Ready goes out at once), not a missing value.
    const atOnce = kitchen({ undoSeconds: 0 });
    expect(atOnce.ok && configOf(atOnce.settings).actions.undoSeconds).toBe(0);
  });

  it('let a config override replace a whole section (tests shorten the undo time)', () => {
    const saved = kitchen({ readyWhen: 'expo' });
    if (!saved.ok) throw new Error('refused');
    expect(configOf(saved.settings, { actions: { undoSeconds: 1 } }).actions).toMatchObject({ undoSeconds: 1, readyWhen: 'all-stations' });
  });

  it('refuse values outside sensible bounds, each in words beside its field', () => {
    expect(errorsOf(kitchen({ undoSeconds: 61 }))).toEqual([{ field: 'kitchen.undoSeconds', message: 'at most 60 seconds: the rider is only called after this wait' }]);
    expect(errorsOf(kitchen({ undoSeconds: -1 }))).toEqual([{ field: 'kitchen.undoSeconds', message: 'at least 0 seconds (0 sends Ready at once)' }]);
    expect(errorsOf(kitchen({ undoSeconds: 2.5 }))).toEqual([{ field: 'kitchen.undoSeconds', message: 'whole seconds only' }]);
    expect(errorsOf(kitchen({ undoSeconds: Number.NaN }))).toEqual([{ field: 'kitchen.undoSeconds', message: 'enter a number of seconds (0 sends Ready at once)' }]);
    expect(errorsOf(kitchen({ undoSeconds: '10' }))).toEqual([{ field: 'kitchen.undoSeconds', message: 'enter a number of seconds (0 sends Ready at once)' }]);
    expect(errorsOf(kitchen({ staleOrderHours: 0 }))).toEqual([{ field: 'kitchen.staleOrderHours', message: 'at least 1 hour' }]);
    expect(errorsOf(kitchen({ staleOrderHours: 73 }))).toEqual([{ field: 'kitchen.staleOrderHours', message: 'at most 72 hours' }]);
    expect(errorsOf(kitchen({ readyWhen: 'first-station' }))).toEqual([{ field: 'kitchen.readyWhen', message: 'choose when every station is done, or when expo bumps the order' }]);
    expect(kitchen({ undoSeconds: 60, staleOrderHours: 72 }).ok).toBe(true);
    expect(kitchen({ undoSeconds: 0, staleOrderHours: 1 }).ok).toBe(true);
  });

  it('reject an unknown key by its name, like an unknown setting, and a missing one', () => {
    expect(errorsOf(kitchen({ acceptWindowMinutes: 30 }))).toEqual([{ field: 'kitchen.acceptWindowMinutes', message: 'is not a setting' }]);
    expect(errorsOf(validateSettings(DEFAULT_SETTINGS, { kitchen: { undoSeconds: 5, readyWhen: 'expo' } })).map((e) => e.field)).toEqual(['kitchen.staleOrderHours']);
    expect(errorsOf(validateSettings(DEFAULT_SETTINGS, { kitchen: null })).map((e) => e.field)).toEqual(['kitchen']);
  });

  it('start at the defaults for a settings file written before they existed, and keep a saved choice', () => {
    dir = mkdtempSync(join(tmpdir(), 'kitchen-settings-'));
    const path = join(dir, 'settings.json');
    const { kitchen: _omitted, ...older } = DEFAULT_SETTINGS;
    writeFileSync(path, JSON.stringify({ ...older, relayUrl: RELAY }));
    const warnings: string[] = [];
    const store = fileSettingsStore(path, (message) => warnings.push(message));
    expect(store.read().kitchen).toEqual({ undoSeconds: 10, readyWhen: 'all-stations', staleOrderHours: 24, acceptance: ACCEPTANCE_DEFAULTS, allDayStrip: false, statsRetentionDays: 90 });
    expect(warnings).toEqual([]);

    const kitchen = { undoSeconds: 20, readyWhen: 'expo' as const, staleOrderHours: 12, acceptance: { ...ACCEPTANCE_DEFAULTS, autoAcceptBelowOpenOrders: 3 }, allDayStrip: true, statsRetentionDays: 30 };
    store.write({ ...store.read(), kitchen });
    expect(store.read().kitchen).toEqual(kitchen);
  });
});
